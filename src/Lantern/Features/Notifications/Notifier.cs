using Lantern.Data;
using Lantern.Domain.Partnership;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Lantern.Features.Notifications;

/// <summary>Bound from <c>Lantern:Mail</c>. With no SMTP host, mail is written to a pickup folder in the data folder.</summary>
public sealed class MailOptions
{
    public const string Section = "Lantern:Mail";

    public string From { get; set; } = "lantern@northbridge.example";

    /// <summary>The address links in mails point to.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:5000";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    public string? SmtpUser { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>Default: mail-pickup inside the data folder.</summary>
    public string? PickupFolder { get; set; }
}

/// <summary>
/// Tells people things: an inbox message stored with the change that caused it (same transaction),
/// and a mail sent after the commit. Mails carry a reference and a link, never a child's details.
/// </summary>
public sealed partial class Notifier(LanternDbContext db, TimeProvider time, IOptions<MailOptions> options, DataFolderOptions folder, ILogger<Notifier> logger)
{
    /// <summary>Adds an inbox message (and a mail to send) to the pending changes; the caller saves them.</summary>
    public Notification Add(Guid? userId, string? email, string subject, string body, string? link)
    {
        var notification = new Notification
        {
            RecipientUserId = userId,
            RecipientEmail = email,
            Subject = subject,
            Body = body,
            Link = link,
            CreatedAt = time.GetUtcNow(),
        };
        db.Notifications.Add(notification);
        return notification;
    }

    /// <summary>
    /// The accounts holding a role in children's social care, who the front door's alerts go to.
    /// An account locked now (disabled, or after failed sign-ins) is left out; one whose lock has
    /// passed is not, because Identity keeps the old lock's end on the account.
    /// </summary>
    public IQueryable<LanternUser> ChildrensSocialCare(Role role)
    {
        var now = time.GetUtcNow();
        return db.Users.AsNoTracking()
            .Where(u => u.Role == role && u.Agency!.Kind == AgencyKind.ChildrensSocialCare && (u.LockoutEnd == null || u.LockoutEnd <= now));
    }

    /// <summary>Adds the same message for every holder of a role in children's social care; the caller saves.</summary>
    public async Task AddForChildrensSocialCareAsync(Role role, string subject, string body, string link, CancellationToken ct)
    {
        foreach (var holder in await ChildrensSocialCare(role).Select(u => new { u.Id, u.Email }).ToListAsync(ct))
        {
            Add(holder.Id, holder.Email, subject, body, link);
        }
    }

    /// <summary>
    /// Tells the person who raised a referral: their inbox and mail when they have an account,
    /// otherwise mail to the address an agency system gave. Mails carry no child's details.
    /// </summary>
    public async Task AddForReferrerAsync(Referral referral, string subject, string body, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(referral);
        if (referral.ReferrerUserId is { } userId)
        {
            var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
            Add(userId, email, subject, body, $"/referrals/{referral.Reference}");
        }
        else if (referral.ReferrerEmail is { } email)
        {
            Add(null, email, subject, body, link: null);
        }
    }

    /// <summary>
    /// Sends every mail that is due: called after each commit and by the scheduled run, which retries
    /// failures with growing intervals (1, 2, 4 ... minutes, at most an hour apart) and never gives up.
    /// A node claims a mail before sending it, so two nodes do not both send it; a node that dies
    /// mid-send leaves a claim that lapses and the mail is tried again. Returns how many were sent.
    /// </summary>
    public async Task<int> SendPendingMailAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.MailedAt == null && n.RecipientEmail != null && (n.NextMailAttemptAt == null || n.NextMailAttemptAt <= now))
            .OrderBy(n => n.CreatedAt)
            .Take(100)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var notification in due)
        {
            var claimUntil = now + ClaimFor;
            var claimed = await db.Notifications
                .Where(n => n.Id == notification.Id && n.MailedAt == null && (n.NextMailAttemptAt == null || n.NextMailAttemptAt <= now))
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.NextMailAttemptAt, claimUntil), ct);
            if (claimed == 0)
            {
                continue;
            }
            try
            {
                await SendAsync(ToMessage(notification), notification.Id, ct);
            }
            catch (Exception ex) when (ex is IOException or MailKit.ServiceNotConnectedException or MailKit.Net.Smtp.SmtpCommandException or MailKit.Net.Smtp.SmtpProtocolException or MailKit.Security.AuthenticationException or System.Net.Sockets.SocketException or UnauthorizedAccessException or TimeoutException)
            {
                var attempts = notification.MailAttempts + 1;
                var retryAt = time.GetUtcNow() + RetryAfter(attempts);
                var error = ex.GetType().Name;
                await db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(set => set
                    .SetProperty(n => n.MailAttempts, attempts)
                    .SetProperty(n => n.NextMailAttemptAt, retryAt)
                    .SetProperty(n => n.LastMailError, error), ct);
                LogMailFailed(logger, notification.Id, error, attempts);
                continue;
            }
            var mailedAt = time.GetUtcNow();
            await db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(set => set.SetProperty(n => n.MailedAt, mailedAt), ct);
            sent++;
        }
        return sent;
    }

    /// <summary>How long a node's claim on a mail lasts before another node may try it.</summary>
    public static readonly TimeSpan ClaimFor = TimeSpan.FromMinutes(5);

    /// <summary>1, 2, 4, 8 ... minutes after each failure, never more than an hour.</summary>
    public static TimeSpan RetryAfter(int attempts) =>
        TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, Math.Clamp(attempts - 1, 0, 6))));

    public string PickupFolder => options.Value.PickupFolder ?? Path.Combine(folder.Path, "mail-pickup");

    private MimeMessage ToMessage(Notification n)
    {
        var mail = options.Value;
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(mail.From));
        message.To.Add(MailboxAddress.Parse(n.RecipientEmail!));
        message.Subject = n.Subject;
        message.MessageId = $"{n.Id}@lantern";
        var link = n.Link is null ? "" : $"\n\n{mail.BaseUrl.TrimEnd('/')}{n.Link}";
        message.Body = new TextPart("plain")
        {
            Text = $"{n.Body}{link}\n\nSign in to Lantern to see the details. This mail holds no personal details about the child.",
        };
        return message;
    }

    private async Task SendAsync(MimeMessage message, Guid id, CancellationToken ct)
    {
        var mail = options.Value;
        if (string.IsNullOrWhiteSpace(mail.SmtpHost))
        {
            // A pickup folder, as an SMTP server's would be: one .eml file per message, written whole then renamed.
            Directory.CreateDirectory(PickupFolder);
            var final = Path.Combine(PickupFolder, $"{id}.eml");
            var temporary = final + ".tmp";
            await message.WriteToAsync(temporary, ct);
            File.Move(temporary, final, overwrite: true);
            return;
        }
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(mail.SmtpHost, mail.SmtpPort, MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable, ct);
        if (!string.IsNullOrEmpty(mail.SmtpUser))
        {
            await smtp.AuthenticateAsync(mail.SmtpUser, mail.SmtpPassword ?? "", ct);
        }
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(quit: true, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail for notification {NotificationId} not sent ({Error}, attempt {Attempts}); it will be retried")]
    private static partial void LogMailFailed(ILogger logger, Guid notificationId, string error, int attempts);
}
