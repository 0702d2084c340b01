using System.Diagnostics;
using System.Globalization;
using Lantern.Domain.Partnership;
using Lantern.Testing;

// How long a practitioner waits for a child's record and its exports, on the embedded SQLite
// database: one child with a long chronology from every agency (with links), the front-door
// practitioner signed in, each target warmed up, then timed one request after another.
// With `identity` first: the identity index, search and resolution on a million children (IdentityBench).
// Usage: Lantern.Web.Bench [requests per target, default 50] [chronology entries, default 500]
//        Lantern.Web.Bench identity [children, default 1,000,000] [searches, default 2,000]
//        Lantern.Web.Bench import [lines, default 100,000] [postgres]
//        Lantern.Web.Bench import town [children, default 10,000] [postgres]
//        Lantern.Web.Bench network [children, default 8,000] [seeds..., default 1 2 3]
if (args.Length > 0 && args[0] == "network")
{
    return await Lantern.Web.Bench.NetworkBench.RunAsync(args[1..], Console.Out);
}

if (args.Length > 0 && args[0] == "import")
{
    return await Lantern.Web.Bench.ImportBench.RunAsync(args[1..], Console.Out);
}

if (args.Length > 0 && args[0] == "identity")
{
    return await Lantern.Web.Bench.IdentityBench.RunAsync(args[1..], Console.Out);
}

var requests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var entries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500;

// The test host finds the app's content root through MvcTestingAppManifest.json in the current folder.
Directory.SetCurrentDirectory(AppContext.BaseDirectory);

// The real app (routing, sign-in cookie, scope, audit) in this process, over an in-memory
// transport: the figures are the server's time, without a network.
await using var app = new TestApp();
await app.InitializeAsync();
var child = await TestChronology.SeedAsync(app, entries, app.Time.GetUtcNow().AddDays(-1));
var client = await app.SignInAsAsync(Role.Practitioner);

(string Name, string Path)[] targets =
[
    ("child's page", $"/children/{child}"),
    ("chronology PDF", $"/children/{child}/chronology.pdf"),
    ("chronology CSV", $"/children/{child}/chronology.csv"),
    ("CSV, police, significant+", $"/children/{child}/chronology.csv?agency={await PoliceAsync()}&significance=Significant&order=oldest"),
];

Console.WriteLine($"{entries} chronology entries, {requests} requests per target after 5 warm-up requests, {Environment.ProcessorCount} cores, SQLite");
Console.WriteLine();
Console.WriteLine($"| {"target",-26} | {"status",6} | {"bytes",9} | {"p50 ms",7} | {"p95 ms",7} | {"max ms",7} |");
Console.WriteLine($"| {new string('-', 26)} | {new string('-', 6)} | {new string('-', 9)} | {new string('-', 7)} | {new string('-', 7)} | {new string('-', 7)} |");
foreach (var (name, path) in targets)
{
    var uri = new Uri(path, UriKind.Relative);
    var probe = await client.GetAsync(uri);
    if (!probe.IsSuccessStatusCode)
    {
        // A page not built yet on this branch: say so rather than time an error page.
        Console.WriteLine($"| {name,-26} | {(int)probe.StatusCode,6} | {"-",9} | {"-",7} | {"-",7} | {"-",7} |");
        continue;
    }
    for (var i = 0; i < 5; i++)
    {
        await (await client.GetAsync(uri)).Content.ReadAsByteArrayAsync();
    }
    var times = new List<double>(requests);
    long bytes = 0;
    for (var i = 0; i < requests; i++)
    {
        var watch = Stopwatch.StartNew();
        var response = await client.GetAsync(uri);
        bytes = (await response.Content.ReadAsByteArrayAsync()).LongLength;
        watch.Stop();
        response.EnsureSuccessStatusCode();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name,-26} | {200,6} | {bytes,9} | {Percentile(times, 0.50),7:F1} | {Percentile(times, 0.95),7:F1} | {times[^1],7:F1} |"));
}
return 0;

async Task<string> PoliceAsync() => (await app.WithDbAsync(db =>
    Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Agencies, a => a.Name == "Northbridge Police"))).Id.ToString();

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
