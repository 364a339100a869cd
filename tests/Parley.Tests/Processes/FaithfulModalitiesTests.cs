using System.Net.Http.Json;
using System.Text.Json;
using Parley.Features.Processes;
using Parley.Modalities;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Processes;

/// <summary>The 71/280 file says what the resolution says; where it needs a date or a number the text does not give, the rule says so.</summary>
public sealed class FaithfulModalitiesTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private static ModalitiesDefinition Gcm => ModalitiesParser.Parse(ProcessSeed.DefaultModalities).Definition!;

    [Theory]
    [InlineData("thematic/co-chairs-summary", "45 days")]
    [InlineData("stocktaking/chairs-summary", "60 days")]
    [InlineData("hearings/pga-summary-of-hearings", "60 days")]
    [InlineData("conference/conference-report", "90 days")]
    [InlineData("co-facilitator", "§5 sets no date")]
    [InlineData("sg-note-organization-of-work", "§13")]
    public void EveryDeadlineTheTextDoesNotGive_IsMarkedAsAnInterpretation(string rule, string says)
    {
        Assert.Contains(says, Gcm.InterpretationOf(rule), StringComparison.Ordinal);
    }

    [Fact]
    public void NoRoleIsDueBeforeTheResolutionWasAdopted_UnlessTheTextSaysSo()
    {
        var adopted = Gcm.Mandate.Adopted;
        // §10 itself asks for the Secretary-General of the Conference "ahead of phase I" (April 2017), before the adoption date.
        Assert.All(Gcm.Roles.Where(r => r.Id != "sg-conference"), r => Assert.True(r.DueBy >= adopted, $"{r.Id} due {r.DueBy}"));
    }

    [Fact]
    public void TheSecretaryGeneralsNote_TheRegionalConsultations_AndTheInformalDialogues_AreInTheFile()
    {
        Assert.Contains(Gcm.Obligations, o => o.Id == "sg-note-organization-of-work" && o.Paragraph == "13");
        Assert.Equal("22(a)", Gcm.FindSeries("regional")!.Paragraph);
        Assert.Equal("8", Gcm.FindSeries("dialogues")!.Paragraph);
        Assert.Empty(Gcm.FindSeries("dialogues")!.Meetings); // the text sets no number: no placement rule
    }

    [Fact]
    public async Task TheReport_ShowsTheInterpretationWithItsRule_AndNotOnRulesFromTheText()
    {
        var report = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/processes/gcm/compliance?asOf=2017-06-01");
        var rules = report.GetProperty("paragraphs").EnumerateArray().SelectMany(p => p.GetProperty("rules").EnumerateArray())
            .ToDictionary(r => r.GetProperty("id").GetString()!, r => r.TryGetProperty("interpretation", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null);
        Assert.Contains("45 days", rules["thematic/co-chairs-summary"], StringComparison.Ordinal);
        Assert.Null(rules["negotiations/1"]); // §28: February 2018 for three days, in the text
        Assert.Contains("geographical balance", rules["thematic-balance"], StringComparison.Ordinal);
        var page = await app.Anonymous().GetStringAsync("/processes/gcm/compliance?asOf=2017-06-01");
        Assert.Contains("data-testid=\"interpretation\"", page, StringComparison.Ordinal);
    }
}
