using System.CommandLine;
using System.Globalization;
using Lantern.Linking.Synthetic;
using Lantern.Linking.Text;

namespace Lantern.Cli;

/// <summary>
/// `lantern synth people`: a made-up town of households whose people five agencies record each in their own way,
/// and the truth (which records are the same person, and who lives with whom) to score a linkage against.
/// `--simple` makes the older town of unrelated people instead. Deterministic for a seed.
/// Exit code 2 means bad input, naming the option.
/// </summary>
internal static class SynthCommand
{
    /// <summary>The columns of the people file, as `lantern link --columns` takes them.</summary>
    public const string LinkColumns =
        "id=id,given=given_name,family=family_name,dob=date_of_birth,sex=sex,postcode=postcode,address=address,locality=locality,phone=phone,identifier=identifier";

    public static Command Build()
    {
        var count = new Option<int>("--count") { Description = "Number of records to make, duplicates included", Required = true };
        var rate = new Option<double>("--duplicate-rate")
        {
            Description = "Share of records that are another record of someone already present, 0 to 1 (default 0.2)",
            DefaultValueFactory = _ => 0.2,
        };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed makes the same town (default 1)", DefaultValueFactory = _ => 1 };
        var output = new Option<FileInfo>("--out") { Description = "Output: the people, one record a row", Required = true };
        var truth = new Option<FileInfo>("--truth") { Description = "Output: id,entity_id,household_id,role for every record", Required = true };
        var simple = new Option<bool>("--simple") { Description = "Unrelated people with corrupted duplicates, without households (the older generator)" };
        var people = new Command("people", "Make a synthetic town of households, the agencies' records of its people, and the truth about who is who")
        {
            count, rate, seed, output, truth, simple,
        };
        people.SetAction(parse => Run(parse.GetValue(count), parse.GetValue(rate), parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(truth)!,
            parse.GetValue(simple)));
        var synth = new Command("synth", "Make synthetic test data");
        synth.Subcommands.Add(people);
        synth.Subcommands.Add(BuildExtract());
        return synth;
    }

    /// <summary>
    /// `lantern synth extract`: several years of a made-up town's multi-agency history in the extract format, with
    /// hidden exploitation networks and honest decoys, and the truth about every record (docs/import-format.md).
    /// </summary>
    private static Command BuildExtract()
    {
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed makes the same files, byte for byte (default 1)", DefaultValueFactory = _ => 1 };
        var children = new Option<int>("--children") { Description = "Number of children of the town, 1 to 2,000,000", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Output: the extract, one JSON object a line" };
        var truth = new Option<FileInfo?>("--truth") { Description = "Output: the truth (every record's true entity, the networks, the decoys), one JSON document" };
        var extract = new Command("extract", "Make a synthetic town's multi-agency history as an extract to import, with hidden networks, decoys and the truth about them")
        {
            seed, children, output, truth,
        };
        extract.SetAction(parse => RunExtract(parse.GetValue(seed), parse.GetValue(children), parse.GetValue(output), parse.GetValue(truth)));
        return extract;
    }

    private static int RunExtract(int seed, int children, FileInfo? outFile, FileInfo? truthFile)
    {
        const string Verb = "lantern synth extract";
        if (children is <= 0 or > SyntheticExtract.MaxChildren)
        {
            return Fail(Verb, string.Create(CultureInfo.InvariantCulture, $"--children must be a whole number from 1 to {SyntheticExtract.MaxChildren:N0} (got {children})"));
        }
        if (outFile is null)
        {
            return Fail(Verb, "--out: give the file to write the extract to");
        }
        if (truthFile is null)
        {
            return Fail(Verb, "--truth: give the file to write the truth to");
        }
        if (Path.GetFullPath(outFile.FullName) == Path.GetFullPath(truthFile.FullName))
        {
            return Fail(Verb, "--out and --truth must be different files");
        }
        FileStream? lines = null;
        FileStream? facts = null;
        try
        {
            lines = Create(outFile, "--out", Verb);
            facts = Create(truthFile, "--truth", Verb);
            if (lines is null || facts is null)
            {
                return 2;
            }
            var summary = new SyntheticExtract(NameVariants.Default, seed, children).Write(lines, facts);
            var byType = string.Join(", ", summary.LinesByType.Where(t => t.Key is not ("header" or "agency")).OrderByDescending(t => t.Value)
                .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Value:N0} {t.Key}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {summary.Lines:N0} lines ({byType}) about {summary.Children:N0} children, {summary.FirstYear}-{summary.LastYear}: {summary.Networks} networks with {summary.Victims:N0} victims, {summary.Decoys} decoys; {summary.VictimBlamingLines:N0} lines with victim-blaming wording. Truth in {truthFile.Name}."));
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(Verb, $"could not write the output: {e.Message}");
        }
        finally
        {
            lines?.Dispose();
            facts?.Dispose();
        }
    }

    private static FileStream? Create(FileInfo file, string option, string verb)
    {
        try
        {
            return new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Fail(verb, $"{option}: cannot write {file.FullName}: {e.Message}");
            return null;
        }
    }

    private static int Run(int count, double rate, int seed, FileInfo outFile, FileInfo truthFile, bool simple)
    {
        if (count <= 0)
        {
            return Fail($"--count must be a positive number of records (got {count})");
        }
        if (double.IsNaN(rate) || rate is < 0 or > 1)
        {
            return Fail(string.Create(CultureInfo.InvariantCulture, $"--duplicate-rate must be between 0 and 1 (got {rate})"));
        }
        if (Path.GetFullPath(outFile.FullName) == Path.GetFullPath(truthFile.FullName))
        {
            return Fail("--out and --truth must be different files");
        }
        StreamWriter? people = null;
        StreamWriter? truth = null;
        try
        {
            people = Open(outFile, "--out");
            truth = Open(truthFile, "--truth");
            if (people is null || truth is null)
            {
                return 2;
            }
            // Without households each person is a household of one, with no role.
            var households = simple ? null : new SyntheticHouseholds(NameVariants.Default, seed).Generate(count, rate);
            var population = households?.ToSyntheticPopulation() ?? new SyntheticPeople(NameVariants.Default, seed).Generate(count, rate);
            people.WriteLine("id,given_name,family_name,date_of_birth,sex,postcode,address,locality,phone,identifier");
            truth.WriteLine("id,entity_id,household_id,role");
            foreach (var r in population.Records)
            {
                people.WriteLine(string.Join(',', Csv(r.Id), Csv(r.Given), Csv(r.Family), Csv(r.DateOfBirth), Csv(r.Sex),
                    Csv(r.Postcode), Csv(r.Address), Csv(r.Locality), Csv(r.Phone), Csv(r.Identifier)));
                var entity = population.EntityOf[r.Id];
                var facts = households?.People[entity];
                truth.WriteLine(string.Join(',', Csv(r.Id), Csv(entity), Csv(facts?.HouseholdId ?? entity), facts is null ? "" : RoleCode(facts.Role)));
            }
            var persons = population.EntityOf.Values.Distinct(StringComparer.Ordinal).Count();
            var homes = households is null ? "" : string.Create(CultureInfo.InvariantCulture,
                $" in {households.People.Values.Select(p => p.HouseholdId).Distinct(StringComparer.Ordinal).Count():N0} households");
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {population.Records.Count:N0} records of {persons:N0} people{homes} ({population.Records.Count - persons:N0} duplicates) to {outFile.Name} and the truth to {truthFile.Name}."));
            Console.Error.WriteLine($"Link them with: lantern link --input {outFile.Name} --columns {LinkColumns} --pairs pairs.csv");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"could not write the output: {e.Message}");
        }
        finally
        {
            people?.Dispose();
            truth?.Dispose();
        }
    }

    private static StreamWriter? Open(FileInfo file, string option)
    {
        try
        {
            return new StreamWriter(file.FullName) { NewLine = "\n" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Fail($"{option}: cannot write {file.FullName}: {e.Message}");
            return null;
        }
    }

    private static int Fail(string message) => Fail("lantern synth people", message);

    private static int Fail(string verb, string message)
    {
        Console.Error.WriteLine($"{verb}: {message}");
        return 2;
    }

    /// <summary>The role as truth.csv writes it.</summary>
    public static string RoleCode(HouseholdRole role) => role switch
    {
        HouseholdRole.Head => "head",
        HouseholdRole.Partner => "partner",
        HouseholdRole.Child => "child",
        HouseholdRole.StepChild => "step_child",
        HouseholdRole.Grandparent => "grandparent",
        HouseholdRole.FosterChild => "foster_child",
        HouseholdRole.Housemate => "housemate",
        HouseholdRole.SingleAdult => "single",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    private static string Csv(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
