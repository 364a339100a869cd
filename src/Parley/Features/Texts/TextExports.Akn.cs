using System.Globalization;
using System.Xml.Linq;

namespace Parley.Features.Texts;

/// <summary>Akoma Ntoso exports (AKN4UN); the Word exports are in TextExports.Docx.cs.</summary>
public static partial class TextExports
{
    // ---------- Akoma Ntoso 3.0 ----------

    public static readonly XNamespace Akn = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0";

    /// <summary>A version as an Akoma Ntoso statement (AKN4UN style): sections, sub-sections for headings, paragraphs with sub-paragraphs; wId is the provision's identity.</summary>
    public static XDocument VersionAkn(TextQueries.VersionView v) => Document(v, "outcome", v.Label, p => [p.Text]);

    /// <summary>The compilation in Akoma Ntoso: proposals as ins/del with the sponsoring delegation in title.</summary>
    public static XDocument CompilationAkn(TextQueries.CompilationView c)
    {
        // A filtered compilation holds only the provisions that match; the others keep their text, with no proposals.
        var byKey = c.Provisions.ToDictionary(p => p.Provision.Key);
        // Each proposal is a TLCConcept (prop_<id>) and each sponsoring delegation a TLCOrganization; the inline element that
        // shows a proposal refers to both, so every proposal can be found, once, by its identity.
        var proposals = c.Provisions.SelectMany(Identities).GroupBy(p => p.Id).Select(g => g.First()).OrderBy(p => p.Id).ToList();
        var references = proposals.Select(p => new XElement(Akn + "TLCConcept", new XAttribute("eId", $"prop_{p.Id}"),
                new XAttribute("href", $"/ontology/proposals/{c.Version.Process}/{p.Id}"),
                new XAttribute("showAs", $"Proposal {p.Id} ({string.Join(", ", p.Sponsors)}) – {p.Status}")))
            .Concat(proposals.SelectMany(p => p.Sponsors).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(name => new XElement(Akn + "TLCOrganization", new XAttribute("eId", OrgId(name)),
                    new XAttribute("href", $"/ontology/organization/{OrgId(name)[4..]}"), new XAttribute("showAs", name))));
        return Document(c.Version, "compilation", c.Version.Label + " compilation",
            p => byKey.TryGetValue(p.Key, out var cp) ? CompiledParagraph(cp, c.Version).Nodes().ToList() : [p.Text], references);
    }

    /// <summary>"move after 12 (b)": where a proposal moves the provision to (or just "move" if its target is not in this version).</summary>
    public static string MoveWords(TextQueries.VersionView version, ProposalView move) =>
        move.AfterKey is { } to && version.Provisions.FirstOrDefault(x => x.Key == to) is { } target ? $"move after {target.Label.TrimEnd('.')}" : "move";

    /// <summary>Every proposal a provision shows, with its sponsors (identical word-level proposals share theirs).</summary>
    private static IEnumerable<(int Id, IReadOnlyList<string> Sponsors, string Status)> Identities(CompiledProvision cp) =>
        cp.Segments.SelectMany(s => s.Alternatives).SelectMany(a => a.ProposalIds.Select(id => (id, a.Sponsors, a.Proposal.Status)))
            .Concat(cp.Retain.Concat(cp.DeleteProvision).Concat(cp.Move).Concat(cp.WholeAlternatives).Concat(cp.AddedAfter).Select(p => (p.Id, p.Sponsors, p.Status)));

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
            var who = string.Join("; ", cp.DeleteProvision.Select(d => d.Attribution));
            p.Add(new XElement(Akn + "del", new XAttribute("title", $"{who}: delete the paragraph"), Refers(cp.DeleteProvision), cp.Provision.Text));
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
                        // The words stay; each alternative is a remark over exactly the words it proposes (never literal "[delete]").
                        p.Add(s.OldWords);
                        var n = 0;
                        foreach (var a in s.Alternatives)
                        {
                            var (before, own, after) = s.Split(a);
                            var sponsors = string.Join(", ", a.Sponsors);
                            var remark = new XElement(Akn + "remark", new XAttribute("title", $"Alt {++n}: {sponsors}"), Refers(a.ProposalIds, a.Sponsors), $"[Alt {n}: ");
                            if (before.Length > 0)
                            {
                                remark.Add(before + " ");
                            }
                            if (own.Length > 0)
                            {
                                remark.Add(new XElement(Akn + "del", own));
                            }
                            if (a.NewWords is not null)
                            {
                                remark.Add(own.Length > 0 ? " " : "", new XElement(Akn + "ins", a.NewWords));
                            }
                            remark.Add((after.Length > 0 ? " " + after : "") + $" ({sponsors})]");
                            p.Add(" ", remark);
                        }
                        break;
                }
            }
        }
        if (cp.DeleteProvision.Count > 0 && cp.HasWordLevel)
        {
            // The word-level proposals above stay; the proposal to delete the whole provision is noted, never hiding them.
            var who = string.Join("; ", cp.DeleteProvision.Select(d => d.Attribution));
            p.Add(" ", new XElement(Akn + "remark", new XAttribute("title", who), Refers(cp.DeleteProvision), $"({who}: delete the paragraph)"));
        }
        foreach (var r in cp.Retain)
        {
            p.Add(" ", new XElement(Akn + "remark", new XAttribute("title", r.Attribution), Refers([r]), $"({r.Attribution}: retain)"));
        }
        foreach (var m in cp.Move)
        {
            p.Add(" ", new XElement(Akn + "remark", new XAttribute("title", m.Attribution), Refers([m]), $"({m.Attribution}: {MoveWords(version, m)})"));
        }
        var alt = 0;
        foreach (var a in cp.WholeAlternatives)
        {
            p.Add(" ", new XElement(Akn + "ins", new XAttribute("title", $"{cp.Provision.Label.TrimEnd('.')} Alt {++alt}: {a.Attribution}"), Refers([a]), a.NewText));
        }
        for (var i = 0; i < cp.AddedAfter.Count; i++)
        {
            var a = cp.AddedAfter[i];
            p.Add(" ", new XElement(Akn + "ins", new XAttribute("title", $"{cp.NewNumber(i)} (new): {a.Attribution}"), Refers([a]), a.NewText));
        }
        return p;
    }

    /// <summary>"A/RES/71/280" → "a-res-71-280"; letters, digits and dots kept, any other run becomes one hyphen.</summary>
    private static string Slug(string text) =>
        string.Join('-', System.Text.RegularExpressions.Regex.Split(text.ToLowerInvariant(), "[^a-z0-9.]+").Where(x => x.Length > 0));

    /// <summary>The part of an eId a provision's number gives: "12 bis" → "12bis", "(a)" → "a"; empty when it has none.</summary>
    private static string NumberPart(string number) => string.Concat(number.Where(char.IsAsciiLetterOrDigit));

    /// <summary>
    /// One Akoma Ntoso document (AKN4UN). <paramref name="kind"/> is "outcome" (the text of a version) or "compilation" (the
    /// version with its proposals): each its own work, so the two never share FRBR identifiers. The work is named by the mandate
    /// of the process (its resolution's symbol) and the text's code, which every version keeps; each version is an expression
    /// dated on its date, with its document symbol as an alias. The author is the co-facilitators' office that issues the text.
    /// eIds are built from the hierarchy and the printed numbers (sec_II__para_12__subpara_a); provisions refer to their status.
    /// </summary>
    private static XDocument Document(TextQueries.VersionView v, string kind, string expression, Func<ProvisionData, IReadOnlyList<object>> content,
        IEnumerable<XElement>? references = null)
    {
        var date = v.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var code = v.TextCode is { Length: > 0 } c && Slug(c) is { Length: > 0 } clean ? clean : $"text-{v.TextId}";
        var mandate = v.Mandate is { Length: > 0 } m && Slug(m) is { Length: > 0 } ms ? ms : Slug(v.Process);
        var work = $"/akn/un/statement/{kind}/{mandate}/{code}";
        var expr = $"{work}/eng@{date}";
        XElement Frbr(string level, string uri, bool language) => new(Akn + level,
            new XElement(Akn + "FRBRthis", new XAttribute("value", uri + "/!main")),
            new XElement(Akn + "FRBRuri", new XAttribute("value", uri)),
            level == "FRBRExpression" && v.Symbol is { Length: > 0 } symbol ? new XElement(Akn + "FRBRalias", new XAttribute("value", symbol), new XAttribute("name", "symbol")) : null,
            new XElement(Akn + "FRBRdate", new XAttribute("date", date), new XAttribute("name", expression)),
            new XElement(Akn + "FRBRauthor", new XAttribute("href", "#cofacilitators")),
            level == "FRBRWork" ? new XElement(Akn + "FRBRcountry", new XAttribute("value", "un")) : null,
            level == "FRBRWork" && v.Mandate is { Length: > 0 } ? new XElement(Akn + "FRBRname", new XAttribute("value", $"{v.TextTitle} ({v.Mandate})")) : null,
            language ? new XElement(Akn + "FRBRlanguage", new XAttribute("language", "eng")) : null);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        string EId(XElement? parent, string prefix, string number)
        {
            var scope = parent?.Attribute("eId")?.Value;
            var part = NumberPart(number);
            if (part.Length == 0)
            {
                var key = $"{scope}/{prefix}";
                ordinals[key] = ordinals.GetValueOrDefault(key) + 1;
                part = ordinals[key].ToString(CultureInfo.InvariantCulture);
            }
            var id = (scope is null ? "" : scope + "__") + prefix + "_" + part;
            for (var n = 2; !used.Add(id); n++)
            {
                id = (scope is null ? "" : scope + "__") + prefix + "_" + part + "-" + n.ToString(CultureInfo.InvariantCulture);
            }
            return id;
        }
        XAttribute? Status(ProvisionData p) => v.Statuses.TryGetValue(p.Key, out var st) ? new XAttribute("refersTo", "#status_" + st.Status) : null;
        var body = new XElement(Akn + "mainBody");
        XElement? section = null, subsection = null, paragraph = null;
        foreach (var p in v.Provisions)
        {
            switch (p.Kind)
            {
                case ProvisionKind.Section:
                    section = new XElement(Akn + "section", new XAttribute("eId", EId(null, "sec", p.Number)), new XAttribute("wId", p.Key), Status(p),
                        p.Number.Length > 0 ? new XElement(Akn + "num", p.Number) : null, new XElement(Akn + "heading", content(p)));
                    body.Add(section);
                    subsection = null;
                    paragraph = null;
                    break;
                case ProvisionKind.Heading:
                    var headingParent = section;
                    subsection = new XElement(Akn + "subsection", new XAttribute("eId", EId(headingParent, "subsec", p.Number)), new XAttribute("wId", p.Key), Status(p),
                        p.Number.Length > 0 ? new XElement(Akn + "num", p.Number) : null, new XElement(Akn + "heading", content(p)));
                    (section ?? body).Add(subsection);
                    paragraph = null;
                    break;
                case ProvisionKind.Paragraph:
                    var container = subsection ?? section;
                    paragraph = new XElement(Akn + "paragraph", new XAttribute("eId", EId(container, "para", p.Number)), new XAttribute("wId", p.Key), Status(p),
                        p.Number.Length > 0 ? new XElement(Akn + "num", p.Label) : null, new XElement(Akn + "content", new XElement(Akn + "p", content(p))));
                    (container ?? body).Add(paragraph);
                    break;
                case ProvisionKind.Subparagraph:
                    var owner = paragraph ?? subsection ?? section;
                    var sub = new XElement(Akn + "subparagraph", new XAttribute("eId", EId(owner, "subpara", p.Number)), new XAttribute("wId", p.Key), Status(p),
                        new XElement(Akn + "num", p.Number), new XElement(Akn + "content", new XElement(Akn + "p", content(p))));
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
        var statuses = v.Statuses.Values.Select(x => x.Status).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(x => new XElement(Akn + "TLCConcept", new XAttribute("eId", "status_" + x), new XAttribute("href", "/ontology/concept/provision-status/" + x),
                new XAttribute("showAs", x.Replace('-', ' '))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Akn + "akomaNtoso",
                new XElement(Akn + "statement", new XAttribute("name", kind),
                    new XElement(Akn + "meta",
                        new XElement(Akn + "identification", new XAttribute("source", "#parley"),
                            Frbr("FRBRWork", work, false), Frbr("FRBRExpression", expr, true), Frbr("FRBRManifestation", expr + "/main.xml", false)),
                        new XElement(Akn + "references", new XAttribute("source", "#parley"),
                            new XElement(Akn + "TLCOrganization", new XAttribute("eId", "parley"), new XAttribute("href", "/ontology/organization/parley"), new XAttribute("showAs", "Parley")),
                            new XElement(Akn + "TLCOrganization", new XAttribute("eId", "cofacilitators"), new XAttribute("href", $"/ontology/organization/un/{mandate}/cofacilitators"),
                                new XAttribute("showAs", v.Mandate is { Length: > 0 } mandated ? $"{CoFacilitators} ({mandated})" : CoFacilitators)),
                            statuses, references)),
                    new XElement(Akn + "preface", new XElement(Akn + "p", new XElement(Akn + "docTitle", v.TextTitle), " — ", new XElement(Akn + "docStage", expression),
                        v.Symbol is { Length: > 0 } sym ? new XElement(Akn + "docNumber", sym) : null, " ",
                        new XElement(Akn + "docDate", new XAttribute("date", date), date))),
                    body)));
    }
}
