using System.Text.Json.Nodes;
using Lantern.Domain.Screening;

namespace Lantern.Domain.Tests.Screening;

public sealed class ScreeningToolConfigurationTests
{
    private static ScreeningToolException Invalid(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(ScreeningToolFixture.ShippedJson, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!.AsObject();
        change(json);
        return Assert.Throws<ScreeningToolException>(() => ScreeningTool.FromJson(json.ToJsonString(), "test.json"));
    }

    [Fact]
    public void Shipped_IsValid_WithThreeSectionsAndFourRules()
    {
        var tool = ScreeningToolFixture.Shipped;

        Assert.Equal("lantern-cse v1", tool.Key);
        Assert.Equal([ScreeningSectionKind.Vulnerabilities, ScreeningSectionKind.RiskIndicators, ScreeningSectionKind.HarmIndicators], tool.Sections!.Select(s => s.Kind!.Value));
        Assert.Equal([ScreeningRuleKind.AgeAtOrUnder, ScreeningRuleKind.IndicatorTicked, ScreeningRuleKind.IndicatorTicked, ScreeningRuleKind.RepeatMissing], tool.Rules!.Select(r => r.Kind!.Value));
        Assert.Equal(Enum.GetValues<PrefillSource>().Order(), tool.AllIndicators.Where(p => p.Indicator.Prefill is not null).Select(p => p.Indicator.Prefill!.Value).Order());
    }

    [Fact]
    public void FromJson_MissingHarmSection_NamesTheSection()
    {
        var ex = Invalid(j => j["sections"]!.AsArray().RemoveAt(2));

        Assert.Contains(ex.Errors, e => e.Field == "sections" && e.Message.Contains("harmIndicators", StringComparison.Ordinal));
    }

    [Fact]
    public void FromJson_DuplicateIndicatorId_NamesIt()
    {
        var ex = Invalid(j => j["sections"]![1]!["indicators"]![0]!["id"] = "disclosure");

        Assert.Contains(ex.Errors, e => e.Field == "sections[2].indicators[0].id" && e.Message.Contains("used twice", StringComparison.Ordinal));
    }

    [Fact]
    public void FromJson_BandsOutOfOrder_Refused()
    {
        var ex = Invalid(j => j["bands"]![2]!["from"] = 3);

        Assert.Contains(ex.Errors, e => e.Field == "bands[2]");
    }

    [Fact]
    public void FromJson_RuleNamingAnUnknownIndicator_Refused()
    {
        var ex = Invalid(j => j["rules"]![2]!["indicator"] = "disclosed");

        Assert.Contains(ex.Errors, e => e.Field == "rules[2].indicator" && e.Message.Contains("disclosed", StringComparison.Ordinal));
    }

    [Fact]
    public void FromJson_NegativeWeight_Refused()
    {
        var ex = Invalid(j => j["sections"]![0]!["indicators"]![0]!["weight"] = -1);

        Assert.Contains(ex.Errors, e => e.Field == "sections[0].indicators[0].weight");
    }

    [Fact]
    public void FromJson_WeightWithThreeDecimalPlaces_Refused()
    {
        var ex = Invalid(j => j["sections"]![0]!["indicators"]![1]!["weight"] = 1.333);

        Assert.Contains(ex.Errors, e => e.Field == "sections[0].indicators[1].weight" && e.Message.Contains("two decimal places", StringComparison.Ordinal));
    }

    [Fact]
    public void FromJson_UnknownProperty_Refused()
    {
        var ex = Invalid(j => j["colour"] = "blue");

        Assert.Contains("colour", Assert.Single(ex.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_UnknownPrefillSource_Refused()
    {
        var ex = Invalid(j => j["sections"]![1]!["indicators"]![0]!["prefill"] = "horoscope");

        var error = Assert.Single(ex.Errors);
        Assert.Equal("$.sections[1].indicators[0].prefill", error.Field);
    }
}
