using System.Globalization;
using Parley.Features.Processes;
using Parley.Modalities;
using Xunit;

namespace Parley.Tests.Processes;

/// <summary>A modalities file gives names in several languages; the report reads them in the reader's, else in the original.</summary>
public sealed class ModalitiesNamesTests
{
    private const string File = """
        process:
          id: names
          title: Names
          titles: { fr: Noms }
          mandate: { symbol: A/RES/1/2, adopted: 2030-01-10 }
          outcome: { title: Accord, sections: [commitments], paragraph: "1" }
        venues:
          - { code: NBO, name: Nairobi, city: Nairobi, timeZone: Africa/Nairobi }
        phases:
          - { id: talks, name: Talks, from: 2030-03, to: 2030-12, paragraph: "2" }
        roles:
          - id: facilitator
            name: Facilitator
            names: { fr: Facilitateur, ru: Координатор }
            plurals: { ru: координаторов }
            count: 2
            appointedBy: President
            dueBy: 2030-02-28
            paragraph: "2"
        series:
          - id: sessions
            name: Working sessions
            names: { fr: Séances de travail, ar: جلسات العمل }
            singulars: { fr: séance de travail }
            phase: talks
            venue: NBO
            paragraph: "3"
            meetings:
              - { month: 2030-04, days: 5 }
            documents:
              - { type: summary, title: "Chair's summary", titles: { fr: Résumé de la présidence }, after: end, withinDays: 30, paragraph: "3" }
        obligations:
          - { id: draft, title: Draft text, titles: { zh: 案文草案 }, document: draft, dueBy: 2030-05-01, paragraph: "4" }
        principles:
          - { paragraph: "5", summary: Everyone may speak, summaries: { es: Todos pueden hablar } }
        """;

    private static readonly WorkingDays NoHolidays = new(Array.Empty<(string, DateOnly)>().ToLookup(x => x.Item1, x => x.Item2));

    private static List<string> Titles(string culture) =>
        [.. ComplianceEngine.Evaluate(ModalitiesParser.Parse(File).Definition!, new ProcessSnapshot([], [], [], []), NoHolidays, new DateOnly(2030, 1, 15))
            .Select(r => r.Title.Render(new CultureInfo(culture)))];

    [Fact]
    public void NamesInOtherLanguages_AreRead_ForSeriesRolesDocumentsObligationsAndPrinciples()
    {
        var result = ModalitiesParser.Parse(File);
        Assert.Empty(result.Problems);
        var def = result.Definition!;
        Assert.Equal("Séances de travail", def.Series[0].Named.In(new CultureInfo("fr")).Text);
        Assert.Equal("working session", def.Series[0].One.In(new CultureInfo("en")).Text); // the English singular, as before
        Assert.Equal("séance de travail", def.Series[0].One.In(new CultureInfo("fr")).Text);
        Assert.Equal("Working sessions", def.Series[0].Named.In(new CultureInfo("zh")).Text); // no version: the original
        Assert.Equal("координаторов", def.Roles[0].PluralNamed.In(new CultureInfo("ru")).Text);
        Assert.Equal("Facilitateur", def.Roles[0].PluralNamed.In(new CultureInfo("fr")).Text); // no plural given: its name
        Assert.Equal("Facilitators", def.Roles[0].PluralNamed.In(new CultureInfo("en")).Text);
    }

    [Fact]
    public void TheComplianceReport_UsesTheNamesOfTheReadersLanguage()
    {
        var french = Titles("fr");
        Assert.Contains(french, t => t.StartsWith("Résumé de la présidence dans les 30 jours suivant chaque séance de travail", StringComparison.Ordinal));
        Assert.Contains(french, t => t.StartsWith("Séances de travail 1", StringComparison.Ordinal));
        Assert.Contains(Titles("zh"), t => t.StartsWith("案文草案", StringComparison.Ordinal));
        Assert.Contains(Titles("es"), t => t == "Todos pueden hablar");
        Assert.Contains(Titles("en"), t => t.StartsWith("Chair's summary within 30 days after each working session", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("names: { fr: Séances de travail, ar: جلسات العمل }", "names: { xx: Séances }", "'names': 'xx' is not a language of the United Nations")]
    [InlineData("singulars: { fr: séance de travail }", "singulars: { fr: \"\" }", "'singulars': the fr version needs a text")]
    [InlineData("plurals: { ru: координаторов }", "plurals: ru", "'plurals'")]
    public void AWrongNameVersion_IsReportedWhereItIsWritten(string good, string bad, string problem)
    {
        var result = ModalitiesParser.Parse(File.Replace(good, bad, StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains(problem, StringComparison.Ordinal) && p.Line > 1);
    }
}
