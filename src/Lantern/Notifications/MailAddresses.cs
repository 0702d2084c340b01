using MimeKit;

namespace Lantern.Notifications;

/// <summary>
/// The one rule for an address Lantern will send mail to: exactly one mailbox, as the mail library reads it
/// strictly, and nothing else (no display name, no list, no second address after a comma or semicolon).
/// An address that passes here is one the outbox can send to; anything else is refused where it is typed.
/// </summary>
public static class MailAddresses
{
    public const int MaxLength = 256;

    public const string Problem = "Enter one email address in the correct format, like name@agency.gov.uk (no spaces, names or second address)";

    private static readonly ParserOptions Strict = CreateStrict();

    /// <summary>Whether mail can be sent to <paramref name="address"/> as typed (surrounding spaces aside).</summary>
    public static bool IsSendable(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }
        var trimmed = address.Trim();
        return trimmed.Length <= MaxLength
               && MailboxAddress.TryParse(Strict, trimmed, out var mailbox)
               && string.IsNullOrEmpty(mailbox.Name)
               && string.Equals(mailbox.Address, trimmed, StringComparison.Ordinal)
               && System.Net.Mail.MailAddress.TryCreate(trimmed, out var plain)
               && string.Equals(plain.Address, trimmed, StringComparison.Ordinal);
    }

    private static ParserOptions CreateStrict()
    {
        var options = ParserOptions.Default.Clone();
        options.AddressParserComplianceMode = RfcComplianceMode.Strict;
        options.AllowAddressesWithoutDomain = false;
        options.AllowUnquotedCommasInAddresses = false;
        return options;
    }
}
