using Lantern.Domain.Children;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Testing;

/// <summary>Children's records for scenarios that need one: opened by a school's referral, with a practitioner involved.</summary>
public static class TestChildren
{
    /// <summary>Raises a referral as <paramref name="school"/> (an agency system's client) and returns the id of the child's record it opened.</summary>
    public static async Task<Guid> ReferredAsync(TestApp app, HttpClient school, string? body = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var reference = await TestReferrals.RaiseAsync(school, body, ct);
        return await app.WithDbAsync(db => db.Referrals.Where(r => r.Reference == reference).Select(r => r.ChildId!.Value.Value).SingleAsync(ct));
    }

    /// <summary>A referral about a child of its own (named from <paramref name="prefix"/>) naming the things in <paramref name="mentionsJson"/>; the child's id.</summary>
    public static Task<Guid> ReferredNamingAsync(TestApp app, HttpClient client, string prefix, string mentionsJson, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(mentionsJson);
        var body = TestReferrals.ForUniqueChild(prefix);
        var start = body.IndexOf("\"mentions\":", StringComparison.Ordinal);
        var end = body.IndexOf(']', start) + 1;
        return ReferredAsync(app, client, body[..start] + "\"mentions\": " + mentionsJson + body[end..], ct);
    }

    /// <summary>Involves the account with <paramref name="email"/> with the child, for its agency and team, from now on the app's clock.</summary>
    public static Task<int> InvolveAsync(TestApp app, Guid child, string email, string role, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email, ct);
            db.Involvements.Add(Involvement.Start(new ChildId(child), user.AgencyId, user.TeamId, user.Id, role, null, null, user.Id, app.Time.GetUtcNow()).Value);
            return await db.SaveChangesAsync(ct);
        });
    }
}
