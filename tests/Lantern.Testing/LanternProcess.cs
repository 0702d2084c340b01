using System.Diagnostics;

namespace Lantern.Testing;

/// <summary>Runs the real `lantern` executable as a person would from a shell.</summary>
public static class LanternProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lantern.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Lantern.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The app built in the same configuration as the tests (bin/Debug or bin/Release).</summary>
    public static string ExecutablePath
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepositoryRoot, "src", "Lantern", "bin", configuration, "net10.0", "lantern.dll");
        }
    }

    public static async Task<Result> RunAsync(IEnumerable<string> args, string? standardInput = null,
        IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(ExecutablePath);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        // A clean environment for the settings under test.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Lantern__", StringComparison.Ordinal) || k == "LANTERN_DATA_DIR").ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"lantern {string.Join(' ', args)} did not exit; output so far: {await output}{await error}");
        }
        return new Result(process.ExitCode, await output, await error);
    }
}
