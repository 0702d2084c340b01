using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Lantern.Data;
using Lantern.Domain.People;
using Lantern.Features.Identity;
using Lantern.Linking;
using Lantern.Linking.Synthetic;
using Lantern.Linking.Text;
using Lantern.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lantern.Web.Bench;

/// <summary>
/// The identity index and search of the real app with a million children on the embedded SQLite database:
/// how long a node takes to build its index at start and how much memory it holds, how long the children
/// page's search takes by the kind of thing typed (and whether it finds the child), and how long resolving an
/// arriving referral's child takes (and whether it joins the right one).
/// The children are the people of the engine's synthetic town of families, one record each.
/// </summary>
internal static class IdentityBench
{
    private const int MaxResults = 50;
    private const int WarmUp = 200;
    private const int Referrals = 2_000;

    /// <summary>What the bench keeps of each child it wrote, to build searches and referrals from.</summary>
    private sealed record Known(Guid Id, string Given, string Family, DateOnly? DateOfBirth, string? Sex, string? NhsNumber, string? Postcode, string? Address);

    private enum SearchKind
    {
        Misspelt,
        Nickname,
        Swapped,
        FamilyAlone,
        CommonFamilyAlone,
        WithYear,
    }

    private enum Corruption
    {
        FamilyTypo,
        GivenTypo,
        NicknameOrVariant,
        DayMonthSwapped,
        NamesSwapped,
    }

    private static readonly string[] SearchLabels =
    [
        "a misspelt family name",
        "b nickname or variant",
        "c names swapped",
        "d family name alone",
        "d common family alone",
        "e name and year",
    ];

    private static readonly string[] CorruptionLabels =
    [
        "family name misspelt",
        "given name misspelt",
        "nickname or variant",
        "day and month swapped",
        "names swapped",
    ];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        var count = args.Count > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
        var searches = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000;
        var total = Stopwatch.StartNew();
        var ct = CancellationToken.None;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"identity index and search: {count:N0} children, {searches:N0} searches, {Referrals:N0} referrals; {Environment.ProcessorCount} cores, SQLite, {(GCSettings.IsServerGC ? "server" : "workstation")} GC"));

        // The test host finds the app's content root through MvcTestingAppManifest.json in the current folder.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        await using var app = new TestApp();
        // The report is the output: the app's start-up warnings (migrations, unencrypted keys) are not figures.
        app.Settings["Logging:LogLevel:Default"] = "Error";
        app.Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error";
        app.Settings["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error";
        await app.InitializeAsync();
        var now = app.Time.GetUtcNow();

        var step = Stopwatch.StartNew();
        var known = Town(count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"town of families: {known.Length:N0} people in {step.Elapsed.TotalSeconds:0.0} s"));

        step.Restart();
        var file = app.Services.GetRequiredService<DataFolderOptions>().SqliteFile;
        await InsertAsync(file, known, now, ct);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"database: {known.Length:N0} children and their current addresses written in {step.Elapsed.TotalSeconds:0.0} s ({new FileInfo(file).Length / 1048576.0:N0} MB)"));
        await CheckStoredAsync(app, known[^1], ct);

        // 1. The build at start: a fresh index's first catch-up reads every child.
        var options = app.Services.GetRequiredService<IOptions<IdentityOptions>>();
        var logger = app.Services.GetRequiredService<ILogger<IdentityIndex>>();
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var workingBefore = Environment.WorkingSet;
        using var index = new IdentityIndex(options, app.Time, logger);
        step.Restart();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await index.CatchUpAsync(scope.ServiceProvider.GetRequiredService<LanternDbContext>(), ct);
        }
        var built = step.Elapsed;
        var workingAfterBuild = Environment.WorkingSet;
        var managedAfter = GC.GetTotalMemory(forceFullCollection: true);
        var workingAfter = Environment.WorkingSet;
        var indexed = index.LastBuild?.Children ?? 0;
        var perChild = (managedAfter - managedBefore) / (double)Math.Max(1, indexed);
        output.WriteLine();
        output.WriteLine("index build at start (a fresh IdentityIndex's first CatchUpAsync)");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  built in {built.TotalSeconds:0.0} s (its own clock: {index.LastBuild?.Took.TotalSeconds:0.0} s); {indexed:N0} children indexed, {index.Count:N0} index records"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  managed memory {managedBefore / 1048576.0:N0} MB before, {managedAfter / 1048576.0:N0} MB after: {(managedAfter - managedBefore) / 1048576.0:N0} MB held by the index, {perChild:N0} bytes a child"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  working set {workingBefore / 1048576.0:N0} MB before, {workingAfterBuild / 1048576.0:N0} MB at the end of the build, {workingAfter / 1048576.0:N0} MB after a full collection; peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MB"));

        // 2. Search, as the children page calls it.
        var commonNames = CommonFamilyNames(known, 3);
        var warm = Searches(known, commonNames, WarmUp, seed: 11);
        var timed = Searches(known, commonNames, searches, seed: 7);
        foreach (var (_, text, _) in warm)
        {
            await SearchAsync(app, index, text, ct);
        }
        var alike = Alike.Count(known);
        var results = new List<SearchResult>(timed.Count);
        foreach (var (kind, text, target) in timed)
        {
            var start = Stopwatch.GetTimestamp();
            var hits = await SearchAsync(app, index, text, ct);
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            // The same words through the index alone, to tell the engine's share of the time from the database's.
            start = Stopwatch.GetTimestamp();
            foreach (var query in ChildSearch.Queries(text, now.Year))
            {
                index.Search(query, MaxResults);
            }
            var indexMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            results.Add(new SearchResult(kind, ms, indexMs, hits.Any(h => h.Id.Value == target), hits.Count == 0, alike.Of(kind, target), text, target));
        }
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search: ChildSearch.FindAsync(text, {MaxResults}) after {WarmUp} warm-up searches; found = the child the text was made from is among the results"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  common family names: {string.Join(", ", commonNames.Select(c => $"{c.Name} ({c.Children.Count:N0})"))}"));
        output.WriteLine($"| {"typed",-24} | {"n",5} | {"p50 ms",7} | {"p95 ms",7} | {"p99 ms",7} | {"max ms",7} | {"index p50",9} | {"found",6} | {"found, few alike",16} | {"none",6} |");
        output.WriteLine($"| {new string('-', 24)} | {new string('-', 5)} | {new string('-', 7)} | {new string('-', 7)} | {new string('-', 7)} | {new string('-', 7)} | {new string('-', 9)} | {new string('-', 6)} | {new string('-', 16)} | {new string('-', 6)} |");
        foreach (var kind in Enum.GetValues<SearchKind>())
        {
            SearchRow(output, SearchLabels[(int)kind], [.. results.Where(r => r.Kind == kind)]);
        }
        SearchRow(output, "all", results);
        // What was not found though few children share it, so that a reader can see why.
        var byId = known.ToDictionary(k => k.Id);
        foreach (var kind in Enum.GetValues<SearchKind>())
        {
            var missed = results.Where(r => r.Kind == kind && !r.Found && r.Alike <= MaxResults).Take(3)
                .Select(r => $"'{r.Text}' for {byId[r.Target].Given} {byId[r.Target].Family}").ToList();
            if (missed.Count > 0)
            {
                output.WriteLine($"  not found ({SearchLabels[(int)kind]}): {string.Join("; ", missed)}");
            }
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  index p50 = the same words through IdentityIndex.Search alone; found, few alike = found, of the searches whose child shares"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  what was typed right (both names; the family name alone; both names and the year) with at most {MaxResults} children; none = no results"));

        // 3. Resolve on arrival: a referral's child, written a little differently, with date of birth and postcode.
        var referrals = ReferralRecords(known, Referrals, seed: 5);
        foreach (var (_, record, _) in ReferralRecords(known, WarmUp, seed: 13))
        {
            await ResolveAsync(app, index, record, ct);
        }
        var resolved = new List<(Corruption Kind, double Ms, Outcome Outcome)>(referrals.Count);
        foreach (var (kind, record, target) in referrals)
        {
            var start = Stopwatch.GetTimestamp();
            var resolution = await ResolveAsync(app, index, record, ct);
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            var outcome = resolution.Join is { } join
                ? join.ChildId.Value == target ? Outcome.Joined : resolution.ForReview.Any(c => c.ChildId.Value == target) ? Outcome.JoinedOtherChildInReview : Outcome.JoinedOther
                : resolution.ForReview.Any(c => c.ChildId.Value == target) ? Outcome.Review : Outcome.Missed;
            resolved.Add((kind, ms, outcome));
        }
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"resolve on arrival: IdentityResolution.ResolveAsync for {Referrals:N0} referrals (a child's record with one change, date of birth and postcode) after {WarmUp} warm-up"));
        output.WriteLine($"| {"changed",-22} | {"n",5} | {"p50 ms",7} | {"p99 ms",7} | {"max ms",7} | {"joined",7} | {"review",7} | {"wrong",7} | {"missed",7} |");
        output.WriteLine($"| {new string('-', 22)} | {new string('-', 5)} | {new string('-', 7)} | {new string('-', 7)} | {new string('-', 7)} | {new string('-', 7)} | {new string('-', 7)} | {new string('-', 7)} | {new string('-', 7)} |");
        foreach (var kind in Enum.GetValues<Corruption>())
        {
            ResolveRow(output, CorruptionLabels[(int)kind], [.. resolved.Where(r => r.Kind == kind).Select(r => (r.Ms, r.Outcome))]);
        }
        ResolveRow(output, "all", [.. resolved.Select(r => (r.Ms, r.Outcome))]);
        output.WriteLine("  joined = the child joined; review = not joined, the child put to a person; wrong = another child joined");
        output.WriteLine("  (the true child put to a person beside it or not); missed = the child neither joined nor put to a person");
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"total {total.Elapsed.TotalSeconds:0} s"));
        return 0;
    }

    private sealed record SearchResult(SearchKind Kind, double Ms, double IndexMs, bool Found, bool None, int Alike, string Text, Guid Target);

    /// <summary>How many children share a name (both names, the family name alone, both names and the year of birth), folded.</summary>
    private sealed class Alike
    {
        private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
        private readonly Dictionary<Guid, Known> _byId = [];

        public static Alike Count(Known[] known)
        {
            var alike = new Alike();
            foreach (var k in known)
            {
                alike._byId[k.Id] = k;
                foreach (var key in All(k))
                {
                    alike._counts[key] = alike._counts.GetValueOrDefault(key) + 1;
                }
            }
            return alike;
        }

        public int Of(SearchKind kind, Guid child)
        {
            var (name, family, nameYear) = Keys(_byId[child]);
            return _counts[kind switch
            {
                SearchKind.FamilyAlone or SearchKind.CommonFamilyAlone => family,
                SearchKind.WithYear => nameYear ?? name,
                SearchKind.Misspelt or SearchKind.Nickname or SearchKind.Swapped => name,
                _ => throw new InvalidOperationException(),
            }];
        }

        private static IEnumerable<string> All(Known k)
        {
            var (name, family, nameYear) = Keys(k);
            return nameYear is null ? [name, family] : [name, family, nameYear];
        }

        private static (string Name, string Family, string? NameYear) Keys(Known k)
        {
            var given = NameText.Fold(NameText.Tokens(k.Given) is { Count: > 0 } t ? t[0] : k.Given);
            var family = NameText.Fold(k.Family);
            return ($"{given}|{family}", $"|{family}", k.DateOfBirth is { } d ? string.Create(CultureInfo.InvariantCulture, $"{given}|{family}|{d.Year}") : null);
        }
    }

    private enum Outcome
    {
        Joined,
        Review,
        JoinedOther,
        JoinedOtherChildInReview,
        Missed,
    }

    /// <summary>One request's worth of the children page's search: its own scope and DbContext, the index under test.</summary>
    private static async Task<IReadOnlyList<ChildHit>> SearchAsync(TestApp app, IdentityIndex index, string text, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var search = new ChildSearch(scope.ServiceProvider.GetRequiredService<LanternDbContext>(), index, app.Time);
        return await search.FindAsync(text, MaxResults, ct);
    }

    private static async Task<Resolution> ResolveAsync(TestApp app, IdentityIndex index, PersonRecord record, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var resolution = new IdentityResolution(scope.ServiceProvider.GetRequiredService<LanternDbContext>(), index, app.Time);
        return await resolution.ResolveAsync(record, ct);
    }

    /// <summary>
    /// One record per person of the town, each a child: those with both names, in file order. The town is made a
    /// little larger than asked, since a few records carry a first name only.
    /// </summary>
    private static Known[] Town(int count)
    {
        var households = new SyntheticHouseholds(NameVariants.Default, seed: 3);
        // Ids from a seeded generator, so that the same town gets the same ids (and the same rows) every run.
        var random = new Random(3);
        var bytes = new byte[16];
        for (var size = count + Math.Max(100, count / 20); ; size += Math.Max(100, count / 10))
        {
            var population = households.Generate(size, 0.0);
            var known = new List<Known>(count);
            foreach (var r in population.Records)
            {
                if (string.IsNullOrWhiteSpace(r.Given) || string.IsNullOrWhiteSpace(r.Family))
                {
                    continue;
                }
                var dob = Linking.Normalisation.DateOfBirth.Parse(r.DateOfBirth, SyntheticHouseholds.ReferenceDate.Year);
                random.NextBytes(bytes);
                known.Add(new Known(new Guid(bytes), r.Given.Trim(), r.Family.Trim(),
                    dob.IsComplete && DateOnly.TryParseExact(dob.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null,
                    r.Sex, NhsNumber.Normalise(r.Identifier),
                    string.IsNullOrWhiteSpace(r.Postcode) ? null : r.Postcode.Trim(), string.IsNullOrWhiteSpace(r.Address) ? null : r.Address.Trim()));
                if (known.Count == count)
                {
                    return [.. known];
                }
            }
        }
    }

    /// <summary>
    /// Writes the children straight into the app's tables (EF would take many minutes for a million): one
    /// transaction, prepared commands, and no journal while it runs, on this throwaway database only.
    /// </summary>
    private static async Task InsertAsync(string file, Known[] known, DateTimeOffset now, CancellationToken ct)
    {
        // The app's idle pooled connections hold the file; changing the journal needs it alone.
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576;", ct);
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct))
        {
            await using var child = connection.CreateCommand();
            child.Transaction = transaction;
            child.CommandText = """
                INSERT INTO "Children" ("Id", "GivenName", "FamilyName", "DateOfBirth", "Gender", "NhsNumber",
                    "ChildInNeed", "ChildProtectionPlan", "LookedAfter", "CreatedAt", "Version")
                VALUES ($id, $given, $family, $dob, $gender, $nhs, 0, 0, 0, $created, 0)
                """;
            var id = child.Parameters.Add("$id", SqliteType.Text);
            var given = child.Parameters.Add("$given", SqliteType.Text);
            var family = child.Parameters.Add("$family", SqliteType.Text);
            var dob = child.Parameters.Add("$dob", SqliteType.Text);
            var gender = child.Parameters.Add("$gender", SqliteType.Text);
            var nhs = child.Parameters.Add("$nhs", SqliteType.Text);
            child.Parameters.AddWithValue("$created", now.UtcTicks);
            await child.PrepareAsync(ct);

            await using var address = connection.CreateCommand();
            address.Transaction = transaction;
            address.CommandText = """
                INSERT INTO "ChildAddresses" ("ChildId", "Address", "Postcode", "From", "To")
                VALUES ($child, $address, $postcode, $from, NULL)
                """;
            var addressChild = address.Parameters.Add("$child", SqliteType.Text);
            var addressText = address.Parameters.Add("$address", SqliteType.Text);
            var postcode = address.Parameters.Add("$postcode", SqliteType.Text);
            address.Parameters.AddWithValue("$from", Iso(DateOnly.FromDateTime(now.UtcDateTime)));
            await address.PrepareAsync(ct);

            foreach (var k in known)
            {
                // As EF stores a Guid on SQLite: upper-case text.
                var key = k.Id.ToString("D").ToUpperInvariant();
                id.Value = key;
                given.Value = k.Given;
                family.Value = k.Family;
                dob.Value = k.DateOfBirth is { } d ? Iso(d) : DBNull.Value;
                gender.Value = k.Sex switch
                {
                    "M" or "Male" => "Male",
                    "F" or "Female" => "Female",
                    _ => "NotKnown",
                };
                nhs.Value = (object?)k.NhsNumber ?? DBNull.Value;
                await child.ExecuteNonQueryAsync(ct);
                if (k.Address is not null || k.Postcode is not null)
                {
                    addressChild.Value = key;
                    addressText.Value = k.Address ?? "";
                    postcode.Value = (object?)k.Postcode ?? DBNull.Value;
                    await address.ExecuteNonQueryAsync(ct);
                }
            }
            await transaction.CommitAsync(ct);
        }
        // Back to the journal the app sets on its database.
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", ct);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Reads one written child back through the app's DbContext: the raw rows must be what EF would have stored.</summary>
    private static async Task CheckStoredAsync(TestApp app, Known last, CancellationToken ct)
    {
        var child = await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.Children, c => c.Addresses),
            c => c.Id == new Domain.Children.ChildId(last.Id), ct));
        if (child is null || child.GivenName != last.Given || child.DateOfBirth != last.DateOfBirth
            || child.Addresses.Count != (last.Address is null && last.Postcode is null ? 0 : 1))
        {
            throw new InvalidOperationException("A child written by the bench does not read back through the app's DbContext as written.");
        }
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static List<(string Name, List<int> Children)> CommonFamilyNames(Known[] known, int count)
    {
        var byName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < known.Length; i++)
        {
            var folded = NameText.Fold(known[i].Family);
            if (!byName.TryGetValue(folded, out var list))
            {
                byName[folded] = list = [];
            }
            list.Add(i);
        }
        return [.. byName.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(count)
            .Select(kv => (Title(kv.Key), kv.Value))];
    }

    /// <summary>What a person types to find a child, one kind after another, each made from a random child.</summary>
    private static List<(SearchKind Kind, string Text, Guid Target)> Searches(Known[] known, List<(string Name, List<int> Children)> common, int count, int seed)
    {
        var random = new Random(seed);
        var kinds = Enum.GetValues<SearchKind>();
        var searches = new List<(SearchKind, string, Guid)>(count);
        while (searches.Count < count)
        {
            var kind = kinds[searches.Count % kinds.Length];
            var k = known[random.Next(known.Length)];
            string? text = kind switch
            {
                SearchKind.Misspelt => Typo(random, k.Family) is { } typo ? $"{k.Given} {typo}" : null,
                SearchKind.Nickname => OtherName(random, k.Given) is { } other ? $"{other} {k.Family}" : null,
                SearchKind.Swapped => $"{k.Family} {k.Given}",
                SearchKind.FamilyAlone => k.Family,
                SearchKind.CommonFamilyAlone => null,
                SearchKind.WithYear => k.DateOfBirth is { } d ? string.Create(CultureInfo.InvariantCulture, $"{k.Given} {k.Family} {d.Year}") : null,
                _ => throw new InvalidOperationException(),
            };
            if (kind == SearchKind.CommonFamilyAlone)
            {
                var name = common[random.Next(common.Count)];
                k = known[name.Children[random.Next(name.Children.Count)]];
                text = k.Family;
            }
            if (text is not null)
            {
                searches.Add((kind, text, k.Id));
            }
        }
        return searches;
    }

    /// <summary>An arriving referral's record of a random child with a date of birth and a postcode, with one thing written differently.</summary>
    private static List<(Corruption Kind, PersonRecord Record, Guid Target)> ReferralRecords(Known[] known, int count, int seed)
    {
        var random = new Random(seed);
        var kinds = Enum.GetValues<Corruption>();
        var records = new List<(Corruption, PersonRecord, Guid)>(count);
        while (records.Count < count)
        {
            var kind = kinds[records.Count % kinds.Length];
            var k = known[random.Next(known.Length)];
            if (k.DateOfBirth is not { } dob || k.Postcode is null)
            {
                continue;
            }
            var record = new PersonRecord($"referral{records.Count}")
            {
                Given = k.Given,
                Family = k.Family,
                DateOfBirth = Iso(dob),
                Postcode = k.Postcode,
                Address = k.Address,
            };
            PersonRecord? changed = kind switch
            {
                Corruption.FamilyTypo => Typo(random, k.Family) is { } family ? record with { Family = family } : null,
                Corruption.GivenTypo => Typo(random, k.Given) is { } given ? record with { Given = given } : null,
                Corruption.NicknameOrVariant => OtherName(random, k.Given) is { } other ? record with { Given = other } : null,
                Corruption.DayMonthSwapped => dob.Day <= 12 && dob.Day != dob.Month ? record with { DateOfBirth = Iso(new DateOnly(dob.Year, dob.Day, dob.Month)) } : null,
                Corruption.NamesSwapped => record with { Given = k.Family, Family = k.Given },
                _ => throw new InvalidOperationException(),
            };
            if (changed is not null)
            {
                records.Add((kind, changed, k.Id));
            }
        }
        return records;
    }

    /// <summary>One slip of the keyboard in a name: a letter after the first changed or dropped.</summary>
    private static string? Typo(Random random, string name)
    {
        if (name.Length < 3 || name.Contains(' ', StringComparison.Ordinal))
        {
            return null;
        }
        var at = 1 + random.Next(name.Length - 1);
        if (random.Next(2) == 0)
        {
            return name.Remove(at, 1);
        }
        char letter;
        do
        {
            letter = (char)('a' + random.Next(26));
        }
        while (letter == char.ToLowerInvariant(name[at]));
        return string.Concat(name.AsSpan(0, at), char.IsUpper(name[at]) ? char.ToUpperInvariant(letter).ToString() : letter.ToString(), name.AsSpan(at + 1));
    }

    /// <summary>A nickname, full form or other spelling of the first given name, from the engine's lists; null when it has none.</summary>
    private static string? OtherName(Random random, string given)
    {
        var first = NameText.Tokens(given) is { Count: > 0 } tokens ? tokens[0] : null;
        if (first is null)
        {
            return null;
        }
        var folded = NameText.Fold(first);
        var options = NameVariants.Default.NicknamesOf(folded).Concat(NameVariants.Default.VariantsOf(folded))
            .Where(o => o != folded && o.Length > 1).Distinct(StringComparer.Ordinal).ToList();
        return options.Count == 0 ? null : Title(options[random.Next(options.Count)]);
    }

    private static string Title(string s) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s);

    private static void SearchRow(TextWriter output, string label, List<SearchResult> rows)
    {
        var times = rows.Select(r => r.Ms).Order().ToList();
        if (times.Count == 0)
        {
            return;
        }
        var indexTimes = rows.Select(r => r.IndexMs).Order().ToList();
        var few = rows.Where(r => r.Alike <= MaxResults).ToList();
        var fewFound = few.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{Share(few.Count(r => r.Found), few.Count)} of {few.Count}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label,-24} | {times.Count,5} | {Percentile(times, 0.50),7:F1} | {Percentile(times, 0.95),7:F1} | {Percentile(times, 0.99),7:F1} | {times[^1],7:F1} | {Percentile(indexTimes, 0.50),9:F1} | {Share(rows.Count(r => r.Found), rows.Count),6} | {fewFound,16} | {Share(rows.Count(r => r.None), rows.Count),6} |"));
    }

    private static void ResolveRow(TextWriter output, string label, List<(double Ms, Outcome Outcome)> rows)
    {
        var times = rows.Select(r => r.Ms).Order().ToList();
        if (times.Count == 0)
        {
            return;
        }
        string Of(params Outcome[] outcomes) => Share(rows.Count(r => outcomes.Contains(r.Outcome)), rows.Count);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {label,-22} | {times.Count,5} | {Percentile(times, 0.50),7:F2} | {Percentile(times, 0.99),7:F2} | {times[^1],7:F2} | {Of(Outcome.Joined),7} | {Of(Outcome.Review),7} | {Of(Outcome.JoinedOther, Outcome.JoinedOtherChildInReview),7} | {Of(Outcome.Missed),7} |"));
    }

    private static string Share(int part, int whole) => string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:0.0}%");

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
