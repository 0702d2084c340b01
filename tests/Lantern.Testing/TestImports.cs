using Lantern.Features.Import;
using Microsoft.Extensions.DependencyInjection;

namespace Lantern.Testing;

/// <summary>An agency's extract loaded through the service the command line and the API use.</summary>
public static class TestImports
{
    public static async Task<ImportSummary> ImportAsync(TestApp app, IEnumerable<string> lines, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        using var reader = new StringReader(string.Join('\n', lines));
        return await scope.ServiceProvider.GetRequiredService<ExtractImport>().ImportAsync(reader, new Importer(null), null, ct);
    }
}
