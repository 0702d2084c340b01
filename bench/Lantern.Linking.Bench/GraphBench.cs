using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lantern.Linking.Network;

namespace Lantern.Linking.Bench;

/// <summary>
/// The network issue's full recomputation, timed beside the reference implementations: connected components
/// (python-igraph) and Leiden communities optimising modularity (leidenalg), on the same generated edge list.
/// Each side runs in its own process, one after the other, so that peak memory and processor time are its own.
/// Both run the same number of Leiden iterations (leidenalg's n_iterations) with the same seed.
/// </summary>
internal static class GraphBench
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static int Run(int nodes, int edges, int seed, int iterations, TextWriter output)
    {
        output.WriteLine($"graph: {nodes:N0} nodes, {edges:N0} links, seed {seed}, {iterations} Leiden iterations on both sides; "
            + $"{Environment.ProcessorCount} processors, load average at start {LoadAverage()}");
        var directory = Directory.CreateTempSubdirectory("lantern-graph-");
        try
        {
            var sw = Stopwatch.StartNew();
            var list = SafeguardingNetworkGraph.Generate(nodes, edges, seed);
            var file = Path.Combine(directory.FullName, "graph.txt");
            EdgeListFile.Write(list, file);
            output.WriteLine($"generated in {sw.Elapsed.TotalSeconds:0.0} s ({new FileInfo(file).Length / 1048576.0:N0} MB of text): {list.Description}");
            list = null;
            GC.Collect();

            var lanternMembership = Path.Combine(directory.FullName, "lantern.bin");
            var referenceMembership = Path.Combine(directory.FullName, "leidenalg.bin");
            var self = typeof(GraphBench).Assembly.Location;
            var lantern = RunProcess<LanternFigures>(Environment.ProcessPath ?? "dotnet",
                [self, "graph-run", file, Text(seed), Text(iterations), lanternMembership]);
            var python = Environment.GetEnvironmentVariable("LANTERN_GRAPH_PYTHON") ?? "python3";
            var script = Path.Combine(AppContext.BaseDirectory, "graph_reference.py");
            var reference = RunProcess<ReferenceFigures>(python, [script, file, Text(seed), Text(iterations), lanternMembership, referenceMembership]);
            Report(file, lantern, reference, ReadMembership(lanternMembership), ReadMembership(referenceMembership), iterations, output);
            output.WriteLine($"load average at the end {LoadAverage()}");
            return 0;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The timed Lantern side, in a process of its own: load, components, Leiden; prints one JSON line.</summary>
    public static int RunLantern(string file, int seed, int iterations, string membershipPath, TextWriter output)
    {
        var process = Process.GetCurrentProcess();
        TimeSpan Cpu()
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        var (wall, cpu) = (Stopwatch.StartNew(), Cpu());
        var graph = EdgeListFile.Read(file);
        var (loadSeconds, loadCpu) = (wall.Elapsed.TotalSeconds, (Cpu() - cpu).TotalSeconds);

        (wall, cpu) = (Stopwatch.StartNew(), Cpu());
        var components = ConnectedComponents.Find(graph);
        var (componentsSeconds, componentsCpu) = (wall.Elapsed.TotalSeconds, (Cpu() - cpu).TotalSeconds);

        (wall, cpu) = (Stopwatch.StartNew(), Cpu());
        var leiden = Leiden.FindCommunities(graph, new LeidenOptions { Seed = seed, Iterations = iterations });
        var (leidenSeconds, leidenCpu) = (wall.Elapsed.TotalSeconds, (Cpu() - cpu).TotalSeconds);
        process.Refresh();
        var peak = process.PeakWorkingSet64 / 1048576.0;

        // Until an iteration changes nothing, timed after the peak above was read: what more iterations buy.
        (wall, cpu) = (Stopwatch.StartNew(), Cpu());
        var untilStable = Leiden.FindCommunities(graph, new LeidenOptions { Seed = seed, Iterations = null });
        var (stableSeconds, stableCpu) = (wall.Elapsed.TotalSeconds, (Cpu() - cpu).TotalSeconds);

        using (var stream = File.Create(membershipPath))
        {
            var communityOf = leiden.CommunityOf as int[] ?? [.. leiden.CommunityOf];
            stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(communityOf.AsSpan()));
        }
        var figures = new LanternFigures(loadSeconds, loadCpu, componentsSeconds, componentsCpu, leidenSeconds, leidenCpu, peak,
            graph.NodeCount, graph.LinkCount, components.Count, components.Sizes[components.Largest], leiden.CommunityCount, leiden.Modularity,
            leiden.Iterations, leiden.Stable, leiden.SplitDisconnected, stableSeconds, stableCpu, untilStable.Iterations, untilStable.CommunityCount,
            untilStable.Modularity, untilStable.SplitDisconnected);
        output.WriteLine(JsonSerializer.Serialize(figures, Json));
        return 0;
    }

    private sealed record LanternFigures(double LoadS, double LoadCpu, double ComponentsS, double ComponentsCpu, double LeidenS, double LeidenCpu,
        double PeakMb, int Nodes, int Links, int Components, int LargestComponent, int Communities, double Modularity, int Iterations, bool Stable,
        int SplitDisconnected, double StableS, double StableCpu, int StableIterations, int StableCommunities, double StableModularity,
        int StableSplitDisconnected);

    private sealed record ReferenceFigures(string Igraph, string Leidenalg, double LoadS, double ComponentsS, double ComponentsCpu, double LeidenS,
        double LeidenCpu, double PeakMb, int Components, int LargestComponent, int Communities, double Modularity, double Quality,
        double LanternModularityByIgraph);

    private static void Report(string file, LanternFigures l, ReferenceFigures r, int[] lanternOf, int[] referenceOf, int iterations, TextWriter output)
    {
        // Modularity broken down: over the whole graph, on the largest component alone (its own m), and on the
        // rest (every other component together) — where the hard part is, and where the easy part is.
        var graph = EdgeListFile.Read(file);
        var components = ConnectedComponents.Find(graph);
        var largest = components.Largest;
        var inLargest = components.ComponentOf.Select(c => c == largest).ToArray();
        var (largestGraph, largestNodes) = Subgraph(graph, inLargest);
        var (restGraph, restNodes) = Subgraph(graph, [.. inLargest.Select(x => !x)]);
        double On(WeightedGraph g, int[] nodes, int[] communityOf) => Modularity.Of(g, [.. nodes.Select(u => communityOf[u])]);
        var lanternLargest = On(largestGraph, largestNodes, lanternOf);
        var referenceLargest = On(largestGraph, largestNodes, referenceOf);
        var lanternRest = On(restGraph, restNodes, lanternOf);
        var referenceRest = On(restGraph, restNodes, referenceOf);
        var referenceByLantern = Modularity.Of(graph, referenceOf);
        int Communities(int[] nodes, int[] communityOf) => nodes.Select(u => communityOf[u]).Distinct().Count();

        output.WriteLine();
        output.WriteLine($"Lantern (.NET {Environment.Version}) beside python-igraph {r.Igraph} and leidenalg {r.Leidenalg}; "
            + $"{l.Nodes:N0} nodes, {l.Links:N0} links; Leiden: {iterations} iterations each (leidenalg's n_iterations), modularity, resolution 1");
        output.WriteLine($"{"",-34}{"Lantern",14}{"reference",14}{"Lantern/ref",14}");
        void Row(string label, string lantern, string reference, string ratio = "") =>
            output.WriteLine($"{label,-34}{lantern,14}{reference,14}{ratio,14}");
        string S(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
        string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);
        string Q(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture);
        string Ratio(double a, double b) => b > 0 ? (a / b).ToString("0.000", CultureInfo.InvariantCulture) : "-";
        Row("load edge list (s)", S(l.LoadS), S(r.LoadS), "(not alike)");
        Row("connected components (s)", S(l.ComponentsS), S(r.ComponentsS), Ratio(l.ComponentsS, r.ComponentsS));
        Row("Leiden (s)", S(l.LeidenS), S(r.LeidenS), Ratio(l.LeidenS, r.LeidenS));
        Row("components + Leiden (s)", S(l.ComponentsS + l.LeidenS), S(r.ComponentsS + r.LeidenS), Ratio(l.ComponentsS + l.LeidenS, r.ComponentsS + r.LeidenS));
        Row("load + components + Leiden (s)", S(l.LoadS + l.ComponentsS + l.LeidenS), S(r.LoadS + r.ComponentsS + r.LeidenS));
        Row("processor s, components + Leiden", S(l.ComponentsCpu + l.LeidenCpu), S(r.ComponentsCpu + r.LeidenCpu),
            Ratio(l.ComponentsCpu + l.LeidenCpu, r.ComponentsCpu + r.LeidenCpu));
        Row("processor s, load", S(l.LoadCpu), "");
        Row("peak memory (MB)", N(l.PeakMb), N(r.PeakMb), Ratio(l.PeakMb, r.PeakMb));
        Row("components", N(l.Components), N(r.Components));
        Row("largest component (nodes)", N(l.LargestComponent), N(r.LargestComponent));
        Row("communities", N(l.Communities), N(r.Communities));
        Row("  in the largest component", N(Communities(largestNodes, lanternOf)), N(Communities(largestNodes, referenceOf)));
        Row("modularity, whole graph", Q(l.Modularity), Q(r.Modularity), Ratio(l.Modularity, r.Modularity));
        Row("modularity, largest component", Q(lanternLargest), Q(referenceLargest), Ratio(lanternLargest, referenceLargest));
        Row("modularity, other components", Q(lanternRest), Q(referenceRest), Ratio(lanternRest, referenceRest));
        output.WriteLine();
        var share = l.Modularity / r.Modularity;
        output.WriteLine($"Lantern's modularity is {share:0.0000} of leidenalg's (at least 0.99 required): {(share >= 0.99 ? "met" : "NOT MET")}");
        output.WriteLine($"Lantern's components + Leiden took {l.ComponentsS + l.LeidenS:0.0} s (at most 30 s required): {(l.ComponentsS + l.LeidenS <= 30 ? "met" : "NOT MET")}; "
            + $"with loading {l.LoadS + l.ComponentsS + l.LeidenS:0.0} s");
        output.WriteLine($"Lantern until stable: {l.StableIterations} iterations, {l.StableS:0.0} s ({l.StableCpu:0.0} processor s), "
            + $"{l.StableCommunities:N0} communities, modularity {Q(l.StableModularity)} ({l.StableModularity / r.Modularity:0.0000} of leidenalg's with {iterations}), "
            + $"{l.StableSplitDisconnected} split by the final check");
        output.WriteLine($"checks: Lantern's partition scored by igraph {Q(r.LanternModularityByIgraph)} (Lantern says {Q(l.Modularity)}); "
            + $"leidenalg's scored by Lantern {Q(referenceByLantern)} (igraph says {Q(r.Modularity)}, leidenalg's quality {Q(r.Quality)}); "
            + $"Lantern: {l.Iterations} iterations, {(l.Stable ? "the last changed nothing" : "the last still changed the partition")}, "
            + $"{l.SplitDisconnected} communities split by the final connectivity check; "
            + $"leidenalg communities disconnected: {Disconnected(graph, referenceOf)}, Lantern's: {Disconnected(graph, lanternOf)}");
    }

    /// <summary>How many communities of a partition fall in more than one connected piece.</summary>
    private static int Disconnected(WeightedGraph graph, int[] communityOf)
    {
        var n = graph.NodeCount;
        var seen = new bool[n];
        var started = new HashSet<int>();
        var broken = new HashSet<int>();
        var stack = new Stack<int>();
        for (var s = 0; s < n; s++)
        {
            if (seen[s])
            {
                continue;
            }
            if (!started.Add(communityOf[s]))
            {
                broken.Add(communityOf[s]);
            }
            seen[s] = true;
            stack.Push(s);
            while (stack.Count > 0)
            {
                var u = stack.Pop();
                foreach (var v in graph.Neighbours(u))
                {
                    if (!seen[v] && communityOf[v] == communityOf[u])
                    {
                        seen[v] = true;
                        stack.Push(v);
                    }
                }
            }
        }
        return broken.Count;
    }

    /// <summary>The subgraph induced by the kept nodes, and the original number of each of its nodes.</summary>
    private static (WeightedGraph Graph, int[] Nodes) Subgraph(WeightedGraph graph, bool[] keep)
    {
        var nodes = Enumerable.Range(0, graph.NodeCount).Where(u => keep[u]).ToArray();
        var index = new int[graph.NodeCount];
        for (var i = 0; i < nodes.Length; i++)
        {
            index[nodes[i]] = i;
        }
        var edges = new List<WeightedEdge>();
        foreach (var u in nodes)
        {
            var neighbours = graph.Neighbours(u);
            var weights = graph.Weights(u);
            for (var i = 0; i < neighbours.Length; i++)
            {
                if (neighbours[i] > u && keep[neighbours[i]])
                {
                    edges.Add(new WeightedEdge(index[u], index[neighbours[i]], weights[i]));
                }
            }
            if (graph.SelfLoop(u) > 0)
            {
                edges.Add(new WeightedEdge(index[u], index[u], graph.SelfLoop(u)));
            }
        }
        return (WeightedGraph.FromEdges(nodes.Length, edges), nodes);
    }

    private static int[] ReadMembership(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(bytes).ToArray();
    }

    private static T RunProcess<T>(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var last = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (process.ExitCode != 0 || last is null)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments.Take(2).Select(Path.GetFileName))} failed (exit {process.ExitCode}).");
        }
        return JsonSerializer.Deserialize<T>(last, Json) ?? throw new InvalidOperationException("No figures.");
    }

    private static string LoadAverage()
    {
        const string Source = "/proc/loadavg";
        return File.Exists(Source) ? string.Join(' ', File.ReadAllText(Source).Split(' ').Take(3)) : "unknown";
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
