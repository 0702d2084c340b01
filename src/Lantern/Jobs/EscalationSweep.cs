using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Domain.Escalation;
using Lantern.Domain.Partnership;
using Lantern.Domain.Referrals;
using Lantern.Features.FrontDoor;
using Lantern.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Jobs;

/// <summary>
/// Looks for duties past their deadline and performs each escalation step that has fallen due and
/// was not yet performed: it records the step, tells the people who hold the role and audits it, in
/// one transaction. Every node of a cluster runs the sweep; the unique key on the step lets exactly
/// one of them perform each step (see docs/adr/0009-escalation-exactly-once.md).
/// </summary>
public sealed partial class EscalationSweep(
    LanternDbContext db,
    EscalationLadder ladder,
    WorkingDayCalendar calendar,
    Notifier notifier,
    AuditTrail audit,
    TimeProvider time,
    Features.Screenings.Screenings screenings,
    ILogger<EscalationSweep> logger)
{
    /// <summary>
    /// A duty past its deadline. <paramref name="AllocatedTo"/> is the worker whose team manager is told
    /// first (the referral's allocated worker, or the social worker involved with a missing child); a
    /// team named without a worker stands in for it.
    /// </summary>
    private sealed record OpenDuty(DutyKind Duty, Guid SubjectId, string Reference, DateTimeOffset DueBy, Guid? AllocatedTo,
        string RecordType = "Referral", string? Link = null, TeamId? Team = null);

    /// <summary>Performs every escalation step due now; returns how many this node performed.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var duties = new List<OpenDuty>();
        var referrals = await db.Referrals.AsNoTracking()
            .Where(r => r.Status != ReferralStatus.Decided && r.DecisionDueBy <= now)
            .Select(r => new { r.Id, r.Reference, r.DecisionDueBy, r.AllocatedTo })
            .ToListAsync(ct);
        duties.AddRange(referrals.Select(r => new OpenDuty(DutyKind.ReferralDecision, r.Id.Value, r.Reference, r.DecisionDueBy, r.AllocatedTo)));
        var challenges = await db.ProfessionalChallenges.AsNoTracking()
            .Where(c => c.Status == ChallengeStatus.Open && c.DueBy <= now)
            .Select(c => new { c.Id, c.Referral!.Reference, c.DueBy })
            .ToListAsync(ct);
        duties.AddRange(challenges.Select(c => new OpenDuty(DutyKind.ProfessionalChallenge, c.Id, c.Reference, c.DueBy, null)));
        duties.AddRange(await OverdueReturnInterviewsAsync(now, ct));
        duties.AddRange(await OverdueScreeningsAsync(now, ct));
        if (duties.Count == 0)
        {
            return 0;
        }

        var subjectIds = duties.Select(d => d.SubjectId).ToList();
        var done = (await db.EscalationSteps.AsNoTracking()
                .Where(s => subjectIds.Contains(s.SubjectId))
                .Select(s => new { s.Duty, s.SubjectId, s.DutyDueBy, s.Level })
                .ToListAsync(ct))
            .Select(s => (s.Duty, s.SubjectId, s.DutyDueBy, s.Level))
            .ToHashSet();

        var performed = 0;
        foreach (var duty in duties.OrderBy(d => d.DueBy))
        {
            foreach (var step in ladder.DueSteps(duty.Duty, duty.DueBy, now))
            {
                if (!done.Contains((duty.Duty, duty.SubjectId, duty.DueBy, step.Level)) && await PerformAsync(duty, step, now, ct))
                {
                    performed++;
                }
            }
        }
        return performed;
    }

    private async Task<bool> PerformAsync(OpenDuty duty, EscalationStepDue step, DateTimeOffset now, CancellationToken ct)
    {
        var recipients = await RecipientsAsync(step.Level, duty.AllocatedTo, duty.Team, ct);
        db.EscalationSteps.Add(new EscalationStep
        {
            Duty = duty.Duty,
            SubjectId = duty.SubjectId,
            Reference = duty.Reference,
            DutyDueBy = duty.DueBy,
            Level = step.Level,
            StepDueAt = step.DueAt,
            PerformedAt = now,
            Told = Truncate(string.Join(", ", recipients.Select(r => r.DisplayName)), 2000),
        });
        var (subject, body) = Message(duty, step.Level);
        foreach (var recipient in recipients)
        {
            notifier.Add(recipient.Id, recipient.Email, subject, body, duty.Link ?? $"/referrals/{duty.Reference}");
        }
        try
        {
            await audit.SaveAsync(AuditEntry.System(AuditCode.EscalationRaised, duty.RecordType, duty.Reference,
                $"{duty.Duty} due {duty.DueBy:O}: {step.Level} told ({recipients.Count})"), ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            // Another node performed the step first: the unique key refused this one, as it should.
            if (await db.EscalationSteps.AnyAsync(s => s.Duty == duty.Duty && s.SubjectId == duty.SubjectId && s.DutyDueBy == duty.DueBy && s.Level == step.Level, ct))
            {
                LogPerformedElsewhere(logger, duty.Reference, step.Level);
                return false;
            }
            throw;
        }
        db.ChangeTracker.Clear();
        LogEscalated(logger, duty.Reference, duty.Duty, step.Level, recipients.Count);
        return true;
    }

    private sealed record Recipient(Guid Id, string? Email, string DisplayName);

    /// <summary>
    /// The team manager of the worker the referral is allocated to (every front-door team manager
    /// when it is not allocated); the service managers and heads of service of children's social care.
    /// </summary>
    private async Task<IReadOnlyList<Recipient>> RecipientsAsync(EscalationLevel level, Guid? allocatedTo, TeamId? allocatedTeam, CancellationToken ct)
    {
        var role = level switch
        {
            EscalationLevel.TeamManager => Role.TeamManager,
            EscalationLevel.ServiceManager => Role.ServiceManager,
            EscalationLevel.HeadOfService => Role.HeadOfService,
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
        };
        var holders = notifier.ChildrensSocialCare(role);
        if (level == EscalationLevel.TeamManager && (allocatedTo is not null || allocatedTeam is not null))
        {
            var team = allocatedTo is { } worker ? await db.Users.Where(u => u.Id == worker).Select(u => u.TeamId).FirstOrDefaultAsync(ct) : allocatedTeam;
            var ofTeam = await holders.Where(u => u.TeamId == team).Select(u => new Recipient(u.Id, u.Email, u.DisplayName)).ToListAsync(ct);
            if (team is not null && ofTeam.Count > 0)
            {
                return ofTeam;
            }
        }
        return await holders.OrderBy(u => u.DisplayName).Select(u => new Recipient(u.Id, u.Email, u.DisplayName)).ToListAsync(ct);
    }

    private (string Subject, string Body) Message(OpenDuty duty, EscalationLevel level)
    {
        var due = calendar.UkTime(duty.DueBy);
        return duty.Duty switch
        {
            DutyKind.ReferralDecision => level switch
            {
                EscalationLevel.TeamManager => ($"Decision overdue: referral {duty.Reference}",
                    $"Referral {duty.Reference} has no decision and was due {due}. As team manager, make sure it is decided now."),
                EscalationLevel.ServiceManager => ($"Escalated to you: referral {duty.Reference}",
                    $"Referral {duty.Reference} was due {due} and is still undecided after the team manager was told. As service manager, make sure it is decided."),
                EscalationLevel.HeadOfService => ($"Escalated to head of service: referral {duty.Reference}",
                    $"Referral {duty.Reference} was due {due} and is still undecided after the service manager was told. It is now on the partnership's overdue list."),
                _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
            },
            DutyKind.ProfessionalChallenge => ($"Professional challenge not answered: referral {duty.Reference}",
                $"A professional challenge about referral {duty.Reference} was due an answer by {due} and has none. As head of service, make sure it is answered."),
            DutyKind.ReturnInterview => level switch
            {
                EscalationLevel.TeamManager => ($"Return home interview overdue: {duty.Reference}",
                    $"The return home interview after missing episode {duty.Reference} was due by {due} and has not been done, declined or recorded as not done. As team manager, make sure it is done now."),
                EscalationLevel.ServiceManager => ($"Escalated to you: return home interview {duty.Reference}",
                    $"The return home interview after missing episode {duty.Reference} was due by {due} and is still outstanding after the team manager was told. As service manager, make sure it is done."),
                EscalationLevel.HeadOfService => ($"Escalated to head of service: return home interview {duty.Reference}",
                    $"The return home interview after missing episode {duty.Reference} was due by {due} and is still outstanding after the service manager was told."),
                _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
            },
            DutyKind.Screening => level switch
            {
                EscalationLevel.TeamManager => ($"Exploitation screening overdue: {duty.Reference}",
                    $"An exploitation screening of a child your team works with was due by {due} and has not been done. As team manager, make sure it is done now."),
                EscalationLevel.ServiceManager => ($"Escalated to you: exploitation screening {duty.Reference}",
                    $"An exploitation screening was due by {due} and is still not done after the team manager was told. As service manager, make sure it is done."),
                EscalationLevel.HeadOfService => ($"Escalated to head of service: exploitation screening {duty.Reference}",
                    $"An exploitation screening was due by {due} and is still not done after the service manager was told."),
                _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(duty), duty.Duty, null),
        };
    }

    /// <summary>
    /// Screenings whose due time has passed without one being done, of children an agency is involved
    /// with and not known to be adults. Told first: the team manager of the children's social care
    /// worker involved with the child, as for a return home interview.
    /// </summary>
    private async Task<IReadOnlyList<OpenDuty>> OverdueScreeningsAsync(DateTimeOffset now, CancellationToken ct)
    {
        var due = (await screenings.DueForAsync(screenings.Responsible(db.Children.AsNoTracking()), ct)).Where(d => d.Due.DueBy <= now).ToList();
        var duties = new List<OpenDuty>(due.Count);
        foreach (var d in due)
        {
            var involved = await InvolvedSocialWorkerAsync(d.ChildId, ct);
            duties.Add(new OpenDuty(DutyKind.Screening, d.ChildId.Value, Features.Screenings.Screenings.DutyReference(d.ChildId), d.Due.DueBy,
                involved?.PractitionerId, "Child", $"/children/{d.ChildId}", involved?.TeamId));
        }
        return duties;
    }

    private sealed record InvolvedWorker(Guid? PractitionerId, TeamId? TeamId);

    private Task<InvolvedWorker?> InvolvedSocialWorkerAsync(ChildId child, CancellationToken ct) =>
        db.Involvements.AsNoTracking()
            .Where(i => i.ChildId == child && i.EndedAt == null && i.Agency!.Kind == AgencyKind.ChildrensSocialCare)
            .OrderBy(i => i.PractitionerId == null).ThenByDescending(i => i.StartedAt)
            .Select(i => new InvolvedWorker(i.PractitionerId, i.TeamId))
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// Return home interviews whose clock has run out (returned, and not yet done, declined or
    /// recorded as not done). The team manager told first is the one of the children's social care
    /// worker involved with the child, else every children's social care team manager.
    /// </summary>
    private async Task<IReadOnlyList<OpenDuty>> OverdueReturnInterviewsAsync(DateTimeOffset now, CancellationToken ct)
    {
        ReturnInterviewStatus[] open = [ReturnInterviewStatus.Due, ReturnInterviewStatus.Offered, ReturnInterviewStatus.Accepted];
        var episodes = await db.MissingEpisodes.AsNoTracking()
            .Where(m => open.Contains(m.InterviewStatus) && m.InterviewDueBy != null && m.InterviewDueBy <= now)
            .Select(m => new { m.Id, m.Reference, m.ChildId, DueBy = m.InterviewDueBy!.Value })
            .ToListAsync(ct);
        var duties = new List<OpenDuty>(episodes.Count);
        foreach (var e in episodes)
        {
            var involved = await InvolvedSocialWorkerAsync(e.ChildId, ct);
            duties.Add(new OpenDuty(DutyKind.ReturnInterview, e.Id, e.Reference, e.DueBy, involved?.PractitionerId,
                Features.Children.MissingEpisodes.RecordType, Features.Children.MissingEpisodes.PagePath(e.ChildId, e.Id), involved?.TeamId));
        }
        return duties;
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalated {Reference} ({Duty}) to {Level}; {Count} people told")]
    private static partial void LogEscalated(ILogger logger, string reference, DutyKind duty, EscalationLevel level, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Escalation of {Reference} to {Level} was performed by another node")]
    private static partial void LogPerformedElsewhere(ILogger logger, string reference, EscalationLevel level);
}
