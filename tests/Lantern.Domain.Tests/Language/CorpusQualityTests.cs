using System.Globalization;
using Lantern.Domain.Language;

namespace Lantern.Domain.Tests.Language;

/// <summary>
/// The shipped phrase list against sentences written for these tests and labelled by hand
/// (1 victim-blaming, 0 neutral). A sentence counts as flagged when the guard reports anything.
/// corpus.tsv is the set the list was developed against. holdout-1.tsv was written afterwards and
/// measured once before it was used to widen the list; holdout-2.tsv was written after that and
/// measured without tuning, so its figures are the fairer estimate for unseen wording.
/// </summary>
public sealed class CorpusQualityTests
{
    public const double MinimumPrecision = 0.95;
    public const double MinimumRecall = 0.90;

    private sealed record Labelled(int Line, bool VictimBlaming, string Sentence);

    private sealed record Figures(double Precision, double Recall);

    private static List<Labelled> Read(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Language", file));
        var corpus = new List<Labelled>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            Assert.True(tab == 1 && line[0] is '0' or '1', $"{file} line {i + 1} is not \"label<TAB>sentence\": {line}");
            corpus.Add(new Labelled(i + 1, line[0] == '1', line[(tab + 1)..]));
        }
        return corpus;
    }

    /// <summary>Measures the shipped list on a file, writing each mistake and the figures to the test output.</summary>
    private static Figures Measure(string file)
    {
        int truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0;
        var output = TestContext.Current.TestOutputHelper!;
        foreach (var item in Read(file))
        {
            var findings = LanguageGuard.Shipped.Check(item.Sentence);
            switch (item.VictimBlaming, findings.Count > 0)
            {
                case (true, true):
                    truePositives++;
                    break;
                case (false, true):
                    falsePositives++;
                    output.WriteLine($"false positive ({file} line {item.Line}): {item.Sentence}  <- {string.Join(", ", findings.Select(f => $"\"{f.Phrase}\" [{f.EntryId}]"))}");
                    break;
                case (true, false):
                    falseNegatives++;
                    output.WriteLine($"missed ({file} line {item.Line}): {item.Sentence}");
                    break;
                default:
                    trueNegatives++;
                    break;
            }
        }
        var figures = new Figures(truePositives / (double)(truePositives + falsePositives), truePositives / (double)(truePositives + falseNegatives));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Language guard on {file}: precision {figures.Precision:0.000}, recall {figures.Recall:0.000} " +
            $"(true positives {truePositives}, false positives {falsePositives}, missed {falseNegatives}, true negatives {trueNegatives})"));
        return figures;
    }

    [Fact]
    public void Corpus_HasAtLeast300Sentences_AboutHalfVictimBlaming()
    {
        var corpus = Read("corpus.tsv");
        Assert.True(corpus.Count >= 300, $"The corpus has {corpus.Count} sentences; at least 300 are needed.");
        var share = corpus.Count(c => c.VictimBlaming) / (double)corpus.Count;
        Assert.InRange(share, 0.4, 0.6);
        var sentences = corpus.Concat(Read("holdout-1.tsv")).Concat(Read("holdout-2.tsv")).Select(c => c.Sentence).ToList();
        Assert.Equal(sentences.Count, sentences.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ShippedList_OnTheCorpus_MeetsPrecisionAndRecall()
    {
        var figures = Measure("corpus.tsv");
        Assert.True(figures.Precision >= MinimumPrecision, string.Create(CultureInfo.InvariantCulture, $"Precision {figures.Precision:0.000} is below {MinimumPrecision}"));
        Assert.True(figures.Recall >= MinimumRecall, string.Create(CultureInfo.InvariantCulture, $"Recall {figures.Recall:0.000} is below {MinimumRecall}"));
    }

    /// <summary>
    /// The held-out sets guard against a change to the list that helps corpus.tsv by hurting wording
    /// it was not shaped by. Floors sit a little below the figures recorded in each file's header.
    /// </summary>
    [Theory]
    [InlineData("holdout-1.tsv", 0.95, 0.85)]
    [InlineData("holdout-2.tsv", 0.95, 0.78)]
    public void ShippedList_OnHeldOutSentences_StaysAboveItsFloors(string file, double precisionFloor, double recallFloor)
    {
        var figures = Measure(file);
        Assert.True(figures.Precision >= precisionFloor, string.Create(CultureInfo.InvariantCulture, $"Precision {figures.Precision:0.000} on {file} is below {precisionFloor}"));
        Assert.True(figures.Recall >= recallFloor, string.Create(CultureInfo.InvariantCulture, $"Recall {figures.Recall:0.000} on {file} is below {recallFloor}"));
    }
}
