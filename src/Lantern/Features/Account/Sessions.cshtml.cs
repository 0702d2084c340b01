using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Calendar;
using Lantern.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Lantern.Features.Account;

/// <summary>Where the person is signed in, and ending any of those sessions (a lost laptop, a shared computer).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SessionsModel(UserSessions sessions, SignInManager<LanternUser> signIn, AuditTrail audit, WorkingDayCalendar calendar,
    Microsoft.Extensions.Options.IOptions<AccountSecurityOptions> options) : PageModel
{
    public const string PagePath = "/account/sessions";

    public int IdleMinutes => options.Value.IdleTimeoutMinutes;

    public int MaximumHours => options.Value.MaximumSessionHours;

    public WorkingDayCalendar Calendar => calendar;

    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    [BindProperty]
    public Guid? SessionId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Sessions = await sessions.ListAsync(CurrentUser.From(User)!.Id, UserSessions.IdOf(User), ct);
        return Page();
    }

    /// <summary>Ends one session (the person's own, or it is not found).</summary>
    public async Task<IActionResult> OnPostEndAsync(CancellationToken ct)
    {
        var user = CurrentUser.From(User)!;
        var current = UserSessions.IdOf(User);
        if (SessionId is not { } id || !await sessions.EndAsync(user.Id, id, SessionEnd.EndedByOwner, ct))
        {
            return NotFound();
        }
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.SessionEnded, "UserSession", id.ToString()), ct);
        if (id == current)
        {
            await signIn.SignOutAsync();
            return RedirectToPage("/SignIn/SignIn", new { SignedOut = true });
        }
        TempData["Success"] = "That session has ended: it is signed out";
        return Redirect(PagePath);
    }

    /// <summary>Ends every session but this one.</summary>
    public async Task<IActionResult> OnPostEndOthersAsync(CancellationToken ct)
    {
        var user = CurrentUser.From(User)!;
        var ended = await sessions.EndAllAsync(user.Id, SessionEnd.EndedByOwner, keep: UserSessions.IdOf(User), ct);
        await audit.SaveAsync(AuditEntry.Allowed(AuditCode.OtherSessionsEnded, "User", user.Id.ToString(), $"{ended} ended"), ct);
        TempData["Success"] = ended == 1 ? "1 other session has ended" : $"{ended} other sessions have ended";
        return Redirect(PagePath);
    }
}
