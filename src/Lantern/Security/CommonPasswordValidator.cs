using System.Collections.Frozen;
using System.Text;
using Lantern.Data;
using Microsoft.AspNetCore.Identity;

namespace Lantern.Security;

/// <summary>
/// Refuses passwords that are long enough but easy to guess (ASVS 6.2.4, 6.2.11): one of the 30,000 most used
/// passwords, or one of them with digits or symbols added before or after and letters swapped for look-alikes
/// ("P@ssw0rd2024!"); the same few characters repeated ("aaaaaaaaaaaa"); a run along the alphabet, the digits or
/// the keyboard ("123456789012", "qwertyuiopas"); or the account's own email address or name. The length rule
/// (12 characters) is Identity's own.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<LanternUser>
{
    public const string CommonCode = "PasswordCommon";
    public const string RepeatedCode = "PasswordRepeated";
    public const string SequenceCode = "PasswordSequence";
    public const string PersonalCode = "PasswordPersonal";

    /// <summary>Fewer different characters than this is a pattern, not a password.</summary>
    public const int MinDistinctCharacters = 5;

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    private static readonly string[] Runs =
    [
        "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
        "0123456789012345678901234567890123456789",
        "qwertyuiopasdfghjklzxcvbnmqwertyuiopasdfghjklzxcvbnm",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p1qaz2wsx3edc4rfv",
        "qazwsxedcrfvtgbyhnujmikolpqazwsxedcrfvtgbyhnujmikolp",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<LanternUser> manager, LanternUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(Check(password ?? "", user.Email, user.DisplayName) is { } error
            ? IdentityResult.Failed(error)
            : IdentityResult.Success);
    }

    /// <summary>Why <paramref name="password"/> is easy to guess, or null when it is not.</summary>
    public static IdentityError? Check(string password, string? email, string? displayName)
    {
        ArgumentNullException.ThrowIfNull(password);
        var lower = password.Trim().ToLowerInvariant();
        if (lower.Length == 0)
        {
            return null;
        }
        if (lower.Distinct().Count() < MinDistinctCharacters)
        {
            return new IdentityError { Code = RepeatedCode, Description = "Password repeats a few characters: use a few unrelated words instead" };
        }
        var compact = new string([.. lower.Where(c => !char.IsWhiteSpace(c))]);
        if (Runs.Any(run => run.Contains(compact, StringComparison.Ordinal) || Reverse(run).Contains(compact, StringComparison.Ordinal)))
        {
            return new IdentityError { Code = SequenceCode, Description = "Password is a run of letters, digits or keys in order: use a few unrelated words instead" };
        }
        if (IsCommon(lower))
        {
            return new IdentityError { Code = CommonCode, Description = "Password is one of the most used passwords, or one with numbers or symbols added: use a few unrelated words instead" };
        }
        if (Personal(email, displayName).Any(p => compact.Contains(p, StringComparison.Ordinal)))
        {
            return new IdentityError { Code = PersonalCode, Description = "Password contains your name or email address: use a few unrelated words instead" };
        }
        return null;
    }

    private static bool IsCommon(string lower)
    {
        var common = Common.Value;
        if (common.Contains(lower))
        {
            return true;
        }
        // Digits and symbols added at either end, and letters written as look-alikes, do not make a common word rare.
        var core = lower.Trim(" 0123456789!@#$%^&*()_+-=[]{};:'\",.<>/?\\|`~".ToCharArray());
        if (core.Length < 4)
        {
            return false;
        }
        var plain = Unleet(core);
        if (common.Contains(core) || common.Contains(plain))
        {
            return true;
        }
        // The same common word twice ("passwordpassword", "monkey monkey").
        var spaceless = plain.Replace(" ", "", StringComparison.Ordinal);
        return spaceless.Length % 2 == 0 && spaceless[..(spaceless.Length / 2)] == spaceless[(spaceless.Length / 2)..] && common.Contains(spaceless[..(spaceless.Length / 2)]);
    }

    private static string Unleet(string s)
    {
        var b = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            b.Append(c switch
            {
                '@' or '4' => 'a',
                '3' => 'e',
                '1' or '!' => 'i',
                '0' => 'o',
                '$' or '5' => 's',
                '7' => 't',
                _ => c,
            });
        }
        return b.ToString();
    }

    private static IEnumerable<string> Personal(string? email, string? displayName)
    {
        var parts = new List<string>();
        if (email?.Split('@')[0] is { } local)
        {
            parts.Add(local.ToLowerInvariant());
            parts.AddRange(local.ToLowerInvariant().Split('.', '_', '-', '+'));
        }
        if (displayName is not null)
        {
            parts.AddRange(displayName.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        return parts.Where(p => p.Length >= 4).Distinct();
    }

    private static string Reverse(string s) => new([.. s.Reverse()]);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Lantern.Security.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                set.Add(line);
            }
        }
        return set.ToFrozenSet(StringComparer.Ordinal);
    }
}
