using Lantern.Data;
using Lantern.Domain.Network;
using Lantern.Domain.Records;
using Microsoft.EntityFrameworkCore;

namespace Lantern.Features.Network;

/// <summary>
/// Finds the vehicle, phone or place a record names, or records a new one: the one rule for mentions and
/// imports alike. Vehicles meet by plate key (a partial plate joins the one full plate it fits), phones by
/// number key, places by name key (of several, the one with the record's postcode). Records made and links
/// added in one pass are found again later in the same pass, before anything is saved.
/// </summary>
public sealed class NetworkResolver(LanternDbContext db, DateTimeOffset now)
{
    private readonly Dictionary<string, Vehicle> _vehicles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Phone> _phones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Place> _places = new(StringComparer.Ordinal);

    /// <summary>Full plates and phone numbers looked for in this pass and not recorded: the first mention records them.</summary>
    private readonly HashSet<string> _unknownPlates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unknownPhones = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads in two queries the vehicles (by full plate) and phones a pass is about to name, so that each mention
    /// does not ask on its own. A partial plate is still found by the plates it fits, one at a time.
    /// </summary>
    public async Task PrefetchAsync(IEnumerable<string> plates, IEnumerable<string> numbers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plates);
        ArgumentNullException.ThrowIfNull(numbers);
        var plateKeys = plates.Select(VehicleRegistration.Key).OfType<string>()
            .Where(k => !VehicleRegistration.IsPartial(k) && !_vehicles.ContainsKey(k) && !_unknownPlates.Contains(k)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in plateKeys.Chunk(500))
        {
            foreach (var v in await db.Vehicles.Where(v => !v.IsPartial && chunk.Contains(v.Key)).ToListAsync(ct))
            {
                _vehicles[v.Key] = v;
            }
            _unknownPlates.UnionWith(chunk.Where(k => !_vehicles.ContainsKey(k)));
        }
        var phoneKeys = numbers.Select(PhoneNumber.Key).OfType<string>()
            .Where(k => !_phones.ContainsKey(k) && !_unknownPhones.Contains(k)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var chunk in phoneKeys.Chunk(500))
        {
            foreach (var p in await db.Phones.Where(p => chunk.Contains(p.Key)).ToListAsync(ct))
            {
                _phones[p.Key] = p;
            }
            _unknownPhones.UnionWith(chunk.Where(k => !_phones.ContainsKey(k)));
        }
    }

    /// <summary>The links added in this pass.</summary>
    public List<Link> Links { get; } = [];

    public void Add(Link link)
    {
        ArgumentNullException.ThrowIfNull(link);
        db.Links.Add(link);
        Links.Add(link);
    }

    /// <summary>The vehicle with this plate, found or recorded; null when nothing in it can be a plate.</summary>
    public async Task<Vehicle?> VehicleAsync(string written, string? description, CancellationToken ct)
    {
        if (VehicleRegistration.Key(written) is not { } key)
        {
            return null;
        }
        var vehicle = await FindVehicleAsync(key, ct);
        if (vehicle is null)
        {
            vehicle = Vehicle.Record(RecordReference.New("VEH"), written, key, now, description);
            db.Vehicles.Add(vehicle);
            _vehicles[key] = vehicle;
        }
        else
        {
            vehicle.Describe(description);
        }
        return vehicle;
    }

    private async Task<Vehicle?> FindVehicleAsync(string key, CancellationToken ct)
    {
        if (_vehicles.TryGetValue(key, out var made))
        {
            return made;
        }
        if (!VehicleRegistration.IsPartial(key))
        {
            if (_unknownPlates.Contains(key))
            {
                return null;
            }
            var found = await db.Vehicles.FirstOrDefaultAsync(v => !v.IsPartial && v.Key == key, ct);
            if (found is not null)
            {
                _vehicles[key] = found;
            }
            return found;
        }
        // A partial plate joins the one full plate it fits; with none or several, the partial plate is its own record.
        var start = VehicleRegistration.KnownStart(key);
        if (start.Length >= 2)
        {
            var fitting = (await db.Vehicles.Where(v => !v.IsPartial && v.Key.StartsWith(start)).OrderBy(v => v.Key).Take(200).ToListAsync(ct))
                .Concat(_vehicles.Values.Where(v => !v.IsPartial && v.Key.StartsWith(start, StringComparison.Ordinal)))
                .Where(v => VehicleRegistration.Fits(key, v.Key)).DistinctBy(v => v.Id).Take(2).ToList();
            if (fitting.Count == 1)
            {
                return fitting[0];
            }
        }
        return await db.Vehicles.FirstOrDefaultAsync(v => v.IsPartial && v.Key == key, ct);
    }

    /// <summary>The phone with this number, found or recorded; null when it is not a phone number.</summary>
    public async Task<Phone?> PhoneAsync(string written, string? description, CancellationToken ct)
    {
        if (PhoneNumber.Key(written) is not { } key)
        {
            return null;
        }
        if (!_phones.TryGetValue(key, out var phone) && !_unknownPhones.Contains(key))
        {
            phone = await db.Phones.FirstOrDefaultAsync(p => p.Key == key, ct);
        }
        if (phone is null)
        {
            phone = Phone.Record(RecordReference.New("PHN"), written, key, now, description);
            db.Phones.Add(phone);
        }
        else
        {
            phone.Describe(description);
        }
        _phones[key] = phone;
        return phone;
    }

    /// <summary>
    /// The place of this name, found or recorded; null when no name can be read. <paramref name="detail"/> is an
    /// address when it has a postcode, otherwise a description.
    /// </summary>
    public async Task<Place?> PlaceAsync(string name, string? detail, PlaceType type, CancellationToken ct)
    {
        if (NameKey.Place(name) is not { } key)
        {
            return null;
        }
        var postcode = NameKey.Postcode(name) ?? NameKey.Postcode(detail);
        var cacheKey = key + "|" + postcode;
        if (!_places.TryGetValue(cacheKey, out var place))
        {
            var ids = await db.PlaceNames.AsNoTracking().Where(n => n.Key == key).Select(n => n.PlaceId).Distinct().OrderBy(id => id).Take(20).ToListAsync(ct);
            var named = ids.Count == 0 ? [] : await db.Places.Where(p => ids.Contains(p.Id)).OrderBy(p => p.CreatedAt).ToListAsync(ct);
            named.AddRange(_places.Values.Where(p => p.Names.Any(n => n.Key == key) && !named.Contains(p)));
            // Two places of one name are told apart by postcode where the record gives one.
            place = named.FirstOrDefault(p => postcode is not null && p.Postcode == postcode)
                    ?? named.FirstOrDefault(p => postcode is null || p.Postcode is null);
        }
        if (place is null)
        {
            place = Place.Record(RecordReference.New("PLC"), name, now, type, address: postcode is null ? null : detail, description: postcode is null ? detail : null);
            db.Places.Add(place);
        }
        else
        {
            place.AddName(name);
            place.SetType(type);
            if (postcode is not null)
            {
                place.SetAddress(detail);
            }
            else
            {
                place.Describe(detail);
            }
        }
        _places[cacheKey] = place;
        return place;
    }
}
