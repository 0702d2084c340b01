using System.Text;
using System.Text.Json;
using Lantern.Auditing;
using Lantern.Common;
using Lantern.Data;
using Lantern.Domain;
using Lantern.Domain.Calendar;
using Lantern.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Drafts;

/// <summary>
/// The signed-in person's drafts of the long forms about a child (docs/adr/0007): the page's script saves
/// the form's fields while they type, the page puts them back when the form is opened again, and the draft
/// goes when the form is submitted or cleared, or <see cref="KeptFor"/> after its last save. A draft is only
/// ever looked up by its owner's id and the form's key, so nobody else can read it.
/// </summary>
public sealed class FormDrafts(LanternDbContext db, CurrentUser me, TimeProvider time, WorkingDayCalendar calendar, AuditTrail audit)
{
    public const string RecordType = "FormDraft";

    /// <summary>The most a draft holds, as UTF-8 JSON: far more than the forms accept (10,000 characters a summary).</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>How long a draft is kept after its last save; the scheduled work removes older ones.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The person's draft of the form, to put back into it; null when there is none or it is older than
    /// <see cref="KeptFor"/>. <paramref name="where"/> names the form when the page holds more than one.
    /// </summary>
    public async Task<RestoredDraft<T>?> RestoreAsync<T>(string formKey, CancellationToken ct, string? where = null)
        where T : class
    {
        var draft = await db.FormDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.OwnerId == me.Id && d.FormKey == formKey, ct);
        if (draft is null)
        {
            return null;
        }
        var now = time.GetUtcNow();
        if (Expired(draft, now))
        {
            // The scheduled work has not reached it yet; it is as good as gone.
            await db.FormDrafts.Where(d => d.Id == draft.Id).ExecuteDeleteAsync(ct);
            return null;
        }
        var values = JsonSerializer.Deserialize<T>(draft.Data, Json);
        if (values is null)
        {
            return null;
        }
        var when = calendar.LocalDate(draft.UpdatedAt) == calendar.LocalDate(now)
            ? "at " + calendar.UkClockTime(draft.UpdatedAt)
            : "on " + calendar.UkTime(draft.UpdatedAt);
        return new RestoredDraft<T>(values, draft.UpdatedAt, $"We restored what you were typing{(where is null ? "" : " " + where)} {when}");
    }

    /// <summary>
    /// A background save of the form's fields (<c>?handler=Autosave</c>), answered as the page's script
    /// expects: JSON with the UK time it was saved, or 400 when it is too long to keep. Nothing is written or
    /// audited when nothing changed; a form emptied back to how it started needs no draft, so its draft goes.
    /// </summary>
    public async Task<IActionResult> AutosaveAsync<T>(string formKey, T values, CancellationToken ct)
        where T : class, new()
    {
        var data = JsonSerializer.Serialize(values, Json);
        if (Encoding.UTF8.GetByteCount(data) > MaxBytes)
        {
            return Failure.Invalid([new FieldError("", $"A draft holds up to {MaxBytes / 1024} KB. What was typed is still on the page; the form itself says what is too long when it is submitted.")],
                "Too long to save as a draft").ToBackgroundResult();
        }
        var now = time.GetUtcNow();
        var draft = await db.FormDrafts.FirstOrDefaultAsync(d => d.OwnerId == me.Id && d.FormKey == formKey, ct);
        var blank = data == JsonSerializer.Serialize(new T(), Json);
        if (draft is null && blank)
        {
            return Saved(now);
        }
        if (draft is not null && draft.Data == data && !Expired(draft, now))
        {
            return Saved(draft.UpdatedAt);
        }
        var reason = "autosave";
        if (draft is null)
        {
            draft = new FormDraft { OwnerId = me.Id, FormKey = formKey, CreatedAt = now };
            db.FormDrafts.Add(draft);
        }
        if (blank)
        {
            db.FormDrafts.Remove(draft);
            reason = "autosave: the form was emptied, so its draft was removed";
        }
        else
        {
            draft.Data = data;
            draft.UpdatedAt = now;
        }
        try
        {
            await audit.SaveAsync(AuditEntry.Allowed(AuditCode.FormDraftSaved, RecordType, formKey, reason), ct);
        }
        catch (DbUpdateException)
        {
            // Another tab saved or cleared the same draft at this moment; the next save (the next pause in typing) carries on.
            return Failure.Conflict("Saved from another tab at the same moment").ToBackgroundResult();
        }
        return Saved(now);
    }

    /// <summary>
    /// After the form was submitted: its draft goes. This runs after the submission has committed, so a
    /// draft saved or removed meanwhile in another tab can never make the submission fail.
    /// </summary>
    public Task RemoveAsync(string formKey, CancellationToken ct) =>
        db.FormDrafts.Where(d => d.OwnerId == me.Id && d.FormKey == formKey).ExecuteDeleteAsync(ct);

    /// <summary>The person chose to clear the form and start again.</summary>
    public async Task ClearAsync(string formKey, CancellationToken ct)
    {
        if (await db.FormDrafts.Where(d => d.OwnerId == me.Id && d.FormKey == formKey).ExecuteDeleteAsync(ct) > 0)
        {
            await audit.SaveAsync(AuditEntry.Allowed(AuditCode.FormDraftCleared, RecordType, formKey, "cleared by its owner"), ct);
        }
    }

    /// <summary>Part of the scheduled work on every node: removes drafts not saved for <see cref="KeptFor"/>; returns how many.</summary>
    public static async Task<int> RemoveExpiredAsync(LanternDbContext db, AuditTrail audit, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        var cutOff = now - KeptFor;
        var removed = await db.FormDrafts.Where(d => d.UpdatedAt <= cutOff).ExecuteDeleteAsync(ct);
        if (removed > 0)
        {
            await audit.SaveAsync(AuditEntry.System(AuditCode.ExpiredDraftsRemoved, RecordType, null, $"{removed} not saved for {KeptFor.TotalDays:0} days"), ct);
        }
        return removed;
    }

    private static bool Expired(FormDraft draft, DateTimeOffset now) => draft.UpdatedAt <= now - KeptFor;

    private JsonResult Saved(DateTimeOffset at) => new(new { savedAt = calendar.UkClockTime(at) });
}

/// <summary>A draft put back into its form, and what the page says about it ("We restored what you were typing at 10:32am").</summary>
public sealed record RestoredDraft<T>(T Values, DateTimeOffset SavedAt, string Notice);

/// <summary>
/// What the notices above an autosaved form need: where "Sign in again" comes back to, what was restored
/// from a draft (if anything), and where "Clear the form" posts.
/// </summary>
public sealed record AutosaveNotices(string ReturnTo, string? Restored = null, string? ClearAction = null);

/// <summary>Part of the scheduled work on every node: drafts nobody has saved for 30 days are removed.</summary>
public sealed class ExpiredFormDrafts(LanternDbContext db, AuditTrail audit, TimeProvider time) : Jobs.IScheduledWork
{
    public Task RunAsync(CancellationToken ct) => FormDrafts.RemoveExpiredAsync(db, audit, time.GetUtcNow(), ct);
}

public static class FormDraftSetup
{
    /// <summary>Drafts of the long forms about a child, and their removal 30 days after the last save.</summary>
    public static IServiceCollection AddFormDrafts(this IServiceCollection services)
    {
        services.AddScoped<FormDrafts>();
        services.AddScoped<Jobs.IScheduledWork, ExpiredFormDrafts>();
        return services;
    }
}
