using Lantern.Data;
using Lantern.Domain.Escalation;
using Lantern.Domain.Investigations;
using Lantern.Duties;
using Lantern.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Investigations;

/// <summary>
/// The mandatory review of a decision not to prosecute, due 5 working days after it (configurable). It has two
/// owners, each with a management line of its own, so it is two duties over the same reviews: the police force's
/// (its team managers, the senior investigating officers; then its service managers and heads of service) and
/// children's social care's exploitation team (its team managers; then children's social care's service managers
/// and heads of service). Each climbs its own ladder until the review is recorded.
/// </summary>
public abstract class NoChargeReviewDuty(LanternDbContext db) : IDuty
{
    public abstract string Key { get; }

    protected abstract Task<Func<NoChargeReview, LineStart>> OwnerAsync(CancellationToken ct);

    public async Task<IReadOnlyList<OverdueDuty>> OverdueAsync(DateTimeOffset now, CancellationToken ct)
    {
        var reviews = await db.NoChargeReviews.AsNoTracking()
            .Where(r => r.Status == ReviewStatus.Due && r.DueBy <= now)
            .ToListAsync(ct);
        if (reviews.Count == 0)
        {
            return [];
        }
        var owner = await OwnerAsync(ct);
        return [.. reviews.Select(r => new OverdueDuty(r.Id, r.Reference, r.DueBy, owner(r), NoChargeReviews.RecordType, NoChargeReviews.PagePath(r.ChildId)))];
    }

    public DutyMessage Message(OverdueDuty duty, EscalationLevel level, string due)
    {
        ArgumentNullException.ThrowIfNull(duty);
        const string Why = "A decision not to prosecute on an allegation of sexual abuse or exploitation of a child cannot close silently: a senior investigating officer and the exploitation team manager review it.";
        return level switch
        {
            EscalationLevel.TeamManager => new($"Review overdue: decision not to prosecute {duty.Reference}",
                $"The review of decision {duty.Reference} was due by {due} and has not been recorded. {Why} Record the review now."),
            EscalationLevel.ServiceManager => new($"Escalated to you: review of decision not to prosecute {duty.Reference}",
                $"The review of decision {duty.Reference} was due by {due} and is still not recorded after the team managers were told. {Why} As service manager, make sure it is done."),
            EscalationLevel.HeadOfService => new($"Escalated to head of service: review of decision not to prosecute {duty.Reference}",
                $"The review of decision {duty.Reference} was due by {due} and is still not recorded after the service manager was told. {Why}"),
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
        };
    }
}

/// <summary>The review's police owner: the force that recorded the decision (every force, for a referral's review).</summary>
public sealed class NoChargeReviewPoliceDuty(LanternDbContext db) : NoChargeReviewDuty(db)
{
    public const string DutyKey = "NoChargeReviewPolice";

    public override string Key => DutyKey;

    protected override Task<Func<NoChargeReview, LineStart>> OwnerAsync(CancellationToken ct) =>
        Task.FromResult<Func<NoChargeReview, LineStart>>(r => new LineStart(NoChargeReviews.PoliceWhere(r)));
}

/// <summary>The review's social care owner: the exploitation team's managers, then children's social care's line.</summary>
public sealed class NoChargeReviewExploitationTeamDuty(LanternDbContext db, NoChargeReviews reviews) : NoChargeReviewDuty(db)
{
    public const string DutyKey = "NoChargeReviewExploitationTeam";

    public override string Key => DutyKey;

    protected override async Task<Func<NoChargeReview, LineStart>> OwnerAsync(CancellationToken ct)
    {
        var team = await reviews.ExploitationTeamAsync(ct);
        return r => team is { } t ? new LineStart(Where.ChildrensSocialCare, Team: t) : LineStart.OfChild(r.ChildId, Where.ChildrensSocialCare);
    }
}
