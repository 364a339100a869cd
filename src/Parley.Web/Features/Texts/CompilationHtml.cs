using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;
using Parley.Features.Texts;

namespace Parley.Web.Features.Texts;

/// <summary>
/// The compilation article as HTML, written directly (a 300-provision text with 10,000 proposals is about a megabyte of markup,
/// too much to build from thousands of components on every request). The page caches the result per version stamp.
/// </summary>
public static class CompilationHtml
{
    public sealed record Options(bool MayPropose, bool IsCoFacilitator);

    /// <summary>
    /// The article is in the text's language and direction (an English text stays left to right on an Arabic page); the words the
    /// interface adds inside it (attributions, marks, links) carry the reader's language and direction.
    /// </summary>
    public static string Render(TextQueries.CompilationView view, Options options, IStringLocalizer L, string textLanguage = Parley.Common.Languages.Source)
    {
        var v = view.Version;
        var sb = new StringBuilder(1 << 20);
        var e = HtmlEncoder.Default;
        string H(string? s) => e.Encode(s ?? "");
        var text = Parley.Common.Languages.Find(textLanguage) ?? Parley.Common.Languages.Find(Parley.Common.Languages.Source)!;
        var ui = Parley.Common.Languages.For(System.Globalization.CultureInfo.CurrentUICulture);
        var uiMark = ui.Culture == text.Culture ? "" : $" lang=\"{ui.Culture}\" dir=\"{(ui.RightToLeft ? "rtl" : "ltr")}\"";
        sb.Append("<article class=\"text compilation\" data-testid=\"compilation\" lang=\"").Append(text.Culture).Append("\" dir=\"")
            .Append(text.RightToLeft ? "rtl" : "ltr").Append("\" data-version=\"").Append(v.Id).Append("\">");
        var labels = v.Provisions.ToDictionary(x => x.Key, x => x.Label, StringComparer.Ordinal);
        foreach (var cp in view.Provisions)
        {
            var p = cp.Provision;
            var state = v.Statuses.TryGetValue(p.Key, out var st) ? st : null;
            var status = state?.Status ?? "bracketed";
            sb.Append("<div class=\"compiled\" id=\"c-").Append(H(p.Key)).Append("\" data-key=\"").Append(H(p.Key)).Append("\" data-status=\"").Append(status).Append("\">");
            // Headings carry their proposals inside the heading (proposals on a title are shown like any other).
            var close = "</p>";
            if (p.Kind is ProvisionKind.Section or ProvisionKind.Heading)
            {
                var tag = p.Kind == ProvisionKind.Section ? "h2" : "h3";
                sb.Append('<').Append(tag).Append(" class=\"provision\" id=\"p-").Append(H(p.Key)).Append("\">").Append(H(p.Number)).Append(' ');
                close = $"</{tag}>";
            }
            else
            {
                sb.Append("<p class=\"provision ").Append(p.Kind.ToString().ToLowerInvariant()).Append("\"><span class=\"num\">").Append(H(p.Label)).Append("</span> ");
            }
            // UN usage (decision 015): square brackets around text not agreed; sponsors in bold parentheses after the words.
            if (cp.DeleteProvision.Count > 0 && !cp.HasWordLevel)
            {
                sb.Append("<span class=\"prop\" data-prop=\"").Append(Ids(cp.DeleteProvision.Select(x => x.Id))).Append("\">[<del>").Append(H(p.Text)).Append("</del>]</span> ");
                Attr(sb, null, Who(cp.DeleteProvision), L["Compilation.DeletePara"], uiMark, H);
            }
            else
            {
                foreach (var s in cp.Segments)
                {
                    Segment(sb, s, L, uiMark, H);
                }
                if (cp.DeleteProvision.Count > 0)
                {
                    // Word-level proposals are shown even when another proposes deleting the whole provision.
                    Attr(sb, cp.DeleteProvision.Select(x => x.Id), Who(cp.DeleteProvision), L["Compilation.DeletePara"], uiMark, H);
                }
            }
            foreach (var r in cp.Retain)
            {
                Attr(sb, [r.Id], r.Attribution, L["Compilation.Retain"], uiMark, H);
            }
            foreach (var m in cp.Move)
            {
                // A move says where to: after which provision.
                Attr(sb, [m.Id], m.Attribution, m.AfterKey is { } to && labels.TryGetValue(to, out var target)
                    ? $"{L["Compilation.MoveAfter"]} {target}"
                    : L["Compilation.Move"], uiMark, H);
            }
            if (status != "bracketed")
            {
                var mark = L["ProvisionStatus." + status].Value;
                if (state?.WaitsOn is { } waits && labels.TryGetValue(waits, out var waitsLabel))
                {
                    mark += " " + waitsLabel.TrimEnd('.');
                }
                sb.Append("<span class=\"status status-").Append(status).Append('"').Append(uiMark).Append(">(").Append(H(mark)).Append(")</span>");
            }
            sb.Append(close);
            var alt = 0;
            foreach (var a in cp.WholeAlternatives)
            {
                sb.Append("<p class=\"alternative\"><span class=\"num\">").Append(H(p.Label)).Append(" Alt ").Append(++alt).Append("</span> <span class=\"prop\" data-prop=\"").Append(a.Id).Append("\">[<ins>").Append(H(a.NewText)).Append("</ins>]</span> ");
                Attr(sb, null, a.Attribution, null, uiMark, H);
                sb.Append("</p>");
            }
            for (var i = 0; i < cp.AddedAfter.Count; i++)
            {
                var a = cp.AddedAfter[i];
                var number = cp.NewNumber(i);
                var kind = a.NewKind ?? ProvisionKind.Paragraph;
                sb.Append("<p class=\"provision added ").Append(kind.ToString().ToLowerInvariant()).Append("\"><span class=\"num\">")
                    .Append(H(kind == ProvisionKind.Paragraph ? number + "." : number)).Append("</span> <span class=\"prop\" data-prop=\"").Append(a.Id).Append("\">[<ins>").Append(H(a.NewText)).Append("</ins>]</span> ");
                Attr(sb, null, a.Attribution, null, uiMark, H);
                sb.Append("</p>");
            }
            sb.Append("<div class=\"actions no-print\">");
            if (options.MayPropose)
            {
                sb.Append("<a href=\"/versions/").Append(v.Id).Append("/propose?key=").Append(H(p.Key)).Append('"').Append(uiMark).Append('>').Append(H(L["Compilation.Propose"])).Append("</a>");
            }
            sb.Append("<a href=\"/versions/").Append(v.Id).Append("/provisions/").Append(H(p.Key)).Append('"').Append(uiMark).Append('>').Append(H(string.Format(L["Compilation.Proposals"], cp.ProposalCount)))
                .Append(options.IsCoFacilitator ? " · " + H(L["Compilation.SetStatus"]) : "").Append("</a></div></div>");
        }
        sb.Append("</article>");
        return sb.ToString();
    }

    private static string Ids(IEnumerable<int> ids) => string.Join(' ', ids);

    private static string Who(IEnumerable<ProposalView> proposals) => string.Join("; ", proposals.Select(x => x.Attribution));

    /// <summary>
    /// "(Mexico, Colombia: delete)" in bold after the words: the delegations (names, in the text's language) and what they propose (the
    /// interface's words, in the reader's language and direction, marked only when that differs from the text's). When it alone stands
    /// for proposals (retain, move, delete), it carries their ids.
    /// </summary>
    private static void Attr(StringBuilder sb, IEnumerable<int>? ids, string who, string? label, string uiMark, Func<string?, string> h)
    {
        sb.Append("<b class=\"attr\"");
        if (ids is not null)
        {
            sb.Append(" data-prop=\"").Append(Ids(ids)).Append('"');
        }
        sb.Append(">(<bdi>").Append(h(who)).Append("</bdi>");
        if (label is not null)
        {
            sb.Append(": ");
            if (uiMark.Length == 0)
            {
                sb.Append(h(label));
            }
            else
            {
                sb.Append("<span").Append(uiMark).Append('>').Append(h(label)).Append("</span>");
            }
        }
        sb.Append(")</b> ");
    }

    private static void Segment(StringBuilder sb, Segment s, IStringLocalizer L, string uiMark, Func<string?, string> h)
    {
        static string Who(Alternative a) => string.Join(", ", a.Sponsors);
        void Open(Alternative a) => sb.Append("<span class=\"prop\" data-prop=\"").Append(Ids(a.ProposalIds)).Append("\">[");
        switch (s.Kind)
        {
            case SegmentKind.Text:
                sb.Append(h(s.OldWords)).Append(' ');
                break;
            case SegmentKind.Deletion:
                Open(s.Alternatives[0]);
                sb.Append("<del>").Append(h(s.OldWords)).Append("</del>]</span> ");
                Attr(sb, null, Who(s.Alternatives[0]), L["Compilation.Delete"], uiMark, h);
                break;
            case SegmentKind.Insertion:
                Open(s.Alternatives[0]);
                sb.Append("<ins>").Append(h(s.Alternatives[0].NewWords)).Append("</ins>]</span> ");
                Attr(sb, null, Who(s.Alternatives[0]), null, uiMark, h);
                break;
            case SegmentKind.Replacement:
                Open(s.Alternatives[0]);
                sb.Append("<del>").Append(h(s.OldWords)).Append("</del> <ins>").Append(h(s.Alternatives[0].NewWords)).Append("</ins>]</span> ");
                Attr(sb, null, Who(s.Alternatives[0]), null, uiMark, h);
                break;
            case SegmentKind.Alternatives:
                // [original / Alt 1: … (EU) / Alt 2: delete (USA)]
                sb.Append("<span class=\"alternatives\" data-testid=\"alternatives\">[<span class=\"original\">").Append(h(s.OldWords)).Append("</span>");
                var i = 0;
                foreach (var a in s.Alternatives)
                {
                    // Each alternative over the words it proposes, with the rest of the bracket as context.
                    var (before, own, after) = s.Split(a);
                    sb.Append(" / <span class=\"alt\" data-prop=\"").Append(Ids(a.ProposalIds)).Append("\">Alt ").Append(++i).Append(": ");
                    if (before.Length > 0)
                    {
                        sb.Append(h(before)).Append(' ');
                    }
                    if (own.Length > 0)
                    {
                        sb.Append("<del>").Append(h(own)).Append("</del>");
                    }
                    if (a.NewWords is not null)
                    {
                        sb.Append(own.Length > 0 ? " " : "").Append("<ins>").Append(h(a.NewWords)).Append("</ins>");
                    }
                    if (after.Length > 0)
                    {
                        sb.Append(' ').Append(h(after));
                    }
                    sb.Append(" <b class=\"attr\">(").Append(h(Who(a))).Append(")</b></span>");
                }
                sb.Append("]</span> ");
                break;
        }
    }
}
