using Lantern.Data;
using Lantern.Domain.Children;
using Lantern.Domain.Network;
using Lantern.Domain.Partnership;
using Lantern.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lantern.Features.Network;

/// <summary>Bound from <c>Lantern:Network</c>.</summary>
public sealed class NetworkOptions
{
    public const string Section = "Lantern:Network";

    /// <summary>The roles that see links carrying a police intelligence grade; the partnership sets them.</summary>
    public List<Role> IntelligenceRoles { get; init; } = [Role.PoliceInvestigator, Role.IntelligenceAnalyst];
}

/// <summary>A record of the network as its page shows it: what it is called, what is known of it.</summary>
public sealed record NodeView(NodeRef Node, string Reference, string Title, IReadOnlyList<(string Label, string Value)> Facts, Person? Person, Context? Context = null,
    (NodeRef Node, string Name)? About = null);

/// <summary>One link as a page shows it, from the record the page is about to the record at the other end.</summary>
public sealed record LinkRow(Guid Id, NodeRef Other, string OtherName, string OtherPath, string Type, LinkConfidence Confidence, string? Grade, string? Agency,
    DateTimeOffset On, string RecordType, string RecordId, string? Note, DateTimeOffset? WithdrawnAt, string? WithdrawnReason, bool OfConcern, string? WithdrawnBy = null);

/// <summary>What a page shows of a record's links: the links the reader may see, and how many children linked to it they may not.</summary>
public sealed record NodeLinks(IReadOnlyList<LinkRow> Links, int HiddenChildren);

/// <summary>
/// Reading the network with need to know. The front door and intelligence analysts see every record; anyone
/// else sees a person, vehicle, phone, place or context linked to a child they may read about, and on its
/// page the children they may read about (with a count of the others, so that they know to ask). Links that
/// carry a police intelligence grade are shown only to the roles the partnership names.
/// </summary>
public sealed class NetworkRecords(LanternDbContext db, DataScope scope, IOptions<NetworkOptions> options)
{
    public static string Segment(NodeKind kind) => kind switch
    {
        NodeKind.Child => "children",
        NodeKind.Person => "persons",
        NodeKind.Vehicle => "vehicles",
        NodeKind.Phone => "phones",
        NodeKind.Place => "places",
        NodeKind.Context => "contexts",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static NodeKind? KindOf(string? segment) => segment switch
    {
        "persons" => NodeKind.Person,
        "vehicles" => NodeKind.Vehicle,
        "phones" => NodeKind.Phone,
        "places" => NodeKind.Place,
        "contexts" => NodeKind.Context,
        _ => null,
    };

    public static string PagePath(NodeRef node) => node.Kind == NodeKind.Child ? $"/children/{node.Id}" : $"/network/{Segment(node.Kind)}/{node.Id}";

    public static string KindName(NodeKind kind) => kind switch
    {
        NodeKind.Child => "Child",
        NodeKind.Person => "Person",
        NodeKind.Vehicle => "Vehicle",
        NodeKind.Phone => "Phone",
        NodeKind.Place => "Place",
        NodeKind.Context => "Context",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Whether the reader sees every record of the network.</summary>
    public bool SeesAll => !scope.IsAgencySystem && (scope.IsFrontDoor || scope.User.Role == Role.IntelligenceAnalyst);

    public bool SeesIntelligence => !scope.IsAgencySystem && options.Value.IntelligenceRoles.Contains(scope.User.Role);

    /// <summary>The record, when it exists and the reader may see it; null otherwise (the two are never told apart).</summary>
    public async Task<NodeView?> FindAsync(NodeRef node, CancellationToken ct)
    {
        if (!SeesAll && !await LinkedToVisibleChildAsync(node, ct) && !await MergedIntoVisibleAsync(node, ct))
        {
            return null;
        }
        return node.Kind switch
        {
            NodeKind.Person => await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == node.Id, ct) is { } p
                ? new NodeView(node, p.Reference, p.DisplayName,
                [
                    ("Names", string.Join(", ", p.Names.Select(n => n.Kind == PersonNameKind.Nickname ? $"'{n.Value}'" : n.Value))),
                    ("Age", p.AgeAsWritten is null ? "Not known" : $"{p.AgeAsWritten}{(p.AgeWrittenOn is { } on ? $" (written {on:d MMMM yyyy})" : "")}"),
                    ("Date of birth", p.DateOfBirth?.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) ?? "Not known"),
                    ("Description", p.Description ?? "None recorded"),
                ], p)
                : null,
            NodeKind.Vehicle => await db.Vehicles.AsNoTracking().FirstOrDefaultAsync(v => v.Id == node.Id, ct) is { } v
                ? new NodeView(node, v.Reference, v.Registration,
                [
                    ("Registration as first written", v.Registration + (v.IsPartial ? " (partial)" : "")),
                    ("Read as", v.Key),
                    ("Description", v.Description ?? "None recorded"),
                    ("Keeper as written", v.KeeperAsWritten ?? "Not known"),
                ], null)
                : null,
            NodeKind.Phone => await db.Phones.AsNoTracking().FirstOrDefaultAsync(x => x.Id == node.Id, ct) is { } ph
                ? new NodeView(node, ph.Reference, ph.Number, [("Number as first written", ph.Number), ("Read as", ph.Key), ("Description", ph.Description ?? "None recorded")], null)
                : null,
            NodeKind.Place => await db.Places.AsNoTracking().FirstOrDefaultAsync(x => x.Id == node.Id, ct) is { } pl
                ? new NodeView(node, pl.Reference, pl.DisplayName,
                [
                    ("Known as", string.Join(", ", pl.Names.Select(n => n.Value))),
                    ("Type", pl.Type.ToString()),
                    ("Address", pl.Address ?? "Not known"),
                    ("Description", pl.Description ?? "None recorded"),
                ], null)
                : null,
            NodeKind.Context => await db.Contexts.AsNoTracking().FirstOrDefaultAsync(x => x.Id == node.Id, ct) is { } cx
                ? await ContextViewAsync(cx, ct)
                : null,
            NodeKind.Child => null,
            _ => null,
        };
    }

    /// <summary>The record's links the reader may see, newest first, with the other end named.</summary>
    public async Task<NodeLinks> LinksAsync(NodeRef node, CancellationToken ct)
    {
        var links = await db.Links.AsNoTracking()
            .Where(l => (l.FromKind == node.Kind && l.FromId == node.Id) || (l.ToKind == node.Kind && l.ToId == node.Id))
            .OrderByDescending(l => l.On).Take(2000).ToListAsync(ct);
        if (!SeesIntelligence)
        {
            links = [.. links.Where(l => l.IntelligenceGrade is null)];
        }
        var others = links.Select(l => l.Other(node)!.Value).Distinct().ToList();
        var names = await NamesAsync(others, ct);
        var childIds = others.Where(o => o.Kind == NodeKind.Child).Select(o => new ChildId(o.Id)).ToList();
        var visible = await VisibleChildrenAsync(childIds, ct);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var rows = new List<LinkRow>();
        var hidden = new HashSet<Guid>();
        foreach (var link in links)
        {
            var other = link.Other(node)!.Value;
            if (other.Kind == NodeKind.Child && !visible.Contains(new ChildId(other.Id)))
            {
                hidden.Add(other.Id);
                continue;
            }
            var (name, concern) = names.TryGetValue(other, out var n) ? n : ("(record not found)", false);
            rows.Add(new LinkRow(link.Id, other, name, PagePath(other), Describe(link, node), link.Confidence, link.IntelligenceGrade,
                link.SourceAgencyId is { } a && agencies.TryGetValue(a, out var agency) ? agency : null,
                link.On, link.RecordType, link.RecordId, link.Note, link.WithdrawnAt, link.WithdrawnReason, concern, link.WithdrawnBy));
        }
        return new NodeLinks(rows, hidden.Count);
    }

    /// <summary>Those of <paramref name="childIds"/> the reader may read about.</summary>
    public async Task<HashSet<ChildId>> VisibleChildrenAsync(IReadOnlyList<ChildId> childIds, CancellationToken ct) =>
        SeesAll ? [.. childIds] : (await scope.Children(db.Children).Where(c => childIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();

    /// <summary>The name each record is shown by, and whether a person is of concern; for records the reader has been allowed to see.</summary>
    public Task<Dictionary<NodeRef, (string Name, bool OfConcern)>> NamesOfAsync(IReadOnlyList<NodeRef> nodes, CancellationToken ct) => NamesAsync(nodes, ct);

    /// <summary>A record of the network a search found, with what it is and why it matched.</summary>
    public sealed record Found(NodeRef Node, string Name, string Reference, string Why, bool OfConcern);

    /// <summary>
    /// People, vehicles, phones, places and contexts the reader may see, found by what they typed: a name or nickname (part
    /// of one will do), a plate however spaced (O for 0 and I for 1 forgiven; a partial plate with ? finds the plates it
    /// fits), a number however written, a place's name, a context's name (part of one will do), or a record's reference.
    /// </summary>
    public async Task<IReadOnlyList<Found>> SearchAsync(string? q, int max, CancellationToken ct)
    {
        var found = new List<Found>();
        if (string.IsNullOrWhiteSpace(q))
        {
            return found;
        }
        if (NameKey.Person(q) is { Length: >= 2 } name)
        {
            foreach (var p in await db.Persons.AsNoTracking().Where(p => p.MergedIntoId == null && p.Names.Any(n => n.Key.Contains(name)))
                         .OrderBy(p => p.DisplayName).Take(max).ToListAsync(ct))
            {
                var matched = p.Names.First(n => n.Key.Contains(name, StringComparison.Ordinal));
                found.Add(new(new NodeRef(NodeKind.Person, p.Id), p.DisplayName, p.Reference, $"Known as {matched.Value}", p.OfConcern));
            }
        }
        if (NameKey.Place(q) is { Length: >= 3 } place)
        {
            var postcode = NameKey.Postcode(q);
            foreach (var p in await db.Places.AsNoTracking().Where(p => p.Names.Any(n => n.Key.Contains(place)) || (postcode != null && p.Postcode == postcode))
                         .OrderBy(p => p.DisplayName).Take(max).ToListAsync(ct))
            {
                found.Add(new(new NodeRef(NodeKind.Place, p.Id), p.DisplayName, p.Reference, p.Address ?? "Place", false));
            }
        }
        if (VehicleRegistration.Key(q) is { Length: >= 4 } plate)
        {
            // A partial plate typed finds the plates it fits; a full plate typed finds itself and the partial plates that fit it.
            var partial = VehicleRegistration.IsPartial(plate);
            var start = partial ? VehicleRegistration.KnownStart(plate) : plate[..2];
            var vehicles = await db.Vehicles.AsNoTracking().Where(v => v.Key == plate || ((partial || v.IsPartial) && v.Key.StartsWith(start))).OrderBy(v => v.Key).Take(500).ToListAsync(ct);
            foreach (var v in vehicles.Where(v => v.Key == plate || (partial ? VehicleRegistration.Fits(plate, v.Key) : v.IsPartial && VehicleRegistration.Fits(v.Key, plate))).Take(max))
            {
                found.Add(new(new NodeRef(NodeKind.Vehicle, v.Id), v.Registration, v.Reference, v.Key == plate ? "Same plate" : "A partial plate that fits", false));
            }
        }
        if (NameKey.Person(q) is { Length: >= 3 } words)
        {
            foreach (var c in await db.Contexts.AsNoTracking().IgnoreAutoIncludes().Where(c => c.Key.Contains(words))
                         .OrderBy(c => c.Name).Take(max).ToListAsync(ct))
            {
                found.Add(new(c.Node, c.Name, c.Reference, $"Context of harm: {Context.Describe(c.Type)}", false));
            }
        }
        if (await ByReferenceAsync(q.Trim().ToUpperInvariant(), ct) is { } byReference && !found.Any(f => f.Node == byReference.Node))
        {
            found.Add(byReference);
        }
        if (PhoneNumber.Key(q) is { } number)
        {
            foreach (var p in await db.Phones.AsNoTracking().Where(p => p.Key == number).ToListAsync(ct))
            {
                found.Add(new(new NodeRef(NodeKind.Phone, p.Id), p.Number, p.Reference, "Same number", false));
            }
        }
        if (SeesAll)
        {
            return found;
        }
        var visible = new List<Found>();
        foreach (var f in found)
        {
            if (await LinkedToVisibleChildAsync(f.Node, ct))
            {
                visible.Add(f);
            }
        }
        return visible;
    }

    /// <summary>
    /// The contexts the reader may see, newest change first, those whose name has <paramref name="q"/> in it when given:
    /// every context for the front door and analysts, otherwise those linked to a child the reader may read about.
    /// </summary>
    public async Task<IReadOnlyList<Context>> ContextsAsync(string? q, int max, CancellationToken ct)
    {
        var query = db.Contexts.AsNoTracking().IgnoreAutoIncludes();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var words = NameKey.Person(q) ?? "";
            var reference = q.Trim().ToUpperInvariant();
            query = query.Where(c => c.Key.Contains(words) || c.Reference == reference);
        }
        if (!SeesAll)
        {
            var links = await db.Links.AsNoTracking()
                .Where(l => l.WithdrawnAt == null && ((l.FromKind == NodeKind.Context && l.ToKind == NodeKind.Child) || (l.ToKind == NodeKind.Context && l.FromKind == NodeKind.Child)))
                .Select(l => new { Context = l.FromKind == NodeKind.Context ? l.FromId : l.ToId, Child = l.FromKind == NodeKind.Child ? l.FromId : l.ToId })
                .Take(20_000).ToListAsync(ct);
            var childIds = links.Select(l => new ChildId(l.Child)).Distinct().ToList();
            var visible = (await scope.Children(db.Children).Where(c => childIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).Select(c => c.Value).ToHashSet();
            var contexts = links.Where(l => visible.Contains(l.Child)).Select(l => l.Context).Distinct().ToList();
            query = query.Where(c => contexts.Contains(c.Id));
        }
        return await query.OrderByDescending(c => c.UpdatedAt).Take(max).ToListAsync(ct);
    }

    /// <summary>Whether the reader may see the record: a child in their scope (not joined into another), or a record of the network they may find.</summary>
    public async Task<bool> MaySeeAsync(NodeRef node, CancellationToken ct)
    {
        if (node.Kind != NodeKind.Child)
        {
            return await FindAsync(node, ct) is not null;
        }
        var id = new ChildId(node.Id);
        return await scope.Children(db.Children.AsNoTracking()).AnyAsync(c => c.Id == id && c.MergedIntoId == null, ct);
    }

    /// <summary>The name a page shows for each record, children included; for records the reader has already been allowed to see.</summary>
    public async Task<string> NameOfAsync(NodeRef node, CancellationToken ct) =>
        (await NamesAsync([node], ct)).TryGetValue(node, out var n) ? n.Name : "(record not found)";

    /// <summary>Other records of people known by one of this person's names: perhaps the same person, for a person to judge.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name, string Reference)>> NamesakesAsync(Person person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var keys = person.Names.Select(n => n.Key).ToList();
        var named = await db.PersonNames.AsNoTracking().Where(n => keys.Contains(n.Key) && n.PersonId != person.Id).Select(n => n.PersonId).Distinct().OrderBy(id => id).Take(200).ToListAsync(ct);
        var found = await db.Persons.AsNoTracking().IgnoreAutoIncludes().Where(p => named.Contains(p.Id) && p.MergedIntoId == null)
            .OrderBy(p => p.CreatedAt).Take(50).Select(p => new { p.Id, p.DisplayName, p.Reference }).ToListAsync(ct);
        var result = new List<(Guid, string, string)>();
        foreach (var p in found)
        {
            if (SeesAll || await LinkedToVisibleChildAsync(new NodeRef(NodeKind.Person, p.Id), ct))
            {
                result.Add((p.Id, p.DisplayName, p.Reference));
            }
        }
        return result;
    }

    private async Task<NodeView> ContextViewAsync(Context cx, CancellationToken ct)
    {
        var owner = await db.Agencies.AsNoTracking().Where(a => a.Id == cx.OwnerAgencyId).Select(a => a.Name).FirstOrDefaultAsync(ct);
        (NodeRef, string)? about = cx.About is { } a ? (a, await NameOfAsync(a, ct)) : null;
        return new NodeView(cx.Node, cx.Reference, cx.Name,
        [
            ("Type", Context.Describe(cx.Type)),
            ("Opened", $"{cx.OpenedByName}, {owner ?? "agency not known"}"),
        ], null, cx, about);
    }

    /// <summary>A person, vehicle, phone, place or context by the reference people quote (PER-, VEH-, PHN-, PLC-, CTX-).</summary>
    private async Task<Found?> ByReferenceAsync(string reference, CancellationToken ct)
    {
        if (reference.Length is < 5 or > 20 || reference[3] != '-')
        {
            return null;
        }
        return reference[..3] switch
        {
            "PER" => await db.Persons.AsNoTracking().IgnoreAutoIncludes().Where(p => p.Reference == reference && p.MergedIntoId == null)
                .Select(p => new Found(new NodeRef(NodeKind.Person, p.Id), p.DisplayName, p.Reference, "Same reference", p.OfConcern)).FirstOrDefaultAsync(ct),
            "VEH" => await db.Vehicles.AsNoTracking().Where(v => v.Reference == reference)
                .Select(v => new Found(new NodeRef(NodeKind.Vehicle, v.Id), v.Registration, v.Reference, "Same reference", false)).FirstOrDefaultAsync(ct),
            "PHN" => await db.Phones.AsNoTracking().Where(p => p.Reference == reference)
                .Select(p => new Found(new NodeRef(NodeKind.Phone, p.Id), p.Number, p.Reference, "Same reference", false)).FirstOrDefaultAsync(ct),
            "PLC" => await db.Places.AsNoTracking().IgnoreAutoIncludes().Where(p => p.Reference == reference)
                .Select(p => new Found(new NodeRef(NodeKind.Place, p.Id), p.DisplayName, p.Reference, "Same reference", false)).FirstOrDefaultAsync(ct),
            "CTX" => await db.Contexts.AsNoTracking().IgnoreAutoIncludes().Where(c => c.Reference == reference)
                .Select(c => new Found(new NodeRef(NodeKind.Context, c.Id), c.Name, c.Reference, "Same reference", false)).FirstOrDefaultAsync(ct),
            _ => null,
        };
    }

    private static string Describe(Link link, NodeRef node)
    {
        var words = Link.Describe(link.Type);
        // Links read from the record's own end: "named in a record about" reads from the child's side.
        return link.From == node ? words : $"{words} (from the other record)";
    }

    /// <summary>Whether the record is a person merged into one the reader may see: its links moved there, so its page follows them.</summary>
    private async Task<bool> MergedIntoVisibleAsync(NodeRef node, CancellationToken ct) =>
        node.Kind == NodeKind.Person
        && await db.Persons.Where(p => p.Id == node.Id).Select(p => p.MergedIntoId).FirstOrDefaultAsync(ct) is { } survivor
        && await LinkedToVisibleChildAsync(new NodeRef(NodeKind.Person, survivor), ct);

    /// <summary>Whether the record is linked to a child the reader may read about.</summary>
    private async Task<bool> LinkedToVisibleChildAsync(NodeRef node, CancellationToken ct)
    {
        var linked = (await db.Links.AsNoTracking()
                .Where(l => l.WithdrawnAt == null
                    && ((l.FromKind == node.Kind && l.FromId == node.Id && l.ToKind == NodeKind.Child)
                        || (l.ToKind == node.Kind && l.ToId == node.Id && l.FromKind == NodeKind.Child)))
                .Select(l => l.FromKind == NodeKind.Child ? l.FromId : l.ToId).Distinct().OrderBy(id => id).Take(5000).ToListAsync(ct))
            .Select(id => new ChildId(id)).ToList();
        return linked.Count > 0 && await scope.Children(db.Children).AnyAsync(c => linked.Contains(c.Id), ct);
    }

    private async Task<Dictionary<NodeRef, (string Name, bool OfConcern)>> NamesAsync(IReadOnlyList<NodeRef> nodes, CancellationToken ct)
    {
        var result = new Dictionary<NodeRef, (string, bool)>();
        List<Guid> Of(NodeKind kind) => [.. nodes.Where(n => n.Kind == kind).Select(n => n.Id)];
        var children = Of(NodeKind.Child).Select(i => new ChildId(i)).ToList();
        foreach (var c in await db.Children.AsNoTracking().Where(c => children.Contains(c.Id)).Select(c => new { c.Id, c.GivenName, c.FamilyName }).ToListAsync(ct))
        {
            result[new NodeRef(NodeKind.Child, c.Id.Value)] = ($"{c.GivenName} {c.FamilyName}", false);
        }
        var persons = Of(NodeKind.Person);
        foreach (var p in await db.Persons.AsNoTracking().IgnoreAutoIncludes().Where(p => persons.Contains(p.Id)).Select(p => new { p.Id, p.DisplayName, p.OfConcern }).ToListAsync(ct))
        {
            result[new NodeRef(NodeKind.Person, p.Id)] = (p.DisplayName, p.OfConcern);
        }
        var vehicles = Of(NodeKind.Vehicle);
        foreach (var v in await db.Vehicles.AsNoTracking().Where(v => vehicles.Contains(v.Id)).Select(v => new { v.Id, v.Registration }).ToListAsync(ct))
        {
            result[new NodeRef(NodeKind.Vehicle, v.Id)] = (v.Registration, false);
        }
        var phones = Of(NodeKind.Phone);
        foreach (var p in await db.Phones.AsNoTracking().Where(p => phones.Contains(p.Id)).Select(p => new { p.Id, p.Number }).ToListAsync(ct))
        {
            result[new NodeRef(NodeKind.Phone, p.Id)] = (p.Number, false);
        }
        var places = Of(NodeKind.Place);
        foreach (var p in await db.Places.AsNoTracking().IgnoreAutoIncludes().Where(p => places.Contains(p.Id)).Select(p => new { p.Id, p.DisplayName }).ToListAsync(ct))
        {
            result[new NodeRef(NodeKind.Place, p.Id)] = (p.DisplayName, false);
        }
        var contexts = Of(NodeKind.Context);
        foreach (var c in await db.Contexts.AsNoTracking().Where(c => contexts.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
        {
            result[new NodeRef(NodeKind.Context, c.Id)] = (c.Name, false);
        }
        return result;
    }
}
