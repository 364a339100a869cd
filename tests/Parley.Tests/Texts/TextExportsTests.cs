using DocumentFormat.OpenXml.Packaging;
using OpenXmlElementAlias = DocumentFormat.OpenXml.OpenXmlElement;
using DocumentFormat.OpenXml.Wordprocessing;
using Parley.Features.Texts;
using Xunit;

namespace Parley.Tests.Texts;

public sealed class TextExportsTests
{
    private static TextQueries.VersionView Version(IReadOnlyList<ProvisionData> provisions, string label = "Zero draft", int id = 1) =>
        new(id, 7, "Global compact for safe, orderly and regular migration", "gcm", 0, label, "A/CONF.231/ZD", new DateOnly(2018, 2, 5), "Co-facilitators",
            null, false, true, provisions, new Dictionary<string, TextQueries.StatusView>(), [(id, label)]);

    private static (TextQueries.VersionView Version, TextQueries.CompilationView Compilation) Sample()
    {
        var provisions = TextImport.FromText(TextImportTests.ZeroDraft).Provisions;
        var version = Version(provisions);
        var p3 = provisions.First(p => p.Number == "3");
        var p1 = provisions.First(p => p.Number == "1");
        var proposals = new List<ProposalView>
        {
            new(1, ProposalKind.Replace, p3.Key, null, 2, 3, "undertake", null, ["European Union"], "submitted", false),
            new(2, ProposalKind.Insert, p3.Key, null, 5, 5, "and disaggregated", null, ["G77"], "submitted", false),
            new(3, ProposalKind.Delete, p1.Key, null, 3, 6, null, null, ["United States of America"], "submitted", false),
            new(4, ProposalKind.Delete, p1.Key, null, 4, 8, null, null, ["Mexico"], "submitted", false),
            new(5, ProposalKind.Retain, provisions.First(p => p.Number == "2").Key, null, 0, 0, null, null, ["Brazil"], "submitted", false),
            new(6, ProposalKind.AddProvision, p3.Key, p3.Key, 0, 0, "We commit to share data responsibly.", ProvisionKind.Paragraph, ["Switzerland"], "submitted", false),
        };
        var compiled = Compilation.Build(provisions, proposals);
        return (version, new TextQueries.CompilationView(version, compiled, proposals.Count, ["Brazil", "European Union", "G77", "Mexico", "Switzerland", "United States of America"]));
    }

    [Fact]
    public void AProvisionProposedForDeletion_KeepsItsWordLevelProposalsAndMoves_InEveryRendering()
    {
        var provisions = TextImport.FromText(TextImportTests.ZeroDraft).Provisions;
        var p3 = provisions.First(p => p.Number == "3");
        var proposals = new List<ProposalView>
        {
            new(1, ProposalKind.DeleteProvision, p3.Key, null, 0, 0, null, null, ["Hungary"], "submitted", false),
            new(2, ProposalKind.Replace, p3.Key, null, 2, 3, "WORDS-OF-THE-EU", null, ["European Union"], "submitted", false),
            new(3, ProposalKind.MoveProvision, p3.Key, provisions.First(p => p.Number == "1").Key, 0, 0, null, null, ["Chile"], "submitted", false),
        };
        var version = Version(provisions);
        var compilation = new TextQueries.CompilationView(version, Compilation.Build(provisions, proposals), proposals.Count, ["Chile", "European Union", "Hungary"]);
        var akn = TextExports.CompilationAkn(compilation).ToString();
        Assert.Contains("WORDS-OF-THE-EU", akn, StringComparison.Ordinal);
        Assert.Contains("(Hungary: delete the paragraph)", akn, StringComparison.Ordinal);
        Assert.Matches(@"\(Chile: move after 1\)", akn); // a move says where to
        using var doc = WordprocessingDocument.Open(new MemoryStream(TextExports.CompilationDocx(compilation, new DateTime(2018, 2, 20, 0, 0, 0, DateTimeKind.Utc))), false);
        var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("WORDS-OF-THE-EU", text, StringComparison.Ordinal);
        var comments = doc.MainDocumentPart.WordprocessingCommentsPart!.Comments!.Descendants<Comment>().Select(c => c.InnerText).ToList();
        Assert.Contains("Hungary: delete the paragraph", comments);
        Assert.Contains("Chile: move after 1", comments);
        // Deleting the paragraph is an alternative to its amended words: a "3 Alt 1" paragraph, the whole text deleted by Hungary.
        Assert.Contains(doc.MainDocumentPart.Document.Body.Descendants<Paragraph>(), p => p.InnerText.StartsWith("3 Alt 1", StringComparison.Ordinal)
            && p.Descendants<DeletedRun>().Any(d => d.Author == "Hungary"));
    }

    [Fact]
    public void EveryProposal_IsPlacedExactlyOnceInTheCompilationModel_WhateverTheMix()
    {
        var provisions = TextImport.FromText(TextImportTests.ZeroDraft).Provisions.Where(p => p.Kind is not (ProvisionKind.Section or ProvisionKind.Heading)).ToList();
        var kinds = Enum.GetValues<ProposalKind>();
        for (var seed = 1; seed <= 300; seed++)
        {
            var random = new Random(seed);
            var proposals = new List<ProposalView>();
            for (var id = 1; id <= random.Next(1, 40); id++)
            {
                var provision = provisions[random.Next(provisions.Count)];
                var length = Words.Split(provision.Text).Length;
                var start = random.Next(0, length + 1);
                var end = Math.Min(length, start + random.Next(0, 4));
                var kind = kinds[random.Next(kinds.Length)];
                var (s, e) = kind switch
                {
                    ProposalKind.Insert => (start, start),
                    ProposalKind.Replace or ProposalKind.Delete => (Math.Min(start, length - 1), Math.Max(end, Math.Min(start, length - 1) + 1)),
                    _ => (0, 0),
                };
                // Identical proposals from two delegations, now and then.
                var words = random.Next(3) == 0 ? "the same words" : $"words {id}";
                proposals.Add(new(id, kind, provision.Key, kind is ProposalKind.AddProvision or ProposalKind.MoveProvision ? provisions[random.Next(provisions.Count)].Key : null,
                    s, e, kind is ProposalKind.Delete or ProposalKind.DeleteProvision or ProposalKind.Retain or ProposalKind.MoveProvision ? null : words,
                    kind == ProposalKind.AddProvision ? ProvisionKind.Paragraph : null, [$"State {random.Next(5)}"], "submitted", false));
            }
            var placed = Compilation.Build(provisions, proposals).SelectMany(c => c.ProposalIds).Order().ToList();
            Assert.Equal(proposals.Select(p => p.Id).Order(), placed);
        }
    }

    /// <summary>What the Open XML SDK's validator finds wrong in a document (Office 2019 rules).</summary>
    private static List<string> ValidationErrors(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return new DocumentFormat.OpenXml.Validation.OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2019).Validate(doc)
            .Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
    }

    [Fact]
    public void CompilationDocx_DatesEachTrackedChange_WhenItsProposalWasSubmitted()
    {
        var provisions = TextImport.FromText(TextImportTests.ZeroDraft).Provisions;
        var p3 = provisions.First(p => p.Number == "3");
        var submitted = new DateTime(2018, 2, 21, 9, 30, 0, DateTimeKind.Utc);
        var proposals = new List<ProposalView> { new(1, ProposalKind.Replace, p3.Key, null, 2, 3, "undertake", null, ["European Union"], "submitted", false, SubmittedAt: submitted) };
        var compilation = new TextQueries.CompilationView(Version(provisions), Compilation.Build(provisions, proposals), 1, ["European Union"]);
        using var doc = WordprocessingDocument.Open(new MemoryStream(TextExports.CompilationDocx(compilation, new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc))), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        Assert.All(body.Descendants<InsertedRun>(), i => Assert.Equal(submitted, i.Date!.Value));
        Assert.All(body.Descendants<DeletedRun>(), d => Assert.Equal(submitted, d.Date!.Value));
        Assert.NotEmpty(body.Descendants<InsertedRun>());
    }

    [Fact]
    public void EveryDocxExport_PassesTheOpenXmlValidator()
    {
        var (version, compilation) = Sample();
        var later = Version(version.Provisions.Select(p => p.Number == "3" ? p with { Text = p.Text + " and review it" } : p).ToList(), "Rev.1", 2);
        var at = new DateTime(2018, 2, 20, 0, 0, 0, DateTimeKind.Utc);
        foreach (var (name, bytes) in new[]
        {
            ("clean", TextExports.CleanDocx(version)),
            ("compilation", TextExports.CompilationDocx(compilation, at)),
            ("comparison", TextExports.ComparisonDocx(TextQueries.Compare(version, later), later)),
        })
        {
            var errors = ValidationErrors(bytes);
            Assert.True(errors.Count == 0, $"{name}: {errors.Count} validator errors:\n" + string.Join("\n", errors.Take(10)));
        }
    }

    private static (List<string> Insertions, List<string> Deletions) Authors(byte[] docx)
    {
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        return (body.Descendants<InsertedRun>().Select(i => i.Author!.Value!).ToList(), body.Descendants<DeletedRun>().Select(d => d.Author!.Value!).ToList());
    }

    [Fact]
    public void CompilationDocx_HasTrackedChanges_AuthoredByTheSponsoringDelegations()
    {
        var (_, compilation) = Sample();
        var (ins, del) = Authors(TextExports.CompilationDocx(compilation, new DateTime(2018, 2, 20, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Contains("European Union", del); // a replacement is a deletion and an insertion by the same author
        Assert.Contains("European Union", ins);
        Assert.Contains("G77", ins);
        Assert.DoesNotContain("Brazil", ins.Concat(del)); // "retain" changes nothing: it is a comment, not tracked text
        Assert.Contains("Switzerland", ins);  // a new paragraph
        Assert.Contains("United States of America", del); // overlapping deletions: each in its own Alt paragraph, by its sponsor
        Assert.Contains("Mexico", del);
        Assert.DoesNotContain(ins.Concat(del), a => a.Length == 0);
    }

    [Fact]
    public void CleanDocx_HasEveryProvision_AndNoTrackedChange()
    {
        var (version, _) = Sample();
        var bytes = TextExports.CleanDocx(version);
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var text = doc.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.All(version.Provisions, p => Assert.Contains(p.Text, text, StringComparison.Ordinal));
        Assert.Empty(doc.MainDocumentPart.Document.Body!.Descendants<InsertedRun>());
    }

    [Fact]
    public void ComparisonDocx_MarksChangesAsTheLaterVersion()
    {
        var (version, _) = Sample();
        var changed = version.Provisions.Select(p => p.Number == "3" ? p with { Text = p.Text.Replace("strengthen", "improve", StringComparison.Ordinal) } : p).Where(p => p.Number != "4").ToList();
        var rev = Version(changed, "Rev.1", 2);
        var comparison = TextQueries.Compare(version, rev);
        Assert.Equal(1, comparison.Changed);
        Assert.Equal(1, comparison.Deleted);
        // Paragraph 3 changed by Mexico's incorporated proposal; paragraph 4 deleted by the co-facilitators (nobody proposed it).
        var bytes = TextExports.ComparisonDocx(comparison, rev, new Dictionary<string, string> { [version.Provisions.First(p => p.Number == "3").Key] = "Mexico" });
        var (ins, del) = Authors(bytes);
        Assert.Equal(["Mexico"], ins.Distinct());
        Assert.Equal(["Co-facilitators", "Mexico"], del.Distinct().Order());
        Assert.Equal(3, del.Count); // "strengthen", and paragraph 4: its number and its words
        using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.All(doc.MainDocumentPart!.Document!.Body!.Descendants<InsertedRun>(), i => Assert.Equal(new DateTime(2018, 2, 5), i.Date!.Value)); // dated at the revision
    }

    [Fact]
    public void ComparisonDocx_ShowsARenumberedParagraph_WithItsOldNumberDeletedAndItsNewOneInserted()
    {
        var (version, _) = Sample();
        var renumbered = version.Provisions.Where(p => p.Number != "1").Select(p => p.Kind == ProvisionKind.Paragraph && int.TryParse(p.Number, out var n) ? p with { Number = (n - 1).ToString(System.Globalization.CultureInfo.InvariantCulture) } : p).ToList();
        var rev = Version(renumbered, "Rev.1", 2);
        using var doc = WordprocessingDocument.Open(new MemoryStream(TextExports.ComparisonDocx(TextQueries.Compare(version, rev), rev)), false);
        var paragraph = doc.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().First(p => p.InnerText.Contains("We commit to strengthen", StringComparison.Ordinal));
        Assert.Equal("3.", paragraph.Descendants<DeletedRun>().First().InnerText);
        Assert.Equal(" 2.", paragraph.Descendants<InsertedRun>().First().InnerText);
    }

    [Fact]
    public void CompilationDocx_FollowsUnUsage_TitleBlock_Numbering_Comments_AltAndBisParagraphs_PageNumbers()
    {
        var (version, compilation) = Sample();
        var v = version with { Statuses = new Dictionary<string, TextQueries.StatusView> { [version.Provisions.First(p => p.Number == "2").Key] = new("agreed-ad-ref", null, "Co-facilitators", new DateTime(2018, 2, 22, 0, 0, 0, DateTimeKind.Utc)) } };
        var at = new DateTime(2018, 2, 23, 10, 0, 0, DateTimeKind.Utc);
        using var doc = WordprocessingDocument.Open(new MemoryStream(TextExports.CompilationDocx(compilation with { Version = v }, at)), false);
        var main = doc.MainDocumentPart!;
        var paragraphs = main.Document!.Body!.Descendants<Paragraph>().ToList();
        // Title block: symbol, date, round, status as of.
        var head = string.Join("\n", paragraphs.Take(8).Select(p => p.InnerText));
        Assert.Contains("Symbol: A/CONF.231/ZD", head, StringComparison.Ordinal);
        Assert.Contains("Round: Zero draft", head, StringComparison.Ordinal);
        Assert.Contains("Status as of: 23 February 2018, 10:00 UTC", head, StringComparison.Ordinal);
        // Word numbering: paragraphs 1–4 are list items, not typed numbers; "3 bis" (in the text) is typed.
        Assert.True(paragraphs.Count(p => p.ParagraphProperties?.NumberingProperties is not null) >= 4);
        Assert.NotNull(main.NumberingDefinitionsPart?.Numbering);
        Assert.DoesNotContain(paragraphs, p => p.InnerText.StartsWith("3.\t", StringComparison.Ordinal));
        // The overlap of the US and Mexico on paragraph 1: words stay, one "1 Alt n" paragraph per proposal, each authored by its sponsor.
        Assert.Contains(paragraphs, p => p.InnerText.StartsWith("1 Alt 1", StringComparison.Ordinal) && p.Descendants<DeletedRun>().All(d => d.Author == "United States of America"));
        Assert.Contains(paragraphs, p => p.InnerText.StartsWith("1 Alt 2", StringComparison.Ordinal) && p.Descendants<DeletedRun>().All(d => d.Author == "Mexico"));
        // Switzerland's new paragraph after 3 is "3 ter" (the text already has a "3 bis"), inserted label, words and paragraph mark.
        var added = paragraphs.Single(p => p.InnerText.Contains("We commit to share data responsibly.", StringComparison.Ordinal));
        Assert.StartsWith("3 ter.", added.InnerText, StringComparison.Ordinal);
        Assert.NotNull(added.ParagraphProperties?.ParagraphMarkRunProperties?.GetFirstChild<Inserted>());
        // Notes and attributions are comments, never tracked text.
        var comments = main.WordprocessingCommentsPart!.Comments!.Descendants<Comment>().ToList();
        Assert.Contains(comments, c => c.InnerText == "Brazil: retain" && c.Author == "Brazil");
        Assert.Contains(comments, c => c.InnerText == "agreed ad ref" && c.Author == "Co-facilitators");
        Assert.DoesNotContain(main.Document.Body.Descendants<InsertedRun>(), i => i.InnerText.Contains("retain", StringComparison.Ordinal) || i.InnerText.Contains("Alt", StringComparison.Ordinal));
        // Page numbers with the symbol in the footer.
        var footer = main.FooterParts.Single().Footer!;
        Assert.Contains("A/CONF.231/ZD", footer.InnerText, StringComparison.Ordinal);
        Assert.Contains(footer.Descendants<SimpleField>(), f => f.Instruction!.Value!.Trim() == "PAGE");
    }

    [Fact]
    public void CompilationDocx_NamesCoSponsorsInAComment_AndAuthorsTheChangeByTheFirstSponsor()
    {
        var provisions = TextImport.FromText(TextImportTests.ZeroDraft).Provisions;
        var p3 = provisions.First(p => p.Number == "3");
        var proposals = new List<ProposalView> { new(1, ProposalKind.Replace, p3.Key, null, 2, 3, "undertake", null, ["European Union", "Mexico", "Chile"], "submitted", false) };
        var compilation = new TextQueries.CompilationView(Version(provisions), Compilation.Build(provisions, proposals), 1, ["Chile", "European Union", "Mexico"]);
        using var doc = WordprocessingDocument.Open(new MemoryStream(TextExports.CompilationDocx(compilation, new DateTime(2018, 2, 20, 0, 0, 0, DateTimeKind.Utc))), false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        Assert.All(body.Descendants<InsertedRun>().Concat<OpenXmlElementAlias>(body.Descendants<DeletedRun>()), r => Assert.Equal("European Union", r.GetAttributes().First(a => a.LocalName == "author").Value));
        Assert.Contains(doc.MainDocumentPart.WordprocessingCommentsPart!.Comments!.Descendants<Comment>(), c => c.InnerText == "European Union, with Mexico, Chile");
    }

    [AknFact]
    public void VersionAndCompilation_ValidateAgainstTheAkomaNtosoSchema()
    {
        var (version, compilation) = Sample();
        var versionXml = TextExports.VersionAkn(version);
        Assert.Empty(AknSchema.Validate(versionXml));
        Assert.Contains(versionXml.Descendants(TextExports.Akn + "paragraph"), p => (string?)p.Attribute("wId") == version.Provisions[1].Key);
        var compilationXml = TextExports.CompilationAkn(compilation);
        Assert.Empty(AknSchema.Validate(compilationXml));
        Assert.Contains(compilationXml.Descendants(TextExports.Akn + "ins"), i => (string?)i.Attribute("title") == "G77");

        // The validator does reject what the schema forbids.
        var broken = new System.Xml.Linq.XDocument(versionXml);
        broken.Descendants(TextExports.Akn + "paragraph").First().Add(new System.Xml.Linq.XElement(TextExports.Akn + "bogus"));
        Assert.NotEmpty(AknSchema.Validate(broken));
    }

    /// <summary>The 300-provision demonstration text with its 10,000 proposals by the 193 Member States and four groups.</summary>
    private static (TextQueries.CompilationView Compilation, IReadOnlyList<int> Ids) Demo()
    {
        var generated = DemoNegotiation.Text(300);
        var states = Enumerable.Range(0, 193).Select(i => $"S{i:D3}").ToList();
        var proposals = DemoNegotiation.Proposals(1, 1, generated.Provisions, states, ["AFRICAN-GROUP", "GRULAC", "EU", "G77"], 10_000,
            new DateTime(2018, 2, 20, 0, 0, 0, DateTimeKind.Utc));
        for (var i = 0; i < proposals.Count; i++)
        {
            proposals[i].Id = i + 1;
        }
        var views = proposals.Select(p => Proposals.ToView(p, (code, _) => code)).ToList();
        var version = Version(generated.Provisions);
        return (new TextQueries.CompilationView(version, Compilation.Build(generated.Provisions, views), views.Count, states), views.Select(v => v.Id).ToList());
    }

    [Fact]
    public void OnTheDemoText_EveryOneOfTenThousandProposals_IsInTheDocxOnceByItsBookmark_AndTheFileIsValid()
    {
        var (compilation, ids) = Demo();
        Assert.Equal(10_000, ids.Count);
        Assert.Equal(ids.Order(), compilation.Provisions.SelectMany(c => c.ProposalIds).Order()); // the model places each once
        var bytes = TextExports.CompilationDocx(compilation, new DateTime(2018, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        using (var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false))
        {
            var marks = doc.MainDocumentPart!.Document!.Body!.Descendants<BookmarkStart>().Select(m => m.Name!.Value!).Where(n => n.StartsWith("prop_", StringComparison.Ordinal)).ToList();
            Assert.Equal(ids.Select(id => $"prop_{id}").Order(StringComparer.Ordinal), marks.Order(StringComparer.Ordinal));
        }
        var errors = ValidationErrors(bytes);
        Assert.True(errors.Count == 0, $"{errors.Count} validator errors:\n" + string.Join("\n", errors.Take(10)));
    }

    [AknFact]
    public void OnTheDemoText_EveryOneOfTenThousandProposals_IsInTheAkomaNtosoOnceByItsIdentity_AndTheFileIsValid()
    {
        var (compilation, ids) = Demo();
        var xml = TextExports.CompilationAkn(compilation);
        var body = xml.Descendants(TextExports.Akn + "mainBody").Single();
        var referred = body.Descendants().Select(e => (string?)e.Attribute("refersTo")).Where(r => r is not null)
            .SelectMany(r => r!.Split(' ')).Where(r => r.StartsWith("#prop_", StringComparison.Ordinal)).ToList();
        Assert.Equal(ids.Select(id => $"#prop_{id}").Order(StringComparer.Ordinal), referred.Order(StringComparer.Ordinal));
        var concepts = xml.Descendants(TextExports.Akn + "TLCConcept").Select(c => (string)c.Attribute("eId")!).ToHashSet();
        Assert.Equal(10_000, concepts.Count);
        Assert.Empty(AknSchema.Validate(xml));
    }

    [AknFact]
    public void TheTextAndItsCompilation_AreDistinctWorks_NamedByTheTextsCode_StableAcrossVersions()
    {
        var (version, compilation) = Sample();
        static string Work(System.Xml.Linq.XDocument d) =>
            (string)d.Descendants(TextExports.Akn + "FRBRWork").Single().Element(TextExports.Akn + "FRBRuri")!.Attribute("value")!;
        var coded = version with { TextCode = "outcome" };
        var rev1 = coded with { Id = 99, Label = "Rev.1", Date = new DateOnly(2018, 3, 5) };
        Assert.Equal("/akn/un/statement/outcome/gcm/outcome", Work(TextExports.VersionAkn(coded)));
        Assert.Equal(Work(TextExports.VersionAkn(coded)), Work(TextExports.VersionAkn(rev1))); // one work, two expressions
        var compilationXml = TextExports.CompilationAkn(compilation with { Version = coded });
        Assert.Equal("/akn/un/statement/compilation/gcm/outcome", Work(compilationXml));
        Assert.NotEqual(
            (string)TextExports.VersionAkn(coded).Descendants(TextExports.Akn + "FRBRExpression").Single().Element(TextExports.Akn + "FRBRthis")!.Attribute("value")!,
            (string)compilationXml.Descendants(TextExports.Akn + "FRBRExpression").Single().Element(TextExports.Akn + "FRBRthis")!.Attribute("value")!);
        Assert.Empty(AknSchema.Validate(compilationXml));
        Assert.Empty(AknSchema.Validate(TextExports.VersionAkn(rev1)));
    }

    [AknFact]
    public void AkomaNtoso_FollowsAkn4Un_MandateIri_SymbolAlias_CoFacilitatorsAuthor_HierarchicalEids_Statuses()
    {
        var (version, compilation) = Sample();
        var p2 = version.Provisions.First(p => p.Number == "2");
        var v = version with { TextCode = "outcome", Mandate = "A/RES/71/280",
            Statuses = new Dictionary<string, TextQueries.StatusView> { [p2.Key] = new("agreed-ad-ref", null, "Co-facilitators", new DateTime(2018, 2, 22, 0, 0, 0, DateTimeKind.Utc)) } };
        var xml = TextExports.CompilationAkn(compilation with { Version = v });
        var a = TextExports.Akn;
        Assert.Equal("/akn/un/statement/compilation/a-res-71-280/outcome", (string)xml.Descendants(a + "FRBRWork").Single().Element(a + "FRBRuri")!.Attribute("value")!);
        Assert.Equal("A/CONF.231/ZD", (string)xml.Descendants(a + "FRBRExpression").Single().Element(a + "FRBRalias")!.Attribute("value")!);
        Assert.Equal("A/CONF.231/ZD", (string)xml.Descendants(a + "docNumber").Single());
        Assert.All(xml.Descendants(a + "FRBRauthor"), x => Assert.Equal("#cofacilitators", (string)x.Attribute("href")!));
        Assert.Equal("Co-facilitators (A/RES/71/280)", (string)xml.Descendants(a + "TLCOrganization").Single(o => (string)o.Attribute("eId")! == "cofacilitators").Attribute("showAs")!);
        var eids = xml.Descendants().Select(e => (string?)e.Attribute("eId")).Where(e => e is not null).ToList();
        Assert.Equal(eids.Count, eids.Distinct().Count());
        Assert.Contains("sec_II__subsec_1__para_3__subpara_a", eids);
        Assert.Contains("sec_II__subsec_1__para_3bis", eids);
        var paragraph2 = xml.Descendants(a + "paragraph").Single(p => (string?)p.Attribute("wId") == p2.Key);
        Assert.Equal("#status_agreed-ad-ref", (string)paragraph2.Attribute("refersTo")!);
        Assert.Contains(xml.Descendants(a + "TLCConcept"), c => (string)c.Attribute("eId")! == "status_agreed-ad-ref");
        Assert.Contains(xml.Descendants(a + "TLCConcept"), c => ((string)c.Attribute("showAs")!).EndsWith("– submitted", StringComparison.Ordinal));
        Assert.Empty(AknSchema.Validate(xml));
    }

    [Fact]
    public void Compare_FindsAddedDeletedMovedRenumberedAndChangedProvisions()
    {
        var (version, _) = Sample();
        var list = version.Provisions.ToList();
        var moved = list.First(p => p.Number == "4");
        list.Remove(moved);
        list.Insert(1, moved);                                               // paragraph 4 moved to the top
        list.RemoveAll(p => p.Number == "2");                                 // paragraph 2 deleted
        list.Add(new ProvisionData("new1", "5", ProvisionKind.Paragraph, null, null, "A new closing paragraph."));
        list = TextCommands.Renumber(list);
        var comparison = TextQueries.Compare(version, Version(list, "Rev.1", 2));
        Assert.Equal(1, comparison.Added);
        Assert.Equal(1, comparison.Deleted);
        Assert.Equal(1, comparison.Moved);
        Assert.True(comparison.Renumbered >= 1);
        Assert.Contains(comparison.Changes, c => c.Key == moved.Key && c.Moved && c.Renumbered);
    }
}
