using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lantern.Common;
using Lantern.Domain.Language;
using Lantern.Features.Language;
using Lantern.Hosting;

namespace Lantern.Cli;

/// <summary>
/// `lantern language check`: the language guard for batch review. Reads one text per line from
/// standard input and writes one JSON object per line, {"line":N,"findings":[...]}, with an empty
/// list when a line has none. No database; the texts are not stored or logged.
/// </summary>
internal static class LanguageCommand
{
    /// <summary>
    /// One JSON object per line, as the API writes it, but with apostrophes and curly quotes left
    /// readable: this output goes to files and terminals, never into a web page.
    /// </summary>
    private static readonly JsonSerializerOptions Json = new(ApiJson.Options)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Build()
    {
        var phrases = new Option<FileInfo?>("--phrases")
        {
            Description = "Phrase list to use instead of Lantern:LanguageGuard:File (default language-guard.json beside the executable); "
                + "a way to try an edited list before deploying it",
        };
        var check = new Command("check", "Read one text per line from standard input; write one JSON line of findings per text") { phrases };
        check.SetAction((parse, ct) => CheckAsync(parse.GetValue(phrases), Console.In, Console.Out, ct));
        var language = new Command("language", "The language guard: victim-blaming wording, why it harms and what to write instead");
        language.Subcommands.Add(check);
        return language;
    }

    private static async Task<int> CheckAsync(FileInfo? phrases, TextReader input, TextWriter output, CancellationToken ct)
    {
        LanguageGuard guard;
        try
        {
            guard = phrases is null ? ConfiguredGuard() : LanguageGuardSetup.Load(phrases.FullName);
        }
        catch (Exception ex) when (LanternCommandLine.StartupProblem(ex) is { } message)
        {
            await Console.Error.WriteLineAsync("lantern: " + message);
            return 1;
        }

        var number = 0;
        while (await input.ReadLineAsync(ct) is { } line)
        {
            number++;
            var findings = guard.Check(line).Select(LanguageCheckFinding.From).ToList();
            await output.WriteAsync(JsonSerializer.Serialize(new LineFindings(number, findings), Json) + "\n");
        }
        await output.FlushAsync(ct);
        return 0;
    }

    /// <summary>The list named by the same settings as the web app (appsettings.json, environment variables).</summary>
    private static LanguageGuard ConfiguredGuard()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        builder.Services.AddLanternLanguageGuard(builder.Configuration);
        using var host = builder.Build();
        return host.Services.GetRequiredService<LanguageGuard>();
    }

    private sealed record LineFindings(int Line, IReadOnlyList<LanguageCheckFinding> Findings);
}
