using System.Globalization;
using Lantern.Domain.Auditing;
using Microsoft.Extensions.Options;

namespace Lantern.Auditing;

/// <summary>
/// The whole check behind <c>lantern audit verify</c>: the hash chain, then every checkpoint against it, with
/// what to tell the operator.
/// </summary>
public sealed record AuditReport(AuditVerification Chain, AuditCheckpointVerification Checkpoints, TimeSpan Interval)
{
    /// <summary>At most this many checkpoint problems are printed; the count of the rest follows.</summary>
    public const int ProblemsShown = 20;

    public bool IsIntact => Chain.IsIntact && Checkpoints.IsIntact;

    /// <summary>The first thing found wrong, in one line, or null.</summary>
    public string? FirstProblem => !Chain.IsIntact ? ChainProblem : Checkpoints.Problems.Count > 0 ? Checkpoints.Problems[0] : null;

    private string ChainProblem => $"Audit trail broken at event {Chain.FirstBadSequence}: {Chain.Problem}. {Chain.EventsVerified} events before it verified.";

    public static async Task<AuditReport> VerifyAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var chain = services.GetRequiredService<AuditVerifier>().Verify();
        var checkpoints = await services.GetRequiredService<AuditCheckpointVerifier>().VerifyAsync(ct);
        return new AuditReport(chain, checkpoints, services.GetRequiredService<IOptions<AuditCheckpointOptions>>().Value.Interval);
    }

    public async Task WriteAsync(TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (Chain.IsIntact)
        {
            await output.WriteLineAsync($"Audit trail intact: {Chain.EventsVerified} events verified; head {Chain.HeadHash}.");
        }
        else
        {
            await error.WriteLineAsync(ChainProblem);
        }
        if (Checkpoints.IsIntact)
        {
            await output.WriteLineAsync(Checkpoints.Checkpoints == 0
                ? "No checkpoints yet: only the chain was verified. Write one with lantern audit checkpoint " +
                  $"(a running Lantern writes one every {Interval.ToString("c", CultureInfo.InvariantCulture)} while the trail grows)."
                : $"Checkpoints intact: {Checkpoints.Checkpoints} verified; the newest, of {Checkpoints.NewestAt!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}, " +
                  $"covers event {Checkpoints.NewestSequence}; {Checkpoints.EventsAfterNewest} later events are not covered by a checkpoint yet.");
            return;
        }
        foreach (var problem in Checkpoints.Problems.Take(ProblemsShown))
        {
            await error.WriteLineAsync("Audit checkpoints: " + problem);
        }
        if (Checkpoints.Problems.Count > ProblemsShown)
        {
            await error.WriteLineAsync($"Audit checkpoints: and {Checkpoints.Problems.Count - ProblemsShown} more problems.");
        }
    }
}
