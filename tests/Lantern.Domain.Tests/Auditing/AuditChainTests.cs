using Lantern.Domain.Auditing;

namespace Lantern.Domain.Tests.Auditing;

public sealed class AuditChainTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);

    private static List<(AuditRecord Record, string PreviousHash, string Hash)> Chain(int count)
    {
        var chain = new List<(AuditRecord, string, string)>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var record = new AuditRecord(i, At.AddMinutes(i), 2002, "UserViewed", "allowed", "u1", "a@b.example", "ag1", "Practitioner", "User", $"r{i}", null, null);
            var hash = AuditChain.Hash(previous, record);
            chain.Add((record, previous, hash));
            previous = hash;
        }
        return chain;
    }

    [Fact]
    public void Verify_UntouchedChain_IsIntactWithHead()
    {
        var chain = Chain(5);
        var result = AuditChain.Verify(chain);
        Assert.True(result.IsIntact);
        Assert.Equal(5, result.EventsVerified);
        Assert.Equal(chain[^1].Hash, result.HeadHash);
    }

    [Fact]
    public void Verify_EmptyTrail_IsIntact()
    {
        Assert.True(AuditChain.Verify([]).IsIntact);
    }

    [Fact]
    public void Verify_AlteredField_NamesThatEvent()
    {
        var chain = Chain(5);
        chain[2] = (chain[2].Record with { Reason = "edited" }, chain[2].PreviousHash, chain[2].Hash);
        var result = AuditChain.Verify(chain);
        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBadSequence);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RemovedEvent_NamesTheEventAfterTheGap()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);
        var result = AuditChain.Verify(chain);
        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBadSequence);
    }

    [Fact]
    public void Verify_SwappedEvents_AreReported()
    {
        var chain = Chain(5);
        (chain[1], chain[2]) = (chain[2], chain[1]);
        var result = AuditChain.Verify(chain);
        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBadSequence);
    }

    [Fact]
    public void Hash_ValueCannotImitateAnotherField()
    {
        var a = new AuditRecord(1, At, 1, "A", "allowed", "x\nrole=1:y", null, null, null, null, null, null, null);
        var b = new AuditRecord(1, At, 1, "A", "allowed", "x", null, null, "y", null, null, null, null);
        Assert.NotEqual(AuditChain.Hash(AuditChain.Genesis, a), AuditChain.Hash(AuditChain.Genesis, b));
    }

    [Fact]
    public void Hash_MissingValueDiffersFromEmptyValue()
    {
        var a = new AuditRecord(1, At, 1, "A", "allowed", null, null, null, null, null, null, null, null);
        var b = a with { Reason = "" };
        Assert.NotEqual(AuditChain.Hash(AuditChain.Genesis, a), AuditChain.Hash(AuditChain.Genesis, b));
    }
}
