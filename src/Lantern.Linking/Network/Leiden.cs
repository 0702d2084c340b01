namespace Lantern.Linking.Network;

/// <summary>How <see cref="Leiden"/> runs.</summary>
public sealed record LeidenOptions
{
    /// <summary>The resolution of modularity; above 1 favours smaller communities, below 1 larger ones.</summary>
    public double Resolution { get; init; } = 1.0;

    /// <summary>
    /// The paper's theta: how random the refinement's merges are. A merge is drawn with probability proportional
    /// to exp(gain / theta), the gain in link-weight units (not divided by m), so 0.01 is nearly greedy for
    /// links of weight 1 and still explores among merges of almost equal gain.
    /// </summary>
    public double Randomness { get; init; } = 0.01;

    /// <summary>
    /// How many iterations to run, each starting from the last one's partition (leidenalg's n_iterations, whose
    /// default is also 2); null runs until an iteration changes nothing. Two keep a full recomputation of a
    /// region within its time: on a million nodes and five million links, running until stable took twelve
    /// iterations, 3.7 times as long, for 0.00007 more modularity (docs/network.md).
    /// </summary>
    public int? Iterations { get; init; } = 2;

    public int Seed { get; init; }
}

/// <summary>
/// The community of every node (numbered from 0 in order of each community's lowest node), each community's
/// size, the partition's modularity, how many iterations ran, whether the last one changed nothing, and how
/// many communities the final check found disconnected and split (0 when the algorithm kept its guarantee).
/// </summary>
public sealed record LeidenResult(IReadOnlyList<int> CommunityOf, IReadOnlyList<int> Sizes, double Modularity, int Iterations, bool Stable,
    int SplitDisconnected)
{
    public int CommunityCount => Sizes.Count;
}

/// <summary>
/// The Leiden algorithm (Traag, Waltman and van Eck, 2019) optimising modularity: fast local moving of nodes
/// with a queue; refinement, in which each community is rebuilt from singletons by random merges of
/// well-connected nodes into well-connected sub-communities; aggregation of the refined partition, with the
/// unrefined partition as the starting partition of the aggregate; repeated until a level moves nothing.
/// The whole graph is one run: modularity's null model counts the whole graph's weight, and no move ever joins
/// nodes without a link between them, so communities stay inside their component and isolated nodes stay alone.
/// Single-threaded and driven by one seeded generator, so a seed gives the same partition on every machine.
/// </summary>
public static class Leiden
{
    public static LeidenResult FindCommunities(WeightedGraph graph, LeidenOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        options ??= new LeidenOptions();
        if (!(options.Resolution >= 0) || double.IsInfinity(options.Resolution))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The resolution must be zero or more and finite.");
        }
        if (!(options.Randomness > 0) || double.IsInfinity(options.Randomness))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The randomness must be positive and finite.");
        }
        if (options.Iterations is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Run at least one iteration, or leave the number empty to run until stable.");
        }
        var random = new Random(options.Seed);
        var n = graph.NodeCount;
        var membership = new int[n];
        for (var i = 0; i < n; i++)
        {
            membership[i] = i;
        }
        var previous = new int[n];
        var iterations = 0;
        var stable = false;
        var quality = options.Iterations is null ? Modularity.Of(graph, membership, options.Resolution) : 0;
        while (options.Iterations is not { } limit || iterations < limit)
        {
            iterations++;
            membership.CopyTo(previous, 0);
            new Run(graph, options, random).Iterate(membership);
            Renumber(membership);
            if (membership.AsSpan().SequenceEqual(previous))
            {
                stable = true;
                break;
            }
            if (options.Iterations is null)
            {
                // Every accepted move strictly gains, so an iteration that does not gain can only be rounding
                // shuffling equal partitions: stop rather than loop on it.
                var next = Modularity.Of(graph, membership, options.Resolution);
                if (next <= quality)
                {
                    stable = true;
                    break;
                }
                quality = next;
            }
        }
        var split = SplitIntoConnected(graph, membership);
        var sizes = new int[n == 0 ? 0 : membership.Max() + 1];
        foreach (var c in membership)
        {
            sizes[c]++;
        }
        return new LeidenResult(membership, sizes, Modularity.Of(graph, membership, options.Resolution), iterations, stable, split);
    }

    /// <summary>Numbers communities from 0 in order of their lowest node; returns how many there are.</summary>
    internal static int Renumber(int[] membership)
    {
        var map = new int[membership.Length];
        Array.Fill(map, -1);
        var count = 0;
        for (var i = 0; i < membership.Length; i++)
        {
            ref var id = ref map[membership[i]];
            if (id < 0)
            {
                id = count++;
            }
            membership[i] = id;
        }
        return count;
    }

    /// <summary>
    /// Splits every community into its connected parts and numbers them in order of lowest node. Leiden already
    /// returns connected communities; this makes the guarantee hold whatever the input, and splitting a
    /// disconnected community can only raise modularity (it removes a null-model term and no link).
    /// </summary>
    private static int SplitIntoConnected(WeightedGraph graph, int[] membership)
    {
        var n = graph.NodeCount;
        var before = n == 0 ? 0 : membership.Max() + 1;
        var offsets = graph.OffsetArray;
        var neighbours = graph.NeighbourArray;
        var part = new int[n];
        Array.Fill(part, -1);
        var queue = new int[n];
        var count = 0;
        for (var start = 0; start < n; start++)
        {
            if (part[start] >= 0)
            {
                continue;
            }
            var community = membership[start];
            part[start] = count;
            queue[0] = start;
            var (head, tail) = (0, 1);
            while (head < tail)
            {
                var u = queue[head++];
                for (var i = offsets[u]; i < offsets[u + 1]; i++)
                {
                    var v = neighbours[i];
                    if (part[v] < 0 && membership[v] == community)
                    {
                        part[v] = count;
                        queue[tail++] = v;
                    }
                }
            }
            count++;
        }
        part.CopyTo(membership, 0);
        return count - before;
    }

    /// <summary>One iteration: the levels of moving, refining and aggregating, from a given partition.</summary>
    private sealed class Run(WeightedGraph graph, LeidenOptions options, Random random)
    {
        private readonly double _resolution = options.Resolution;
        private readonly double _theta = options.Randomness;

        public void Iterate(int[] membership)
        {
            var n = graph.NodeCount;
            if (graph.TotalWeight <= 0)
            {
                return;
            }
            var level = graph;
            var partition = (int[])membership.Clone();
            Renumber(partition);
            var nodeToLevel = new int[n];
            for (var i = 0; i < n; i++)
            {
                nodeToLevel[i] = i;
            }
            while (true)
            {
                var communities = MoveNodesFast(level, partition);
                if (communities == level.NodeCount)
                {
                    break;
                }
                var refined = Refine(level, partition, communities);
                var refinedCount = Renumber(refined);
                if (refinedCount == level.NodeCount)
                {
                    // Nothing merged (possible when every gain is tiny beside theta): aggregate the unrefined
                    // partition instead, so that the level still shrinks and the loop ends.
                    refined = (int[])partition.Clone();
                    refinedCount = communities;
                }
                var next = new int[refinedCount];
                for (var v = 0; v < level.NodeCount; v++)
                {
                    next[refined[v]] = partition[v];
                }
                for (var i = 0; i < n; i++)
                {
                    nodeToLevel[i] = refined[nodeToLevel[i]];
                }
                level = Aggregate(level, refined, refinedCount);
                partition = next;
            }
            for (var i = 0; i < n; i++)
            {
                membership[i] = partition[nodeToLevel[i]];
            }
        }

        private void Shuffle(int[] items)
        {
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = i;
            }
            for (var i = items.Length - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }

        /// <summary>
        /// Moves each node to the neighbouring community (or an empty one) that gains most, visiting nodes from a
        /// queue that starts with all of them in random order; when a node moves, its neighbours outside its new
        /// community go back on the queue. Leaves the partition numbered 0..k-1 and returns k.
        /// </summary>
        private int MoveNodesFast(WeightedGraph level, int[] partition)
        {
            var n = level.NodeCount;
            var offsets = level.OffsetArray;
            var neighbours = level.NeighbourArray;
            var weights = level.WeightArray;
            var strengths = level.StrengthArray;
            var scale = _resolution / (2 * level.TotalWeight);

            var communityStrength = new double[n];
            var communitySize = new int[n];
            for (var v = 0; v < n; v++)
            {
                communityStrength[partition[v]] += strengths[v];
                communitySize[partition[v]]++;
            }
            var empty = new Stack<int>();
            for (var c = n - 1; c >= 0; c--)
            {
                if (communitySize[c] == 0)
                {
                    empty.Push(c);
                }
            }

            var queue = new int[n];
            Shuffle(queue);
            var inQueue = new bool[n];
            Array.Fill(inQueue, true);
            var (head, queued) = (0, n);

            var weightTo = new double[n];
            var seen = new int[n];
            var touched = new int[n];
            var visit = 0;
            while (queued > 0)
            {
                var v = queue[head];
                head = head + 1 == n ? 0 : head + 1;
                queued--;
                inQueue[v] = false;
                visit++;

                var touchedCount = 0;
                for (var i = offsets[v]; i < offsets[v + 1]; i++)
                {
                    var c = partition[neighbours[i]];
                    if (seen[c] != visit)
                    {
                        seen[c] = visit;
                        weightTo[c] = 0;
                        touched[touchedCount++] = c;
                    }
                    weightTo[c] += weights[i];
                }

                var current = partition[v];
                var kv = strengths[v];
                communityStrength[current] -= kv;
                communitySize[current]--;

                // Gain of joining c relative to standing alone: w(v, c) - resolution * k_v * K_c / 2m.
                var best = current;
                var bestGain = (seen[current] == visit ? weightTo[current] : 0) - (kv * communityStrength[current] * scale);
                for (var t = 0; t < touchedCount; t++)
                {
                    var c = touched[t];
                    var gain = weightTo[c] - (kv * communityStrength[c] * scale);
                    if (gain > bestGain)
                    {
                        (best, bestGain) = (c, gain);
                    }
                }
                if (bestGain < 0 && communitySize[current] > 0)
                {
                    // Standing alone (gain 0) beats every community: take an empty one. One exists, since v is
                    // out of every community and there are as many community numbers as nodes.
                    best = empty.Pop();
                }

                communityStrength[best] += kv;
                communitySize[best]++;
                partition[v] = best;
                if (best == current)
                {
                    continue;
                }
                if (communitySize[current] == 0)
                {
                    empty.Push(current);
                }
                for (var i = offsets[v]; i < offsets[v + 1]; i++)
                {
                    var u = neighbours[i];
                    if (!inQueue[u] && partition[u] != best)
                    {
                        inQueue[u] = true;
                        var tail = head + queued;
                        queue[tail >= n ? tail - n : tail] = u;
                        queued++;
                    }
                }
            }
            return Renumber(partition);
        }

        /// <summary>
        /// Rebuilds each community S of the partition from singletons. A node is considered once, in random order,
        /// if it is still alone and well connected to the rest of S (w(v, S - v) at least resolution * k_v *
        /// (K_S - k_v) / 2m); it joins a well-connected sub-community of S that does not lose modularity, drawn with
        /// probability proportional to exp(gain / theta), staying alone being one of the choices. Sub-communities
        /// only grow by a node linked to them, so each is connected. Returns the sub-community of every node
        /// (numbered by a founding node).
        /// </summary>
        private int[] Refine(WeightedGraph level, int[] partition, int communities)
        {
            var n = level.NodeCount;
            var offsets = level.OffsetArray;
            var neighbours = level.NeighbourArray;
            var weights = level.WeightArray;
            var strengths = level.StrengthArray;
            var scale = _resolution / (2 * level.TotalWeight);

            var communityStrength = new double[communities];
            for (var v = 0; v < n; v++)
            {
                communityStrength[partition[v]] += strengths[v];
            }
            var refined = new int[n];
            var refinedStrength = new double[n];
            var refinedSize = new int[n];
            // Weight from each node, then each sub-community, to the rest of its community.
            var nodeOutside = new double[n];
            var refinedOutside = new double[n];
            for (var v = 0; v < n; v++)
            {
                refined[v] = v;
                refinedStrength[v] = strengths[v];
                refinedSize[v] = 1;
                var s = partition[v];
                var w = 0.0;
                for (var i = offsets[v]; i < offsets[v + 1]; i++)
                {
                    if (partition[neighbours[i]] == s)
                    {
                        w += weights[i];
                    }
                }
                nodeOutside[v] = w;
                refinedOutside[v] = w;
            }

            var order = new int[n];
            Shuffle(order);
            var weightTo = new double[n];
            var seen = new int[n];
            var touched = new int[n];
            var chance = new double[n];
            var visit = 0;
            foreach (var v in order)
            {
                if (refined[v] != v || refinedSize[v] != 1)
                {
                    continue;
                }
                var s = partition[v];
                var kv = strengths[v];
                var ks = communityStrength[s];
                if (nodeOutside[v] < kv * (ks - kv) * scale)
                {
                    continue;
                }
                visit++;
                var touchedCount = 0;
                for (var i = offsets[v]; i < offsets[v + 1]; i++)
                {
                    var u = neighbours[i];
                    if (partition[u] != s)
                    {
                        continue;
                    }
                    var c = refined[u];
                    if (seen[c] != visit)
                    {
                        seen[c] = visit;
                        weightTo[c] = 0;
                        touched[touchedCount++] = c;
                    }
                    weightTo[c] += weights[i];
                }

                // Candidates: well-connected sub-communities whose gain is not negative; staying alone gains 0.
                var candidates = 0;
                var maxGain = 0.0;
                for (var t = 0; t < touchedCount; t++)
                {
                    var c = touched[t];
                    var kc = refinedStrength[c];
                    var gain = weightTo[c] - (kv * kc * scale);
                    if (gain < 0 || refinedOutside[c] < kc * (ks - kc) * scale)
                    {
                        continue;
                    }
                    touched[candidates] = c;
                    chance[candidates++] = gain;
                    maxGain = Math.Max(maxGain, gain);
                }
                if (candidates == 0)
                {
                    continue;
                }
                // Weights relative to the best gain, so the exponentials cannot overflow.
                var total = Math.Exp(-maxGain / _theta);
                for (var t = 0; t < candidates; t++)
                {
                    chance[t] = Math.Exp((chance[t] - maxGain) / _theta);
                    total += chance[t];
                }
                var draw = random.NextDouble() * total;
                var chosen = -1;
                for (var t = 0; t < candidates; t++)
                {
                    draw -= chance[t];
                    if (draw < 0)
                    {
                        chosen = touched[t];
                        break;
                    }
                }
                if (chosen < 0)
                {
                    continue;
                }
                refined[v] = chosen;
                refinedSize[chosen]++;
                refinedSize[v] = 0;
                refinedStrength[chosen] += kv;
                refinedStrength[v] = 0;
                refinedOutside[chosen] += nodeOutside[v] - (2 * weightTo[chosen]);
            }
            // A node that others joined is its sub-community's founder; the ones that joined point at it.
            return refined;
        }

        /// <summary>
        /// The graph whose nodes are the given communities: links between two communities summed, links inside one
        /// become its self-loop (each once), strengths summed.
        /// </summary>
        private static WeightedGraph Aggregate(WeightedGraph level, int[] community, int count)
        {
            var n = level.NodeCount;
            var offsets = level.OffsetArray;
            var neighbours = level.NeighbourArray;
            var weights = level.WeightArray;

            var start = new int[count + 1];
            foreach (var c in community)
            {
                start[c + 1]++;
            }
            for (var c = 0; c < count; c++)
            {
                start[c + 1] += start[c];
            }
            var members = new int[n];
            var cursor = start.AsSpan(0, count).ToArray();
            for (var v = 0; v < n; v++)
            {
                members[cursor[community[v]]++] = v;
            }

            var newOffsets = new int[count + 1];
            var newNeighbours = new int[neighbours.Length];
            var newWeights = new double[neighbours.Length];
            var selfLoops = new double[count];
            var strengths = new double[count];
            var owner = new int[count];
            Array.Fill(owner, -1);
            var slot = new int[count];
            var write = 0;
            for (var c = 0; c < count; c++)
            {
                newOffsets[c] = write;
                for (var m = start[c]; m < start[c + 1]; m++)
                {
                    var v = members[m];
                    selfLoops[c] += level.SelfLoop(v);
                    strengths[c] += level.Strength(v);
                    for (var i = offsets[v]; i < offsets[v + 1]; i++)
                    {
                        var d = community[neighbours[i]];
                        if (d == c)
                        {
                            // Seen from both ends: half each time makes the link count once.
                            selfLoops[c] += weights[i] / 2;
                        }
                        else if (owner[d] == c)
                        {
                            newWeights[slot[d]] += weights[i];
                        }
                        else
                        {
                            owner[d] = c;
                            slot[d] = write;
                            newNeighbours[write] = d;
                            newWeights[write++] = weights[i];
                        }
                    }
                }
            }
            newOffsets[count] = write;
            Array.Resize(ref newNeighbours, write);
            Array.Resize(ref newWeights, write);
            return new WeightedGraph(newOffsets, newNeighbours, newWeights, selfLoops, strengths);
        }
    }
}
