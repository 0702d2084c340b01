using System.Buffers.Text;
using Lantern.Linking.Network;

namespace Lantern.Linking.Bench;

/// <summary>
/// The plain-text edge list both sides of the graph benchmark read: a first line "nodes links", then one line
/// per link "source target weight", nodes numbered from 0. The node count is in the header because isolated
/// nodes appear in no line.
/// </summary>
internal static class EdgeListFile
{
    public static void Write(EdgeList edges, string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var buffer = new byte[1 << 20];
        var used = 0;
        void Flush()
        {
            stream.Write(buffer, 0, used);
            used = 0;
        }
        void Number(double value, byte after)
        {
            Utf8Formatter.TryFormat(value, buffer.AsSpan(used), out var written);
            used += written;
            buffer[used++] = after;
        }
        void Integer(int value, byte after)
        {
            Utf8Formatter.TryFormat(value, buffer.AsSpan(used), out var written);
            used += written;
            buffer[used++] = after;
        }
        Integer(edges.Nodes, (byte)' ');
        Integer(edges.Sources.Length, (byte)'\n');
        for (var e = 0; e < edges.Sources.Length; e++)
        {
            if (used > buffer.Length - 100)
            {
                Flush();
            }
            Integer(edges.Sources[e], (byte)' ');
            Integer(edges.Targets[e], (byte)' ');
            Number(edges.Weights[e], (byte)'\n');
        }
        Flush();
    }

    /// <summary>Reads the file whole and parses it in one pass; the graph is built from the parsed arrays.</summary>
    public static WeightedGraph Read(string path)
    {
        var bytes = File.ReadAllBytes(path).AsSpan();
        var position = 0;
        var nodes = NextInteger(bytes, ref position);
        var links = NextInteger(bytes, ref position);
        var sources = new int[links];
        var targets = new int[links];
        var weights = new double[links];
        for (var e = 0; e < links; e++)
        {
            sources[e] = NextInteger(bytes, ref position);
            targets[e] = NextInteger(bytes, ref position);
            SkipSpace(bytes, ref position);
            if (!Utf8Parser.TryParse(bytes[position..], out double weight, out var consumed))
            {
                throw new FormatException($"Link {e}: no weight.");
            }
            weights[e] = weight;
            position += consumed;
        }
        return WeightedGraph.FromEdges(nodes, sources, targets, weights);
    }

    private static void SkipSpace(ReadOnlySpan<byte> bytes, ref int position)
    {
        while (position < bytes.Length && bytes[position] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')
        {
            position++;
        }
    }

    private static int NextInteger(ReadOnlySpan<byte> bytes, ref int position)
    {
        SkipSpace(bytes, ref position);
        var value = 0;
        var start = position;
        while (position < bytes.Length && (uint)(bytes[position] - '0') <= 9)
        {
            value = (value * 10) + (bytes[position++] - '0');
        }
        if (position == start)
        {
            throw new FormatException($"Expected a number at byte {start}.");
        }
        return value;
    }
}
