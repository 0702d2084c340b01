using Lantern.Linking.Model;

namespace Lantern.Linking.Tests.Model;

public sealed class ScorerTests
{
    private static LinkRun Run => SharedData.Febrl1;

    [Fact]
    public void Weight_AnyPair_IsSymmetricAndDeterministic()
    {
        var records = Run.Records;
        var random = new Random(7);
        for (var k = 0; k < 300; k++)
        {
            var a = records[random.Next(records.Count)];
            var b = records[random.Next(records.Count)];
            Assert.Equal(Run.Scorer.Weight(a, b), Run.Scorer.Weight(b, a), 9);
            Assert.Equal(Run.Scorer.Weight(a, b), Run.Scorer.Weight(a, b));
        }
    }

    [Fact]
    public void Probability_RecordAgainstItself_IsAMatch()
    {
        foreach (var r in Run.Records.Where(r => r.Given.Length > 0 && r.Family.Length > 0 && r.DobCompact.Length > 0).Take(200))
        {
            Assert.True(Run.Scorer.Probability(r, r) > 0.99, r.Id);
        }
    }

    [Fact]
    public void Explain_Pair_ContributionsSumToWeight()
    {
        var a = Run.Records[0];
        var b = Run.Records[1];
        var explanation = Run.Scorer.Explain(a, b);
        Assert.Equal(Run.Scorer.Weight(a, b), explanation.PriorBits + explanation.Fields.Sum(f => f.Bits), 9);
        Assert.Equal(ModelParameters.ToProbability(explanation.Weight), explanation.Probability, 12);
    }

    [Fact]
    public void Explain_VariantFamilyName_ReadsInPractitionerWords()
    {
        var preparer = new RecordPreparer(Run.Scorer.Variants, 2026);
        var a = preparer.Prepare(new PersonRecord("a") { Given = "Imran", Family = "Hussain", DateOfBirth = "1990-01-02" });
        var b = preparer.Prepare(new PersonRecord("b") { Given = "Imran", Family = "Husain", DateOfBirth = "02/01/1990" });
        var explanation = Run.Scorer.Explain(a, b);
        var family = explanation.Fields.Single(f => f.Field == Field.Family);
        Assert.Matches(@"^family name: variant spelling \(Hussain/Husain\), \+\d+\.\d$", family.ToString());
        Assert.Contains(explanation.Lines(), l => l.StartsWith("date of birth: same", StringComparison.Ordinal));
    }

    [Fact]
    public void Explain_PostcodeAndAddressBothDifferent_CountsTheMoveOnce()
    {
        var preparer = new RecordPreparer(Run.Scorer.Variants, 2026);
        var before = preparer.Prepare(new PersonRecord("a") { Given = "Mia", Family = "Brown", DateOfBirth = "1954-08-23", Postcode = "2000", Address = "12 oak lane" });
        var moved = preparer.Prepare(new PersonRecord("b") { Given = "Mia", Family = "Brown", DateOfBirth = "1954-08-23", Postcode = "4810", Address = "7 kings road west" });
        var explanation = Run.Scorer.Explain(before, moved);
        var postcode = explanation.Fields.Single(f => f.Field == Field.Postcode);
        var address = explanation.Fields.Single(f => f.Field == Field.Address);
        Assert.Equal("different", postcode.LevelCode);
        Assert.Equal("different", address.LevelCode);
        // One penalty counts, the other is zero and says why.
        Assert.True(postcode.Bits == 0 ^ address.Bits == 0);
        Assert.Contains(explanation.Fields, f => f.Detail.Contains("a move changes them together", StringComparison.Ordinal));
        Assert.Equal(Run.Scorer.Weight(before, moved), explanation.Weight, 9);
    }

    [Fact]
    public void Explain_PostcodeAddressAndLocalityAllDifferent_CountsTheMoveOnce()
    {
        var preparer = new RecordPreparer(Run.Scorer.Variants, 2026);
        var before = preparer.Prepare(new PersonRecord("a") { Given = "Mia", Family = "Brown", DateOfBirth = "1954-08-23", Postcode = "2000", Address = "12 oak lane", Locality = "sydney" });
        var moved = preparer.Prepare(new PersonRecord("b") { Given = "Mia", Family = "Brown", DateOfBirth = "1954-08-23", Postcode = "4810", Address = "7 kings road west", Locality = "townsville" });
        var explanation = Run.Scorer.Explain(before, moved);
        var place = explanation.Fields.Where(f => f.Field is Field.Postcode or Field.Address or Field.Locality).ToList();
        Assert.Equal(3, place.Count);
        Assert.All(place, f => Assert.Equal("different", f.LevelCode));
        // The strongest penalty counts; the other two are zero and say why.
        Assert.Single(place, f => f.Bits < 0);
        Assert.Equal(place.Min(f => Run.Scorer.Model.Weights[(int)f.Field][^1]), place.Single(f => f.Bits < 0).Bits, 9);
        Assert.Equal(2, place.Count(f => f.Bits == 0 && f.Detail.Contains("a move changes them together", StringComparison.Ordinal)));
        Assert.Equal(Run.Scorer.Weight(before, moved), explanation.Weight, 9);
    }

    [Theory]
    [InlineData("No fixed abode")]
    [InlineData("NFA")]
    [InlineData("N.F.A.")]
    [InlineData("NO FIXED ABODE")]
    public void Prepare_NoFixedAbode_IsNoAddress(string written)
    {
        var preparer = new RecordPreparer(Run.Scorer.Variants, 2026);
        var homeless = preparer.Prepare(new PersonRecord("a") { Given = "Nathan", Family = "Smith", DateOfBirth = "1990-08-26", Address = written });
        var housed = preparer.Prepare(new PersonRecord("b") { Given = "Nathan", Family = "Smith", DateOfBirth = "1990-08-26", Address = "132 Primrose Street" });
        Assert.Equal("", homeless.Address);
        // Missing, so neither a penalty against a real address nor an agreement with another homeless record.
        Assert.DoesNotContain(Run.Scorer.Explain(homeless, housed).Fields, f => f.Field == Field.Address);
        Assert.DoesNotContain(Run.Scorer.Explain(homeless, homeless).Fields, f => f.Field == Field.Address);
    }

    [Fact]
    public void Weight_SameNameAfterMohammed_CountsAtThatNamesFrequency()
    {
        // Thousands of men are Mohammed; the name after it is the one they go by and tells brothers apart.
        var tf = new TermFrequencies();
        var preparer = new RecordPreparer(Run.Scorer.Variants, 2026);
        for (var i = 0; i < 500; i++)
        {
            tf.Add(preparer.Prepare(new PersonRecord($"m{i}") { Given = i < 2 ? "Irfan" : "Mohammed", Family = $"Family{i}" }));
        }
        var scorer = new Scorer(Run.Scorer.Model, tf, Run.Scorer.Variants);
        var irfan = preparer.Prepare(new PersonRecord("a") { Given = "Mohammed Irfan", Family = "Bashir" });
        var bare = preparer.Prepare(new PersonRecord("b") { Given = "Mohammed", Family = "Bashir" });
        var other = preparer.Prepare(new PersonRecord("c") { Given = "Mohammed Asif", Family = "Bashir" });
        Assert.True(scorer.Weight(irfan, irfan) > scorer.Weight(bare, bare) + 6);
        Assert.Equal(scorer.Weight(bare, bare), scorer.Weight(irfan, bare), 9);
        Assert.Equal(scorer.Weight(bare, bare), scorer.Weight(irfan, other), 9);
        Assert.Contains("2 records share it", scorer.Explain(irfan, irfan).Fields.Single(f => f.Field == Field.Given).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Weight_CommonFamilyName_CountsLessThanRareOne()
    {
        // Term-frequency adjustment: the same agreement on a frequent value is weaker evidence.
        var tf = new TermFrequencies();
        var preparer = new RecordPreparer(Run.Scorer.Variants, 2026);
        for (var i = 0; i < 50; i++)
        {
            tf.Add(preparer.Prepare(new PersonRecord($"k{i}") { Family = "Khan" }));
        }
        tf.Add(preparer.Prepare(new PersonRecord("r") { Family = "Zeffirelli" }));
        var scorer = new Scorer(Run.Scorer.Model, tf, Run.Scorer.Variants);
        var khan = preparer.Prepare(new PersonRecord("a") { Given = "Amir", Family = "Khan" });
        var rare = preparer.Prepare(new PersonRecord("b") { Given = "Amir", Family = "Zeffirelli" });
        Assert.True(scorer.Weight(rare, rare) > scorer.Weight(khan, khan) + 4);
    }

    [Fact]
    public void Weight_PlaceholderBirthday_CountsLessThanARealOne()
    {
        // 1 January stands in for an unknown birthday, so many records share it: agreeing on it is weaker.
        var tf = new TermFrequencies();
        var preparer = new RecordPreparer(Run.Scorer.Variants, 2026);
        for (var i = 0; i < 20_000; i++)
        {
            tf.Add(preparer.Prepare(new PersonRecord($"k{i}") { DateOfBirth = i % 2 == 0 ? "01/01/1980" : $"{1 + (i % 28):D2}/{1 + (i % 12):D2}/{1940 + (i % 60)}" }));
        }
        var scorer = new Scorer(Run.Scorer.Model, tf, Run.Scorer.Variants);
        var placeholder = preparer.Prepare(new PersonRecord("a") { Given = "Amir", Family = "Khan", DateOfBirth = "01/01/1980" });
        var real = preparer.Prepare(new PersonRecord("b") { Given = "Amir", Family = "Khan", DateOfBirth = "14/07/1980" });
        Assert.True(scorer.Weight(real, real) > scorer.Weight(placeholder, placeholder) + 4);
    }

    [Fact]
    public void Weight_SwappedNames_CountAtTheirUsualFrequency()
    {
        // "Parmar" as a given name is rare only because it is a family name: a swapped record must not gain from that.
        var tf = new TermFrequencies();
        var preparer = new RecordPreparer(Run.Scorer.Variants, 2026);
        for (var i = 0; i < 200; i++)
        {
            tf.Add(preparer.Prepare(new PersonRecord($"p{i}") { Given = i % 2 == 0 ? "Vikram" : $"Given{i}", Family = i % 2 == 1 ? "Parmar" : $"Family{i}" }));
        }
        var scorer = new Scorer(Run.Scorer.Model, tf, Run.Scorer.Variants);
        var straight = preparer.Prepare(new PersonRecord("a") { Given = "Vikram", Family = "Parmar", DateOfBirth = "14/05/1960" });
        var swapped = preparer.Prepare(new PersonRecord("b") { Given = "Parmar", Family = "Vikram", DateOfBirth = "14/05/1960" });
        Assert.True(scorer.Explain(swapped, straight).NamesSwapped);
        Assert.True(scorer.Weight(swapped, straight) <= scorer.Weight(straight, straight) + 0.01);
        Assert.Equal(scorer.Weight(swapped, straight), scorer.Weight(straight, swapped), 9);
    }

    [Fact]
    public void Train_Febrl1_LearnsSensibleParameters()
    {
        var model = Run.Scorer.Model;
        for (var f = 0; f < Comparisons.FieldCount; f++)
        {
            Assert.True(model.Weights[f][1] >= model.Weights[f][^1], $"field {(Field)f}: exact should outweigh different");
        }
        Assert.True(model.Weights[(int)Field.Family][1] > 4);
        Assert.True(model.Weights[(int)Field.DateOfBirth][^1] < 0);
        // 500 true pairs among 499,500: the learned prior should be within a factor of three.
        Assert.InRange(model.Prior, 0.001 / 3, 0.001 * 3);
    }
}
