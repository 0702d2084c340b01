using System.CommandLine;
using System.Globalization;
using Lantern.Alerts;
using Lantern.Data;
using Lantern.Features.Identity;
using Lantern.Features.Import;
using Lantern.Features.Investigations;
using Lantern.Features.MissingEpisodes;
using Lantern.Features.Network;

namespace Lantern.Cli;

/// <summary>
/// `lantern import FILE.jsonl`: loads an agency extract (docs/import-format.md). Progress goes to standard error
/// as it runs; the summary, then each problem by line and field, to standard output. Exit code 0 when every
/// line was taken or unchanged, 1 when some lines were skipped (they wrote nothing), 2 when the file cannot be read.
/// </summary>
internal static class ImportCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "The extract: one JSON object a line, the header first" };
        var command = new Command("import", "Load an agency's extract of children, people, vehicles, phones, places and events; the same file twice changes nothing") { file };
        command.SetAction((p, ct) => LanternCommandLine.RunAsync(p, async (sp, token) =>
        {
            var path = p.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"lantern import: {path.Name}: file not found");
                return 2;
            }
            await sp.GetRequiredService<DatabaseStartup>().MigrateAsync(token);
            await using var scope = sp.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IdentityIndex>().CatchUpAsync(scope.ServiceProvider.GetRequiredService<LanternDbContext>(), token);
            using var reader = new StreamReader(path.FullName);
            var summary = await scope.ServiceProvider.GetRequiredService<ExtractImport>().ImportAsync(reader, new Importer(null),
                new Progress<ImportProgress>(pr => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{pr.Lines:N0} lines read: {pr.Taken:N0} taken, {pr.Unchanged:N0} unchanged, {pr.Skipped:N0} skipped"))), token);
            Console.WriteLine(Describe(summary));
            foreach (var e in summary.Errors)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {e.Line}{(e.Field.Length == 0 ? "" : " " + e.Field)}: {e.Message}"));
            }
            if (summary.ErrorsNotListed > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"... and {summary.ErrorsNotListed:N0} more problems not listed"));
            }
            return summary.Skipped > 0 ? 1 : 0;
        }, (services, configuration) =>
        {
            services.AddLanternAlerts(configuration);
            services.AddIdentityResolution(configuration);
            services.AddNetwork(configuration);
            services.AddMissingEpisodes(configuration);
            services.AddInvestigations(configuration);
            services.AddImport();
        }, ct));
        return command;
    }

    /// <summary>`lantern export [--out FILE]`: every imported record as last imported, each followed by what Lantern made of it.</summary>
    public static Command BuildExport()
    {
        var output = new Option<FileInfo?>("--out") { Description = "Write the extract here (default: standard output)" };
        var command = new Command("export", "Write every imported record in the extract format, each followed by what Lantern made of it (the record it joined, clocks, flags)") { output };
        command.SetAction((p, ct) => LanternCommandLine.RunAsync(p, async (sp, token) =>
        {
            await sp.GetRequiredService<DatabaseStartup>().MigrateAsync(token);
            await using var scope = sp.CreateAsyncScope();
            var file = p.GetValue(output);
            var count = 0;
            if (file is null)
            {
                count = await scope.ServiceProvider.GetRequiredService<ExtractExport>().ExportAsync(Console.Out, null, token);
            }
            else
            {
                await using var writer = new StreamWriter(file.FullName, false, new System.Text.UTF8Encoding(false));
                count = await scope.ServiceProvider.GetRequiredService<ExtractExport>().ExportAsync(writer, null, token);
            }
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{count:N0} records exported{(file is null ? "" : " to " + file.Name)}."));
            return 0;
        }, (services, configuration) => services.AddImport(), ct));
        return command;
    }

    /// <summary>"1,204 lines: 1,180 taken (12 corrections), 20 unchanged, 4 skipped. Taken: 300 child, ..."</summary>
    public static string Describe(ImportSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return string.Create(CultureInfo.InvariantCulture,
            $"{summary.Lines:N0} lines: {summary.Taken:N0} taken ({summary.Corrected:N0} corrections), {summary.Unchanged:N0} unchanged, {summary.Skipped:N0} skipped.")
            + (summary.TakenByType.Count == 0 ? "" : " Taken: " + string.Join(", ", summary.TakenByType.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Value:N0} {t.Key}"))) + ".")
            + (summary.WordingFlagged == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
                $" Wording that can blame a child: {summary.WordingFlagged:N0} {(summary.WordingFlagged == 1 ? "phrase" : "phrases")} flagged for review, kept as written."));
    }
}
