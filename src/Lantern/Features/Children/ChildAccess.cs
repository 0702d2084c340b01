using Lantern.Auditing;
using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Children;

/// <summary>
/// Authorize twice for everything under a child: the page's policy let the user in; this finds the
/// child only within their need-to-know scope. Outside it the child (and every page under it) is
/// simply not found, and the attempt is audited.
/// </summary>
public sealed class ChildAccess(LanternDbContext db, DataScope scope, AuditTrail audit)
{
    public async Task<Child?> FindAsync(Guid id, CancellationToken ct, bool tracked = false)
    {
        var childId = new ChildId(id);
        var query = scope.Children(tracked ? db.Children : db.Children.AsNoTracking());
        var child = await query.Include(c => c.Addresses).Include(c => c.Relationships).Include(c => c.Vulnerabilities)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == childId, ct);
        if (child is null)
        {
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "Child", id.ToString(), "not found or not in scope"), ct);
        }
        else if (tracked && child.MergedIntoId is not null)
        {
            // A record joined into another is kept as it was: nothing more is recorded on it (its page says where to go).
            await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "Child", id.ToString(), "joined into another record: read only"), ct);
            return null;
        }
        return child;
    }

    /// <summary>
    /// The child an id now stands for: the record it was joined into (and so on, for a record joined into one that
    /// was joined in turn), or itself. Agency systems keep the ids Lantern gave them, so what they send after a
    /// merge lands on the child, not on the record kept as it was.
    /// </summary>
    public static async Task<ChildId> CurrentIdAsync(LanternDbContext db, ChildId id, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        for (var hop = 0; hop < 16; hop++)
        {
            var into = await db.Children.AsNoTracking().Where(c => c.Id == id).Select(c => c.MergedIntoId).FirstOrDefaultAsync(ct);
            if (into is not { } next)
            {
                return id;
            }
            id = next;
        }
        return id;
    }

    /// <summary>Whether the child exists within the user's scope, for sub-resources; a miss is audited.</summary>
    public async Task<bool> CanSeeAsync(Guid id, CancellationToken ct)
    {
        var childId = new ChildId(id);
        if (await scope.Children(db.Children.AsNoTracking()).AnyAsync(c => c.Id == childId, ct))
        {
            return true;
        }
        await audit.SaveAsync(AuditEntry.Denied(AuditCode.RecordNotInScope, "Child", id.ToString(), "not found or not in scope"), ct);
        return false;
    }
}

public static class ChildRecordSetup
{
    /// <summary>The child's record: finding it within the user's scope, searching for it, and opening it when a referral arrives.</summary>
    public static IServiceCollection AddChildRecords(this IServiceCollection services)
    {
        services.AddScoped<ChildAccess>();
        services.AddScoped<ChildRecords>();
        services.AddScoped<ChildFinder>();
        return services;
    }
}
