using Lantern.Data;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Lantern.Notifications;

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

    /// <summary>Adds the same message for each recipient (an account's inbox and mail, or mail alone); the caller saves.</summary>
    public IReadOnlyList<Notification> Tell(IEnumerable<Recipient> recipients, string subject, string body, string? link)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        return [.. recipients.DistinctBy(r => (r.UserId, r.Email)).Select(r => Add(r.UserId, r.Email, subject, body, r.UserId is null ? null : link))];
    }

    /// <summary>
    /// Sends every mail that is due: called after each commit and by the scheduled run, which retries
    /// failures with growing intervals (1, 2, 4 ... minutes, at most an hour apart). A mail that cannot be
    /// sent to its address is given up at once, and one that still fails after <see cref="MaxMailAttempts"/>
    /// attempts is given up too (marked failed, logged, left for an operator), so no mail is retried for ever
    /// and none stands in the way of the others: each is tried on its own, and its failure is only recorded.
    /// A node claims a mail before sending it, so two nodes do not both send it; a node that dies
    /// mid-send leaves a claim that lapses and the mail is tried again. Returns how many were sent.
    /// </summary>
    public async Task<int> SendPendingMailAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await db.Notifications.AsNoTracking()
            .Where(n => n.MailedAt == null && n.MailFailedAt == null && n.RecipientEmail != null && (n.NextMailAttemptAt == null || n.NextMailAttemptAt <= now))
            .OrderBy(n => n.CreatedAt)
            .Take(100)
            .ToListAsync(ct);
        var sent = 0;
        foreach (var notification in due)
        {
            var claimUntil = now + ClaimFor;
            var claimed = await db.Notifications
                .Where(n => n.Id == notification.Id && n.MailedAt == null && n.MailFailedAt == null && (n.NextMailAttemptAt == null || n.NextMailAttemptAt <= now))
                .ExecuteUpdateAsync(set => set.SetProperty(n => n.NextMailAttemptAt, claimUntil), ct);
            if (claimed == 0)
            {
                continue;
            }
            try
            {
                await SendAsync(ToMessage(notification), notification.Id, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                await RecordFailureAsync(notification, ex, ct);
                continue;
            }
            var mailedAt = time.GetUtcNow();
            await db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(set => set.SetProperty(n => n.MailedAt, mailedAt), ct);
            sent++;
        }
        return sent;
    }

    /// <summary>
    /// Mail goes after the commit. The change and its inbox message are already safe, and an unsent mail
    /// stays marked unsent for the scheduled run to retry, so nothing here may turn a saved change into an
    /// error: whatever goes wrong with mail is logged, never passed to the caller.
    /// </summary>
    public async Task SendAfterCommitAsync(CancellationToken ct)
    {
        try
        {
            await SendPendingMailAsync(ct);
        }
        catch (Exception ex)
        {
            LogMailDeferred(logger, ex.GetType().Name);
        }
    }

    /// <summary>After this many failed attempts (about a day of retries) a mail is given up and marked failed.</summary>
    public const int MaxMailAttempts = 30;

    /// <summary>
    /// A failure that no retry can mend: the address cannot be parsed as one mailbox (stored before addresses
    /// were checked, or an account's), or the mail server refused the recipient for good (5xx).
    /// </summary>
    public static bool IsPermanent(Exception exception) => exception switch
    {
        ParseException or FormatException => true,
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } smtp => (int)smtp.StatusCode >= 500,
        _ => false,
    };

    private async Task RecordFailureAsync(Notification notification, Exception ex, CancellationToken ct)
    {
        var attempts = notification.MailAttempts + 1;
        var error = ex.GetType().Name;
        var now = time.GetUtcNow();
        if (IsPermanent(ex) || attempts >= MaxMailAttempts)
        {
            await db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(set => set
                .SetProperty(n => n.MailAttempts, attempts)
                .SetProperty(n => n.NextMailAttemptAt, (DateTimeOffset?)null)
                .SetProperty(n => n.MailFailedAt, now)
                .SetProperty(n => n.LastMailError, error), ct);
            LogMailGivenUp(logger, notification.Id, error, attempts);
            return;
        }
        var retryAt = now + RetryAfter(attempts);
        await db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(set => set
            .SetProperty(n => n.MailAttempts, attempts)
            .SetProperty(n => n.NextMailAttemptAt, retryAt)
            .SetProperty(n => n.LastMailError, error), ct);
        LogMailFailed(logger, notification.Id, error, attempts);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending mail after a commit stopped ({Error}); the scheduled run tries again")]
    private static partial void LogMailDeferred(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail for notification {NotificationId} not sent ({Error}, attempt {Attempts}); it will be retried")]
    private static partial void LogMailFailed(ILogger logger, Guid notificationId, string error, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail for notification {NotificationId} given up after {Attempts} attempts ({Error}); it is marked failed and will not be retried (see Mail in the operations guide)")]
    private static partial void LogMailGivenUp(ILogger logger, Guid notificationId, string error, int attempts);
}

/// <summary>Part of the scheduled work on every node: mail not yet sent, or due a retry, is sent.</summary>
public sealed class MailOutbox(Notifier notifier) : Jobs.IScheduledWork
{
    public Task RunAsync(CancellationToken ct) => notifier.SendPendingMailAsync(ct);
}

public static class NotificationServices
{
    /// <summary>Telling people: who is told (one resolver, one active-account rule), inbox messages and the mail outbox.</summary>
    public static IServiceCollection AddLanternNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section))
            // Every mail is sent from this address: one that cannot be parsed would fail every mail, so the app does not start.
            .Validate(o => MailAddresses.IsSendable(o.From), $"{MailOptions.Section}:From must be one email address, like lantern@agency.gov.uk")
            .ValidateOnStart();
        services.AddScoped<Notifier>();
        services.AddScoped<Recipients>();
        services.AddScoped<Jobs.IScheduledWork, MailOutbox>();
        return services;
    }
}
