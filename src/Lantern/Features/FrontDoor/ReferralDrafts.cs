using System.Text.Json;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.FrontDoor;

/// <summary>
/// A person's unsent referrals: starting one, listing them and deleting one. A draft is its owner's alone; anyone
/// else's is simply not found. "Start now" does not leave a trail of empty drafts: a draft that says nothing about
/// a child or a concern yet is taken up again rather than another one made.
/// </summary>
public sealed class ReferralDrafts(LanternDbContext db, CurrentUser me, AuditTrail audit, TimeProvider time)
{
    /// <summary>An unsent draft as its owner's list shows it: whom it is about, so far, and when it was last saved.</summary>
    public sealed record Unsent(Guid Id, string? Child, bool Untouched, DateTimeOffset UpdatedAt);

    /// <summary>
    /// The draft "Start now" opens: the person's newest unsent draft that says nothing yet about a child or a concern
    /// (anything it holds, such as contact details, is kept), or a new one with their contact details filled in.
    /// </summary>
    public async Task<Guid> StartAsync(CancellationToken ct)
    {
        var untouched = (await UnsentAsync(ct)).FirstOrDefault(d => d.Untouched);
        if (untouched is not null)
        {
            return untouched.Id;
        }
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == me.Id, ct);
        var answers = new ReferralRequest
        {
            Referrer = new ReferrerDetails { Name = user.DisplayName, Role = user.JobTitle, Email = user.Email, Phone = user.PhoneNumber },
        };
        var now = time.GetUtcNow();
        var draft = new ReferralDraft { OwnerId = me.Id, Data = JsonSerializer.Serialize(answers, ApiJson.Options), CreatedAt = now, UpdatedAt = now };
        db.ReferralDrafts.Add(draft);
        await db.SaveChangesAsync(ct);
        return draft.Id;
    }

    /// <summary>The person's unsent drafts, the one saved last first.</summary>
    public async Task<IReadOnlyList<Unsent>> UnsentAsync(CancellationToken ct) =>
        [.. (await Mine().Where(d => d.SubmittedReference == null).OrderByDescending(d => d.UpdatedAt).ThenByDescending(d => d.Id).ToListAsync(ct))
            .Select(d => Summarise(d.Id, Answers(d), d.UpdatedAt))];

    /// <summary>One of the person's unsent drafts, or null when there is none with this id (or it was sent).</summary>
    public async Task<Unsent?> FindUnsentAsync(Guid id, CancellationToken ct) =>
        await Mine().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && d.SubmittedReference == null, ct) is { } draft
            ? Summarise(draft.Id, Answers(draft), draft.UpdatedAt)
            : null;

    /// <summary>Deletes one of the person's unsent drafts, audited; false when there is none to delete (already gone, sent, or not theirs).</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var draft = await Mine().FirstOrDefaultAsync(d => d.Id == id && d.SubmittedReference == null, ct);
        if (draft is null)
        {
            return false;
        }
        db.ReferralDrafts.Remove(draft);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.ReferralDraftDeleted, "ReferralDraft", id.ToString(), "deleted by its owner"), ct);
        return true;
    }

    /// <summary>Whether the answers say anything yet about a child or a concern: a draft that does not is worth nobody's keeping twice.</summary>
    public static bool SaysNothingAboutAChild(ReferralRequest answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var child = answers.Child;
        string?[] written = [child?.GivenName, child?.FamilyName, child?.KnownAs, child?.Address, child?.Postcode, child?.School, child?.NhsNumber,
            child?.UniquePupilNumber, child?.PoliceReference, answers.Concern?.WhatHappened, answers.Concern?.WhyWorried];
        return written.All(string.IsNullOrWhiteSpace) && child?.DateOfBirth is null && child?.ApproximateAge is null
            && answers.Concern?.SexualHarmOrExploitation != true && (answers.Mentions?.Count ?? 0) == 0
            && answers.FamilyAware is null && answers.LawfulBasis is null;
    }

    private IQueryable<ReferralDraft> Mine() => db.ReferralDrafts.Where(d => d.OwnerId == me.Id);

    private static ReferralRequest Answers(ReferralDraft draft) =>
        JsonSerializer.Deserialize<ReferralRequest>(draft.Data, ApiJson.Options) ?? new ReferralRequest();

    private static Unsent Summarise(Guid id, ReferralRequest answers, DateTimeOffset updatedAt)
    {
        var name = string.Join(' ', new[] { answers.Child?.GivenName, answers.Child?.FamilyName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()));
        return new Unsent(id, name.Length == 0 ? null : name, SaysNothingAboutAChild(answers), updatedAt);
    }
}
