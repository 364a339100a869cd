using Parley.Features.Accreditation;
using Parley.Features.Processes;
using Parley.Modalities;
using Xunit;

namespace Parley.Tests.Accreditation;

/// <summary>The pure rules: tracks in the modalities file, names compared as a reviewer would, the balance of a list, public status.</summary>
public sealed class AccreditationRulesTests
{
    [Fact]
    public void The71_280File_HasItsThreeDoors_WithTwoSpecialLists()
    {
        var def = ModalitiesParser.Parse(ProcessSeed.DefaultModalities).Definition!;
        Assert.Equal(["ecosoc", "nhri", "special-preparatory", "special-conference"], def.Tracks.Select(t => t.Id));
        Assert.Equal("ecosoc", def.FindTrack("ecosoc")!.VerifiedBy);
        Assert.Equal(["A"], def.FindTrack("nhri")!.Statuses);
        var preparatory = def.FindTrack("special-preparatory")!;
        Assert.Equal(TrackKind.Special, preparatory.Kind);
        Assert.Equal("6(b)", preparatory.Paragraph);
        Assert.Equal("stakeholder-list-preparatory", preparatory.ListDocument);
        Assert.Contains(def.Obligations, o => o.DocumentType == preparatory.ListDocument);
    }

    [Fact]
    public void BadTrack_IsReportedWithItsLine()
    {
        const string yaml = """
            process:
              id: t
              title: T
              mandate: { symbol: A/RES/1/1, adopted: 2020-01-01 }
              outcome: { title: O, sections: [], paragraph: "1" }
            venues:
              - { code: NYC, name: HQ, city: New York, timeZone: America/New_York }
            phases:
              - { id: p1, name: One, from: 2020-02, to: 2020-06, paragraph: "2" }
            accreditation:
              - { id: a, name: A, kind: lottery, opens: 2020-01-01, closes: 2020-02-01, paragraph: "3" }
              - { id: b, name: B, kind: registration, verifiedBy: unesco, opens: 2020-03-01, closes: 2020-02-01, paragraph: "3" }
              - { id: c, name: C, kind: special, opens: 2020-01-01, closes: 2020-02-01, paragraph: "3" }
            """;
        var problems = ModalitiesParser.Parse(yaml).Problems;
        Assert.Contains(problems, p => p.Line == 11 && p.Message.Contains("'lottery' is not a kind of track", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 12 && p.Message.Contains("'unesco' is not a verification list", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 12 && p.Message.Contains("close after it opens", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 13 && p.Message.Contains("listDocument", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("The Migrant Rights Network", "migrant rights network")]
    [InlineData("Fundación  Migrantes & Refugiados", "fundacion migrantes and refugiados")]
    [InlineData("CARITAS-Internationalis.", "caritas internationalis")]
    public void Names_IgnoreCaseAccentsPunctuationAndThe(string name, string normalized) =>
        Assert.Equal(normalized, OrganisationNames.Normalize(name));

    [Fact]
    public void NearlyIdenticalNames_AreSimilar_DifferentOnesAreNot()
    {
        Assert.True(OrganisationNames.Similarity(OrganisationNames.Normalize("Migrant Rights Network"), OrganisationNames.Normalize("Migrants Rights Network")) >= OrganisationNames.DuplicateThreshold);
        Assert.True(OrganisationNames.Similarity(OrganisationNames.Normalize("Migrant Rights Network"), OrganisationNames.Normalize("Migration Policy Institute")) < OrganisationNames.DuplicateThreshold);
    }

    private static NonObjection.EntryRow Entry(int i, string? group, string type, int women, int reps) =>
        new(i, $"Org {i}", $"o{i}", null, type, "KEN", group, women, reps);

    [Fact]
    public void Balance_WarnsWhenARegionIsMissing_OneDominates_OrWomenAreFew()
    {
        var entries = Enumerable.Range(0, 20).Select(i => Entry(i, i < 12 ? "WEOG" : i < 16 ? "GRULAC" : "APG", i < 14 ? "ngo" : "academic", i % 4 == 0 ? 1 : 0, 2)).ToList();
        var figures = Balance.Of(entries);
        Assert.Equal(20, figures.Names);
        Assert.Equal(60.0, figures.ByRegionalGroup.Single(s => s.Key == "WEOG").Percent);
        Assert.Contains(figures.Warnings, w => w.StartsWith("AG: 0 of 20", StringComparison.Ordinal));
        Assert.Contains(figures.Warnings, w => w.StartsWith("EEG: 0 of 20", StringComparison.Ordinal));
        Assert.Contains(figures.Warnings, w => w.Contains("WEOG holds 60%", StringComparison.Ordinal));
        Assert.Contains(figures.Warnings, w => w.Contains("type ngo are 70%", StringComparison.Ordinal));
        Assert.Contains(figures.Warnings, w => w.StartsWith("Women are 12.5%", StringComparison.Ordinal));

        var fair = Enumerable.Range(0, 20).Select(i => Entry(i, Balance.Groups[i % 5], i % 2 == 0 ? "ngo" : "academic", 1, 2)).ToList();
        Assert.Empty(Balance.Of(fair).Warnings);
    }

    [Theory]
    [InlineData(ApplicationStatus.Recommended, null, false, false, "pending")]
    [InlineData(ApplicationStatus.Recommended, ListStatus.Composing, false, false, "pending")]
    [InlineData(ApplicationStatus.Recommended, ListStatus.Circulated, false, true, "under-consideration")] // an objection changes nothing before the deadline
    [InlineData(ApplicationStatus.Recommended, ListStatus.Circulated, true, true, "not-accredited")]
    [InlineData(ApplicationStatus.Recommended, ListStatus.Circulated, true, false, "accredited")]
    [InlineData(ApplicationStatus.Rejected, null, false, false, "not-accredited")]
    [InlineData(ApplicationStatus.AwaitingVerification, null, false, false, "pending")]
    public void PublicStatus_ChangesOnlyAtTheDeadline(ApplicationStatus status, ListStatus? list, bool passed, bool objected, string expected) =>
        Assert.Equal(expected, NonObjection.PublicStatus(status, list, passed, objected));
}
