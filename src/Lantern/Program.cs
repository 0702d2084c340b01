using Lantern.Cli;

return await LanternCommandLine.InvokeAsync(args);

/// <summary>The entry point; public so the test host can start the app.</summary>
public partial class Program;
