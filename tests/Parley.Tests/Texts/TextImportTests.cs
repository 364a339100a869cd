using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Parley.Features.Texts;
using Xunit;

namespace Parley.Tests.Texts;

public sealed class TextImportTests
{
    public const string ZeroDraft = """
        # I. Preamble
        1. We, the Heads of State and Government, meeting in Morocco, reaffirm the purposes of the Charter.
        2. This Global Compact rests on the Universal Declaration of Human Rights.
        # II. Objectives [actionable-commitments]
        ## Objective 1: Collect and utilize accurate data
        3. We commit to strengthen the global evidence base on international migration.
        (a) Elaborate a comprehensive strategy for data;
        (b) Improve international comparability of data;
        3 bis. We commit to invest in data capacity.
        # III. Implementation [means-of-implementation]
        4. We will implement the Global Compact through enhanced cooperation.
        """;

    [Fact]
    public void Markdown_BecomesSectionsHeadingsParagraphsAndSubparagraphs()
    {
        var result = TextImport.FromText(ZeroDraft, ["actionable-commitments", "means-of-implementation", "follow-up-and-review"]);
        Assert.Empty(result.Problems);
        var p = result.Provisions;
        Assert.Equal(11, p.Count);
        Assert.Equal((ProvisionKind.Section, "I.", "Preamble"), (p[0].Kind, p[0].Number, p[0].Text));
        Assert.Equal((ProvisionKind.Paragraph, "1"), (p[1].Kind, p[1].Number));
        Assert.Equal("actionable-commitments", p[3].SectionType);
        Assert.Equal(ProvisionKind.Heading, p[4].Kind);
        Assert.Equal((ProvisionKind.Subparagraph, "(a)", p[5].Key), (p[6].Kind, p[6].Number, p[6].ParentKey));
        Assert.Equal("3 bis", p[8].Number);
        Assert.Equal("means-of-implementation", p[10].SectionType);
        Assert.Equal(p.Count, p.Select(x => x.Key).Distinct().Count());
    }

    [Fact]
    public void UnknownSectionType_AndOrphanSubparagraph_AreReportedWithTheirLine()
    {
        var result = TextImport.FromText("# A. Part [poetry]\n(a) orphan\n1. One.\n1. Again.", ["actionable-commitments"]);
        Assert.Contains(result.Problems, p => p.Line == 1 && p.Message.Contains("'poetry'", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Line == 2 && p.Message.Contains("no numbered paragraph", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Message.Contains("Paragraph 1 appears more than once", StringComparison.Ordinal));
    }

    /// <summary>A Word document as delegations send it: headings, automatic numbering at two levels, one typed number.</summary>
    public static byte[] Docx()
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            static Paragraph Para(string text, string? style = null, int? level = null)
            {
                var props = new ParagraphProperties();
                if (style is not null)
                {
                    props.Append(new ParagraphStyleId { Val = style });
                }
                if (level is not null)
                {
                    props.Append(new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = 1 }));
                }
                return new Paragraph(props, new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            }
            main.Document = new Document(new Body(
                Para("I. Vision and guiding principles", "Heading1"),
                Para("We, the Heads of State and Government, reaffirm our commitment.", level: 0),
                Para("Migration has been part of the human experience.", level: 0),
                Para("Recognize shared responsibilities;", level: 1),
                Para("Respect national sovereignty;", level: 1),
                Para("II. Objectives", "Heading1"),
                Para("Objective 1", "Heading2"),
                Para("3. We commit to collect data.")));
            main.Document.Save();
        }
        return stream.ToArray();
    }

    [Fact]
    public void Docx_IsReadLikeTheTextFormat()
    {
        var result = TextImport.FromDocx(new MemoryStream(Docx()));
        Assert.True(result.IsSuccess);
        var p = result.Value.Provisions;
        Assert.Equal(["I.", "1", "2", "(a)", "(b)", "II.", "", "3"], p.Select(x => x.Number));
        Assert.Equal([ProvisionKind.Section, ProvisionKind.Paragraph, ProvisionKind.Paragraph, ProvisionKind.Subparagraph, ProvisionKind.Subparagraph,
            ProvisionKind.Section, ProvisionKind.Heading, ProvisionKind.Paragraph], p.Select(x => x.Kind));
        Assert.False(TextImport.FromDocx(new MemoryStream("not a zip"u8.ToArray())).IsSuccess);
    }
}
