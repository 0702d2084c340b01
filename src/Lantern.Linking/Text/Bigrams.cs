using System.Numerics;

namespace Lantern.Linking.Text;

/// <summary>
/// A string's character bigrams hashed into a 256-bit set. The Jaccard index of two sets approximates
/// how much two longer strings (addresses) share, in a few nanoseconds instead of a quadratic string
/// comparison; hash collisions only ever raise the similarity slightly.
/// </summary>
public readonly record struct Bigrams(ulong A, ulong B, ulong C, ulong D)
{
    public static Bigrams Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<ulong> bits = stackalloc ulong[4];
        var padded = text.Length == 0 ? "" : " " + text + " ";
        for (var i = 0; i + 1 < padded.Length; i++)
        {
            var h = (uint)((padded[i] * 31) ^ (padded[i + 1] * 131071)) * 2654435761u;
            var bit = (int)(h >> 24);
            bits[bit >> 6] |= 1UL << (bit & 63);
        }
        return new Bigrams(bits[0], bits[1], bits[2], bits[3]);
    }

    public double Jaccard(Bigrams other)
    {
        var both = BitOperations.PopCount(A & other.A) + BitOperations.PopCount(B & other.B)
            + BitOperations.PopCount(C & other.C) + BitOperations.PopCount(D & other.D);
        var either = BitOperations.PopCount(A | other.A) + BitOperations.PopCount(B | other.B)
            + BitOperations.PopCount(C | other.C) + BitOperations.PopCount(D | other.D);
        return either == 0 ? 0 : (double)both / either;
    }
}
