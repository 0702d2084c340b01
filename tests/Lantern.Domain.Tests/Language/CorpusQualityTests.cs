using System.Globalization;
using Lantern.Domain.Language;

namespace Lantern.Domain.Tests.Language;

/// <summary>
/// The shipped phrase list against corpus.tsv: sentences written for these tests and labelled by
/// hand (1 victim-blaming, 0 neutral). A sentence counts as flagged when the guard reports anything.
/// </summary>
public sealed class CorpusQualityTests
{
    public const double MinimumPrecision = 0.95;
    public const double MinimumRecall = 0.90;

    private sealed record Labelled(int Line, bool VictimBlaming, string Sentence);

    private static List<Labelled> Corpus()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Language", "corpus.tsv"));
        var corpus = new List<Labelled>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            Assert.True(tab == 1 && line[0] is '0' or '1', $"corpus.tsv line {i + 1} is not \"label<TAB>sentence\": {line}");
            corpus.Add(new Labelled(i + 1, line[0] == '1', line[(tab + 1)..]));
        }
        return corpus;
    }

    [Fact]
    public void Corpus_HasAtLeast300Sentences_AboutHalfVictimBlaming()
    {
        var corpus = Corpus();
        Assert.True(corpus.Count >= 300, $"The corpus has {corpus.Count} sentences; at least 300 are needed.");
        var share = corpus.Count(c => c.VictimBlaming) / (double)corpus.Count;
        Assert.InRange(share, 0.4, 0.6);
        Assert.Equal(corpus.Count, corpus.Select(c => c.Sentence).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ShippedList_OnTheCorpus_MeetsPrecisionAndRecall()
    {
        var guard = LanguageGuard.Shipped;
        int truePositives = 0, falsePositives = 0, falseNegatives = 0, trueNegatives = 0;
        var output = TestContext.Current.TestOutputHelper!;
        foreach (var item in Corpus())
        {
            var findings = guard.Check(item.Sentence);
            var flagged = findings.Count > 0;
            switch (item.VictimBlaming, flagged)
            {
                case (true, true):
                    truePositives++;
                    break;
                case (false, true):
                    falsePositives++;
                    output.WriteLine($"false positive (line {item.Line}): {item.Sentence}  <- {string.Join(", ", findings.Select(f => $"\"{f.Phrase}\" [{f.EntryId}]"))}");
                    break;
                case (true, false):
                    falseNegatives++;
                    output.WriteLine($"missed (line {item.Line}): {item.Sentence}");
                    break;
                default:
                    trueNegatives++;
                    break;
            }
        }
        var precision = truePositives / (double)(truePositives + falsePositives);
        var recall = truePositives / (double)(truePositives + falseNegatives);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Language guard on corpus.tsv: precision {precision:0.000}, recall {recall:0.000} " +
            $"(true positives {truePositives}, false positives {falsePositives}, missed {falseNegatives}, true negatives {trueNegatives})"));

        Assert.True(precision >= MinimumPrecision, string.Create(CultureInfo.InvariantCulture, $"Precision {precision:0.000} is below {MinimumPrecision}"));
        Assert.True(recall >= MinimumRecall, string.Create(CultureInfo.InvariantCulture, $"Recall {recall:0.000} is below {MinimumRecall}"));
    }
}
