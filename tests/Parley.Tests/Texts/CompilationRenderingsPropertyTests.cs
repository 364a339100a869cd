using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Extensions.Localization;
using Parley.Features.Texts;
using Parley.Web.Features.Texts;
using Xunit;

namespace Parley.Tests.Texts;

/// <summary>
/// The compilation of record: over random versions and random mixes of every kind of proposal, every submitted proposal is
/// in the model once and in each rendering once (JSON, page, DOCX bookmarks, Akoma Ntoso references), and no draft or
/// withdrawn proposal is anywhere.
/// </summary>
public sealed partial class CompilationRenderingsPropertyTests
{
    /// <summary>A localizer that answers with the key: the page's words do not matter here, its proposals do.</summary>
    private sealed class KeyLocalizer : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name);
        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(System.Globalization.CultureInfo.InvariantCulture, name + " {0}", arguments));
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    private static readonly string[] Sentences =
    [
        "We commit to strengthen the global evidence base on international migration and to share it.",
        "Elaborate a comprehensive strategy for data, with disaggregation by sex, age and migration status;",
        "This Global Compact rests on the purposes and principles of the Charter of the United Nations.",
        "Improve international comparability and compatibility of migration statistics.",
        "Objective 1: Collect and utilize accurate and disaggregated data",
    ];

    /// <summary>A random version: sections, headings, paragraphs, sub-paragraphs, some numbered "bis".</summary>
    private static List<ProvisionData> RandomVersion(Random random)
    {
        var provisions = new List<ProvisionData>();
        int sections = 0, paragraphs = 0;
        string? section = null, paragraph = null;
        for (var i = 0; i < random.Next(4, 18); i++)
        {
            var roll = random.Next(10);
            var text = Sentences[random.Next(Sentences.Length)];
            var key = $"k{i}";
            if (roll == 0 || provisions.Count == 0)
            {
                section = key;
                paragraph = null;
                provisions.Add(new(key, $"{"I II III IV V VI VII VIII IX X".Split(' ')[sections++ % 10]}.", ProvisionKind.Section, null, null, text));
            }
            else if (roll == 1)
            {
                provisions.Add(new(key, "", ProvisionKind.Heading, section, null, text));
            }
            else if (roll <= 3 && paragraph is not null)
            {
                var letter = (char)('a' + provisions.Count(p => p.ParentKey == paragraph));
                provisions.Add(new(key, $"({letter})", ProvisionKind.Subparagraph, paragraph, null, text));
            }
            else
            {
                paragraph = key;
                provisions.Add(new(key, random.Next(8) == 0 ? $"{paragraphs} bis" : $"{++paragraphs}", ProvisionKind.Paragraph, section, null, text));
            }
        }
        return provisions;
    }

    private static List<ProposalView> RandomProposals(Random random, IReadOnlyList<ProvisionData> provisions)
    {
        var kinds = Enum.GetValues<ProposalKind>();
        var proposals = new List<ProposalView>();
        for (var id = 1; id <= random.Next(1, 50); id++)
        {
            var provision = provisions[random.Next(provisions.Count)];
            var length = Words.Split(provision.Text).Length;
            var kind = kinds[random.Next(kinds.Length)];
            var start = random.Next(0, length + 1);
            var end = Math.Min(length, start + random.Next(0, 5));
            var (s, e) = kind switch
            {
                ProposalKind.Insert => (start, start),
                ProposalKind.Replace or ProposalKind.Delete => (Math.Min(start, length - 1), Math.Max(end, Math.Min(start, length - 1) + 1)),
                _ => (0, 0),
            };
            // Now and then a draft or a withdrawn proposal, with words that must never be seen; and identical proposals.
            var status = random.Next(8) switch { 0 => "draft", 1 => "withdrawn", 2 => "carried-forward", _ => "submitted" };
            var words = status is "draft" or "withdrawn" ? $"HIDDENWORDS{id}" : random.Next(3) == 0 ? "the same words" : $"words {id}";
            var sponsors = random.Next(4) == 0 ? new[] { $"State {random.Next(5)}", $"State {5 + random.Next(5)}" } : new[] { $"State {random.Next(5)}" };
            proposals.Add(new(id, kind, provision.Key, kind is ProposalKind.AddProvision or ProposalKind.MoveProvision ? provisions[random.Next(provisions.Count)].Key : null,
                s, e, kind is ProposalKind.Delete or ProposalKind.DeleteProvision or ProposalKind.Retain or ProposalKind.MoveProvision ? null : words,
                kind == ProposalKind.AddProvision ? (random.Next(3) == 0 ? ProvisionKind.Subparagraph : ProvisionKind.Paragraph) : null,
                sponsors, status, false, SubmittedAt: new DateTime(2018, 2, 20, 9, 0, 0, DateTimeKind.Utc).AddMinutes(id)));
        }
        return proposals;
    }

    private static TextQueries.VersionView Version(IReadOnlyList<ProvisionData> provisions, Random random) =>
        new(1, 7, "Global compact for safe, orderly and regular migration", "gcm", 0, "Rev.1", "A/CONF.231/R1", new DateOnly(2018, 3, 5), "Co-facilitators",
            null, false, true, provisions,
            provisions.Where(_ => random.Next(4) == 0).ToDictionary(p => p.Key, p => new TextQueries.StatusView(
                new[] { "agreed-ad-ref", "agreed", "reopened", "agreed-ad-ref-pending" }[random.Next(4)], provisions[0].Key, "Co-facilitators", new DateTime(2018, 3, 6, 0, 0, 0, DateTimeKind.Utc))),
            [(1, "Rev.1")], "outcome", "A/RES/71/280");

    [GeneratedRegex("data-prop=\"([0-9 ]+)\"")]
    private static partial Regex DataProp();

    private static List<int> Ids(string joined) => joined.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();

    [Fact]
    public void EverySubmittedProposal_AppearsExactlyOnce_InTheModelAndInEveryRendering_AndNoDraftAnywhere()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var localizer = new KeyLocalizer();
        for (var seed = 1; seed <= 120; seed++)
        {
            var random = new Random(seed);
            var provisions = RandomVersion(random);
            var proposals = RandomProposals(random, provisions);
            var version = Version(provisions, random);
            var view = new TextQueries.CompilationView(version, Compilation.Build(provisions, proposals), proposals.Count, []);
            var expected = proposals.Where(p => p.Status is not ("draft" or "withdrawn")).Select(p => p.Id).Order().ToList();
            var hidden = proposals.Where(p => p.Status is "draft" or "withdrawn").ToList();

            // The model.
            Assert.Equal(expected, view.Provisions.SelectMany(c => c.ProposalIds).Order());

            // JSON, as the API serialises it.
            using (var doc = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(view, json)))
            {
                var inJson = doc.RootElement.GetProperty("provisions").EnumerateArray()
                    .SelectMany(p => p.GetProperty("proposalIds").EnumerateArray().Select(i => i.GetInt32())).Order().ToList();
                Assert.Equal(expected, inJson);
                Assert.DoesNotContain("HIDDENWORDS", doc.RootElement.GetRawText(), StringComparison.Ordinal);
            }

            // The page.
            var html = CompilationHtml.Render(view, new CompilationHtml.Options(true, true), localizer);
            Assert.Equal(expected, DataProp().Matches(html).SelectMany(m => Ids(m.Groups[1].Value)).Order());
            Assert.DoesNotContain("HIDDENWORDS", html, StringComparison.Ordinal);

            // DOCX: one bookmark per proposal.
            var docx = TextExports.CompilationDocx(view, new DateTime(2018, 3, 7, 0, 0, 0, DateTimeKind.Utc));
            using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
            {
                var marks = word.MainDocumentPart!.Document!.Body!.Descendants<BookmarkStart>().Select(b => b.Name!.Value!)
                    .Where(n => n.StartsWith("prop_", StringComparison.Ordinal)).Select(n => int.Parse(n[5..])).Order().ToList();
                Assert.Equal(expected, marks);
                Assert.DoesNotContain("HIDDENWORDS", word.MainDocumentPart.Document.Body.InnerText, StringComparison.Ordinal);
                Assert.DoesNotContain("HIDDENWORDS", word.MainDocumentPart.WordprocessingCommentsPart?.Comments?.InnerText ?? "", StringComparison.Ordinal);
                if (seed % 10 == 0)
                {
                    var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(word).ToList();
                    Assert.True(errors.Count == 0, $"seed {seed}: " + string.Join("\n", errors.Take(5).Select(e => $"{e.Path?.XPath}: {e.Description}")));
                }
            }

            // Akoma Ntoso: each proposal referred to once from the body, and declared once.
            var akn = TextExports.CompilationAkn(view);
            var referred = akn.Descendants(TextExports.Akn + "mainBody").Single().Descendants().Select(e => (string?)e.Attribute("refersTo"))
                .Where(r => r is not null).SelectMany(r => r!.Split(' ')).Where(r => r.StartsWith("#prop_", StringComparison.Ordinal))
                .Select(r => int.Parse(r[6..])).Order().ToList();
            Assert.Equal(expected, referred);
            Assert.DoesNotContain("HIDDENWORDS", akn.ToString(), StringComparison.Ordinal);
            Assert.All(hidden, h => Assert.DoesNotContain($"prop_{h.Id}\"", akn.ToString(), StringComparison.Ordinal));
            if (AknSchema.Folder is not null && seed % 10 == 0)
            {
                Assert.Empty(AknSchema.Validate(akn));
            }
        }
    }
}
