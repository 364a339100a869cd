using System.Globalization;
using System.Xml.Linq;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Parley.Features.Texts;

/// <summary>
/// Word and Akoma Ntoso exports. In the compilation and comparison DOCX every change is a real Word tracked change (w:ins / w:del)
/// whose author is the sponsoring delegation (or, in a comparison, the later version).
/// </summary>
public static class TextExports
{
    // ---------- DOCX ----------

    private sealed class DocxBuilder
    {
        private int _id;
        private readonly DateTime _date;

        public DocxBuilder(DateTime date) => _date = date;

        public Body Body { get; } = new();

        public void Title(string text) => Body.Append(Para("Title", new Run(new Text(text))));

        public static Paragraph Para(string? style, params OpenXmlElement[] runs)
        {
            var p = new Paragraph();
            if (style is not null)
            {
                p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
            }
            p.Append(runs);
            return p;
        }

        public static Run Plain(string text, bool bold = false)
        {
            var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
            if (bold)
            {
                run.PrependChild(new RunProperties(new Bold()));
            }
            return run;
        }

        private int _bookmark;

        /// <summary>The content between bookmarks named prop_&lt;id&gt;, one per proposal it shows: each proposal can be found in the file by its identity.</summary>
        public List<OpenXmlElement> Marked(IEnumerable<int> ids, params OpenXmlElement[] content)
        {
            var marks = ids.Select(id => ((++_bookmark).ToString(CultureInfo.InvariantCulture), $"prop_{id}")).ToList();
            var result = new List<OpenXmlElement>(marks.Count * 2 + content.Length);
            result.AddRange(marks.Select(m => new BookmarkStart { Id = m.Item1, Name = m.Item2 }));
            result.AddRange(content);
            result.AddRange(marks.Select(m => new BookmarkEnd { Id = m.Item1 }));
            return result;
        }

        /// <summary>A tracked insertion, dated when the proposal was submitted (else when the document is made).</summary>
        public InsertedRun Inserted(string text, string author, DateTime? at = null) =>
            new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = at ?? _date, Id = (++_id).ToString(CultureInfo.InvariantCulture) };

        public DeletedRun Deleted(string text, string author, DateTime? at = null) =>
            new(new Run(new DeletedText(text) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = at ?? _date, Id = (++_id).ToString(CultureInfo.InvariantCulture) };

        public static string StyleOf(ProvisionKind kind) => kind switch
        {
            ProvisionKind.Section => "Heading1",
            ProvisionKind.Heading => "Heading2",
            ProvisionKind.Subparagraph => "ListParagraph",
            _ => "Normal",
        };

        public static string Prefix(ProvisionData p) => p.Kind switch
        {
            ProvisionKind.Section or ProvisionKind.Heading => p.Number.Length > 0 ? p.Number + " " : "",
            _ => p.Label.Length > 0 ? p.Label + "\t" : "",
        };

        public byte[] Save()
        {
            using var stream = new MemoryStream();
            using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
            {
                var main = doc.AddMainDocumentPart();
                var styles = main.AddNewPart<StyleDefinitionsPart>();
                styles.Styles = new Styles(
                    Style("Normal", "Normal", null, 22, false),
                    Style("Title", "Title", "Normal", 32, true),
                    Style("Heading1", "heading 1", "Normal", 26, true),
                    Style("Heading2", "heading 2", "Normal", 24, true),
                    Style("ListParagraph", "List Paragraph", "Normal", 22, false, indent: 720));
                main.Document = new Document(Body);
                main.Document.Save();
            }
            return stream.ToArray();
        }

        private static Style Style(string id, string name, string? basedOn, int halfPoints, bool bold, int indent = 0)
        {
            var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
            style.Append(new StyleName { Val = name });
            if (basedOn is not null)
            {
                style.Append(new BasedOn { Val = basedOn });
            }
            if (indent > 0)
            {
                style.Append(new StyleParagraphProperties(new Indentation { Left = indent.ToString(CultureInfo.InvariantCulture) }));
            }
            // Schema order inside rPr: w:b comes before w:sz (the Open XML validator refuses the reverse).
            var run = new StyleRunProperties();
            if (bold)
            {
                run.Append(new Bold());
            }
            run.Append(new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
            style.Append(run);
            return style;
        }
    }

    public static byte[] CleanDocx(TextQueries.VersionView v)
    {
        var b = new DocxBuilder(v.Date.ToDateTime(TimeOnly.MinValue));
        b.Title($"{v.TextTitle} — {v.Label}{(v.Symbol is null ? "" : " (" + v.Symbol + ")")}");
        foreach (var p in v.Provisions)
        {
            b.Body.Append(DocxBuilder.Para(DocxBuilder.StyleOf(p.Kind), DocxBuilder.Plain(DocxBuilder.Prefix(p)), DocxBuilder.Plain(p.Text)));
        }
        return b.Save();
    }

    /// <summary>The compilation as tracked changes: deletions and insertions by their sponsors, overlapping alternatives as attributed insertions.</summary>
    public static byte[] CompilationDocx(TextQueries.CompilationView c, DateTime at)
    {
        var b = new DocxBuilder(at);
        b.Title($"{c.Version.TextTitle} — compilation of proposals on {c.Version.Label}");
        foreach (var cp in c.Provisions)
        {
            var p = cp.Provision;
            var runs = new List<OpenXmlElement> { DocxBuilder.Plain(DocxBuilder.Prefix(p)) };
            if (cp.DeleteProvision.Count > 0 && !cp.HasWordLevel)
            {
                runs.AddRange(b.Marked(cp.DeleteProvision.Select(d => d.Id), [b.Deleted(p.Text, cp.DeleteProvision[0].Attribution, cp.DeleteProvision[0].SubmittedAt),
                    .. cp.DeleteProvision.Skip(1).Select(other => b.Inserted($" [delete – {other.Attribution}]", other.Attribution, other.SubmittedAt))]));
            }
            else
            {
                foreach (var s in cp.Segments)
                {
                    AddSegment(b, runs, s);
                }
            }
            foreach (var r in cp.Retain)
            {
                runs.AddRange(b.Marked([r.Id], b.Inserted($" [retain – {r.Attribution}]", r.Attribution, r.SubmittedAt)));
            }
            foreach (var m in cp.Move)
            {
                runs.AddRange(b.Marked([m.Id], b.Inserted($" [{MoveWords(c.Version, m)} – {m.Attribution}]", m.Attribution, m.SubmittedAt)));
            }
            b.Body.Append(DocxBuilder.Para(DocxBuilder.StyleOf(p.Kind), [.. runs]));
            if (cp.DeleteProvision.Count > 0 && cp.HasWordLevel)
            {
                // Word-level proposals stay inline; the proposal to delete the whole provision follows as a note, never hiding them.
                b.Body.Append(DocxBuilder.Para("Normal", [.. b.Marked(cp.DeleteProvision.Select(d => d.Id), DocxBuilder.Plain(
                    $"{p.Label}: delete the provision – {string.Join("; ", cp.DeleteProvision.Select(d => d.Attribution))}"))]));
            }
            var alt = 0;
            foreach (var a in cp.WholeAlternatives)
            {
                b.Body.Append(DocxBuilder.Para("Normal", [.. b.Marked([a.Id], b.Inserted($"{p.Label} Alt {++alt} ({a.Attribution}): {a.NewText}", a.Attribution, a.SubmittedAt))]));
            }
            foreach (var a in cp.AddedAfter)
            {
                b.Body.Append(DocxBuilder.Para(DocxBuilder.StyleOf(a.NewKind ?? ProvisionKind.Paragraph), [.. b.Marked([a.Id], b.Inserted($"[new – {a.Attribution}] {a.NewText}", a.Attribution, a.SubmittedAt))]));
            }
        }
        return b.Save();
    }

    private static void AddSegment(DocxBuilder b, List<OpenXmlElement> runs, Segment s)
    {
        string Space() => runs.Count > 1 ? " " : "";
        switch (s.Kind)
        {
            case SegmentKind.Text:
                runs.Add(DocxBuilder.Plain(Space() + s.OldWords));
                break;
            case SegmentKind.Deletion:
                runs.AddRange(b.Marked(s.Alternatives[0].ProposalIds,
                    b.Deleted(Space() + s.OldWords, string.Join(", ", s.Alternatives[0].Sponsors), s.Alternatives[0].Proposal.SubmittedAt)));
                break;
            case SegmentKind.Insertion:
                runs.AddRange(b.Marked(s.Alternatives[0].ProposalIds,
                    b.Inserted(Space() + s.Alternatives[0].NewWords, string.Join(", ", s.Alternatives[0].Sponsors), s.Alternatives[0].Proposal.SubmittedAt)));
                break;
            case SegmentKind.Replacement:
                var author = string.Join(", ", s.Alternatives[0].Sponsors);
                runs.AddRange(b.Marked(s.Alternatives[0].ProposalIds,
                    b.Deleted(Space() + s.OldWords, author, s.Alternatives[0].Proposal.SubmittedAt),
                    b.Inserted(" " + s.Alternatives[0].NewWords, author, s.Alternatives[0].Proposal.SubmittedAt)));
                break;
            case SegmentKind.Alternatives:
                runs.Add(DocxBuilder.Plain(Space() + s.OldWords));
                var n = 0;
                foreach (var a in s.Alternatives)
                {
                    var who = string.Join(", ", a.Sponsors);
                    runs.AddRange(b.Marked(a.ProposalIds, b.Inserted($" [Alt {++n} – {who}: {(a.NewWords is null ? "delete" : a.NewWords)}]", who, a.Proposal.SubmittedAt)));
                }
                break;
        }
    }

    /// <summary>A comparison as tracked changes authored by the later version.</summary>
    public static byte[] ComparisonDocx(TextQueries.Comparison cmp, string title, DateTime at)
    {
        var b = new DocxBuilder(at);
        b.Title($"{title} — {cmp.ToLabel} compared with {cmp.FromLabel}");
        var author = cmp.ToLabel;
        foreach (var c in cmp.Changes)
        {
            var number = c.NewNumber ?? c.OldNumber ?? "";
            var data = new ProvisionData(c.Key, number, c.ProvisionKind, null, null, c.NewText);
            var runs = new List<OpenXmlElement> { DocxBuilder.Plain(DocxBuilder.Prefix(data)) };
            switch (c.Kind)
            {
                case TextQueries.ChangeKind.Added:
                    runs.Add(b.Inserted(c.NewText, author));
                    break;
                case TextQueries.ChangeKind.Deleted:
                    runs.Add(b.Deleted(c.OldText, author));
                    break;
                default:
                    var oldWords = Words.Split(c.OldText);
                    var newWords = Words.Split(c.NewText);
                    var position = 0;
                    foreach (var e in c.Edits)
                    {
                        if (e.OldStart > position)
                        {
                            runs.Add(DocxBuilder.Plain((runs.Count > 1 ? " " : "") + Words.Slice(oldWords, position, e.OldStart)));
                        }
                        if (e.OldEnd > e.OldStart)
                        {
                            runs.Add(b.Deleted((runs.Count > 1 ? " " : "") + Words.Slice(oldWords, e.OldStart, e.OldEnd), author));
                        }
                        if (e.NewEnd > e.NewStart)
                        {
                            runs.Add(b.Inserted((runs.Count > 1 ? " " : "") + Words.Slice(newWords, e.NewStart, e.NewEnd), author));
                        }
                        position = e.OldEnd;
                    }
                    if (position < oldWords.Length)
                    {
                        runs.Add(DocxBuilder.Plain((runs.Count > 1 ? " " : "") + Words.Slice(oldWords, position, oldWords.Length)));
                    }
                    break;
            }
            b.Body.Append(DocxBuilder.Para(DocxBuilder.StyleOf(c.ProvisionKind), [.. runs]));
        }
        return b.Save();
    }

    // ---------- Akoma Ntoso 3.0 ----------

    public static readonly XNamespace Akn = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

    /// <summary>A version as an Akoma Ntoso statement (AKN4UN style): sections, sub-sections for headings, paragraphs with sub-paragraphs; wId is the provision's identity.</summary>
    public static XDocument VersionAkn(TextQueries.VersionView v) => Document(v, "outcome", v.Label, p => [new XElement(Akn + "p", p.Text)]);

    /// <summary>The compilation in Akoma Ntoso: proposals as ins/del with the sponsoring delegation in title.</summary>
    public static XDocument CompilationAkn(TextQueries.CompilationView c)
    {
        // A filtered compilation holds only the provisions that match; the others keep their text, with no proposals.
        var byKey = c.Provisions.ToDictionary(p => p.Provision.Key);
        // Each proposal is a TLCConcept (prop_<id>) and each sponsoring delegation a TLCOrganization; the inline element that
        // shows a proposal refers to both, so every proposal can be found, once, by its identity.
        var proposals = c.Provisions.SelectMany(Identities).GroupBy(p => p.Id).Select(g => g.First()).OrderBy(p => p.Id).ToList();
        var references = proposals.Select(p => new XElement(Akn + "TLCConcept", new XAttribute("eId", $"prop_{p.Id}"),
                new XAttribute("href", $"/ontology/proposals/{c.Version.Process}/{p.Id}"), new XAttribute("showAs", $"Proposal {p.Id} ({string.Join(", ", p.Sponsors)})")))
            .Concat(proposals.SelectMany(p => p.Sponsors).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(name => new XElement(Akn + "TLCOrganization", new XAttribute("eId", OrgId(name)),
                    new XAttribute("href", $"/ontology/organization/{OrgId(name)[4..]}"), new XAttribute("showAs", name))));
        return Document(c.Version, "compilation", c.Version.Label + " compilation",
            p => [byKey.TryGetValue(p.Key, out var cp) ? CompiledParagraph(cp, c.Version) : new XElement(Akn + "p", p.Text)], references);
    }

    /// <summary>"move after 12 (b)": where a proposal moves the provision to (or just "move" if its target is not in this version).</summary>
    public static string MoveWords(TextQueries.VersionView version, ProposalView move) =>
        move.AfterKey is { } to && version.Provisions.FirstOrDefault(x => x.Key == to) is { } target ? $"move after {target.Label}" : "move";

    /// <summary>Every proposal a provision shows, with its sponsors (identical word-level proposals share theirs).</summary>
    private static IEnumerable<(int Id, IReadOnlyList<string> Sponsors)> Identities(CompiledProvision cp) =>
        cp.Segments.SelectMany(s => s.Alternatives).SelectMany(a => a.ProposalIds.Select(id => (id, a.Sponsors)))
            .Concat(cp.Retain.Concat(cp.DeleteProvision).Concat(cp.Move).Concat(cp.WholeAlternatives).Concat(cp.AddedAfter).Select(p => (p.Id, p.Sponsors)));

    /// <summary>An eId for a delegation or group: "org_" and its name in lower-case letters, digits and hyphens.</summary>
    private static string OrgId(string name) =>
        "org_" + string.Concat(name.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD)
            .Where(ch => char.IsAsciiLetterOrDigit(ch) || ch is ' ' or '-').Select(ch => ch == ' ' ? '-' : ch));

    /// <summary>refersTo for the element showing these proposals: each proposal and each sponsor.</summary>
    private static XAttribute Refers(IEnumerable<int> ids, IEnumerable<string> sponsors) =>
        new("refersTo", string.Join(' ', ids.Select(id => $"#prop_{id}").Concat(sponsors.Distinct(StringComparer.Ordinal).Select(n => "#" + OrgId(n)))));

    private static XAttribute Refers(IReadOnlyList<ProposalView> proposals) => Refers(proposals.Select(p => p.Id), proposals.SelectMany(p => p.Sponsors));

    private static XElement CompiledParagraph(CompiledProvision cp, TextQueries.VersionView version)
    {
        var p = new XElement(Akn + "p");
        if (cp.DeleteProvision.Count > 0 && !cp.HasWordLevel)
        {
            p.Add(new XElement(Akn + "del", new XAttribute("title", string.Join("; ", cp.DeleteProvision.Select(d => d.Attribution))), Refers(cp.DeleteProvision), cp.Provision.Text));
        }
        else
        {
            foreach (var s in cp.Segments)
            {
                if (p.Nodes().Any())
                {
                    p.Add(" ");
                }
                switch (s.Kind)
                {
                    case SegmentKind.Text:
                        p.Add(s.OldWords);
                        break;
                    case SegmentKind.Deletion:
                        p.Add(new XElement(Akn + "del", new XAttribute("title", string.Join(", ", s.Alternatives[0].Sponsors)), Refers(s.Alternatives[0].ProposalIds, s.Alternatives[0].Sponsors), s.OldWords));
                        break;
                    case SegmentKind.Insertion:
                        p.Add(new XElement(Akn + "ins", new XAttribute("title", string.Join(", ", s.Alternatives[0].Sponsors)), Refers(s.Alternatives[0].ProposalIds, s.Alternatives[0].Sponsors), s.Alternatives[0].NewWords));
                        break;
                    case SegmentKind.Replacement:
                        var who = string.Join(", ", s.Alternatives[0].Sponsors);
                        // The proposal's identity is on its insertion; the deletion it replaces refers to the sponsors only.
                        p.Add(new XElement(Akn + "del", new XAttribute("title", who), Refers([], s.Alternatives[0].Sponsors), s.OldWords), " ",
                            new XElement(Akn + "ins", new XAttribute("title", who), Refers(s.Alternatives[0].ProposalIds, s.Alternatives[0].Sponsors), s.Alternatives[0].NewWords));
                        break;
                    case SegmentKind.Alternatives:
                        p.Add(s.OldWords);
                        var n = 0;
                        foreach (var a in s.Alternatives)
                        {
                            p.Add(" ", new XElement(Akn + "ins", new XAttribute("title", $"Alt {++n}: {string.Join(", ", a.Sponsors)}"), Refers(a.ProposalIds, a.Sponsors), a.NewWords ?? "[delete]"));
                        }
                        break;
                }
            }
        }
        if (cp.DeleteProvision.Count > 0 && cp.HasWordLevel)
        {
            // The word-level proposals above stay; the proposal to delete the whole provision is noted, never hiding them.
            var who = string.Join("; ", cp.DeleteProvision.Select(d => d.Attribution));
            p.Add(" ", new XElement(Akn + "remark", new XAttribute("title", who), Refers(cp.DeleteProvision), $"[delete the provision – {who}]"));
        }
        foreach (var r in cp.Retain)
        {
            p.Add(" ", new XElement(Akn + "remark", new XAttribute("title", r.Attribution), Refers([r]), $"[retain – {r.Attribution}]"));
        }
        foreach (var m in cp.Move)
        {
            p.Add(" ", new XElement(Akn + "remark", new XAttribute("title", m.Attribution), Refers([m]), $"[{MoveWords(version, m)} – {m.Attribution}]"));
        }
        foreach (var a in cp.WholeAlternatives)
        {
            p.Add(" ", new XElement(Akn + "ins", new XAttribute("title", $"Alternative: {a.Attribution}"), Refers([a]), a.NewText));
        }
        foreach (var a in cp.AddedAfter)
        {
            p.Add(" ", new XElement(Akn + "ins", new XAttribute("title", $"New provision: {a.Attribution}"), Refers([a]), a.NewText));
        }
        return p;
    }

    /// <summary>
    /// One Akoma Ntoso document. <paramref name="kind"/> is "outcome" (the text of a version) or "compilation" (the version with
    /// its proposals): each its own work, so the two never share FRBR identifiers. The work is named by the process and the
    /// text's code, which every version keeps (not by a database id); each version is an expression dated on its date.
    /// </summary>
    private static XDocument Document(TextQueries.VersionView v, string kind, string expression, Func<ProvisionData, IEnumerable<XElement>> content,
        IEnumerable<XElement>? references = null)
    {
        var date = v.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var name = v.TextCode is { Length: > 0 } code
            ? string.Concat(code.ToLowerInvariant().Where(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.')) is { Length: > 0 } clean ? clean : $"text-{v.TextId}"
            : $"text-{v.TextId}";
        var work = $"/akn/un/statement/{kind}/{v.Process}/{name}";
        var expr = $"{work}/eng@{date}";
        XElement Frbr(string level, string uri, bool language) => new(Akn + level,
            new XElement(Akn + "FRBRthis", new XAttribute("value", uri + "/!main")),
            new XElement(Akn + "FRBRuri", new XAttribute("value", uri)),
            new XElement(Akn + "FRBRdate", new XAttribute("date", date), new XAttribute("name", expression)),
            new XElement(Akn + "FRBRauthor", new XAttribute("href", "#parley")),
            level == "FRBRWork" ? new XElement(Akn + "FRBRcountry", new XAttribute("value", "un")) : null,
            language ? new XElement(Akn + "FRBRlanguage", new XAttribute("language", "eng")) : null);
        var body = new XElement(Akn + "mainBody");
        XElement? section = null, subsection = null, paragraph = null;
        int s = 0, h = 0, n = 0, sp = 0;
        foreach (var p in v.Provisions)
        {
            switch (p.Kind)
            {
                case ProvisionKind.Section:
                    section = new XElement(Akn + "section", new XAttribute("eId", $"sec_{++s}"), new XAttribute("wId", p.Key),
                        p.Number.Length > 0 ? new XElement(Akn + "num", p.Number) : null, new XElement(Akn + "heading", p.Text));
                    body.Add(section);
                    subsection = null;
                    paragraph = null;
                    break;
                case ProvisionKind.Heading:
                    subsection = new XElement(Akn + "subsection", new XAttribute("eId", $"subsec_{++h}"), new XAttribute("wId", p.Key),
                        p.Number.Length > 0 ? new XElement(Akn + "num", p.Number) : null, new XElement(Akn + "heading", p.Text));
                    (section ?? body).Add(subsection);
                    paragraph = null;
                    break;
                case ProvisionKind.Paragraph:
                    paragraph = new XElement(Akn + "paragraph", new XAttribute("eId", $"para_{++n}"), new XAttribute("wId", p.Key),
                        p.Number.Length > 0 ? new XElement(Akn + "num", p.Label) : null, new XElement(Akn + "content", content(p)));
                    (subsection ?? section ?? body).Add(paragraph);
                    break;
                case ProvisionKind.Subparagraph:
                    var sub = new XElement(Akn + "subparagraph", new XAttribute("eId", $"para_{n}__subpara_{++sp}"), new XAttribute("wId", p.Key),
                        new XElement(Akn + "num", p.Number), new XElement(Akn + "content", content(p)));
                    if (paragraph is null)
                    {
                        (subsection ?? section ?? body).Add(sub);
                        break;
                    }
                    // A paragraph with sub-paragraphs keeps its own words as intro.
                    if (paragraph.Element(Akn + "content") is { } own)
                    {
                        own.Remove();
                        paragraph.Add(new XElement(Akn + "intro", own.Elements()));
                    }
                    paragraph.Add(sub);
                    break;
            }
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Akn + "akomaNtoso",
                new XElement(Akn + "statement", new XAttribute("name", kind),
                    new XElement(Akn + "meta",
                        new XElement(Akn + "identification", new XAttribute("source", "#parley"),
                            Frbr("FRBRWork", work, false), Frbr("FRBRExpression", expr, true), Frbr("FRBRManifestation", expr + "/main.xml", false)),
                        new XElement(Akn + "references", new XAttribute("source", "#parley"),
                            new XElement(Akn + "TLCOrganization", new XAttribute("eId", "parley"), new XAttribute("href", "/ontology/organization/parley"), new XAttribute("showAs", "Parley")),
                            references)),
                    new XElement(Akn + "preface", new XElement(Akn + "p", new XElement(Akn + "docTitle", v.TextTitle), " — ", new XElement(Akn + "docStage", expression))),
                    body)));
    }
}
