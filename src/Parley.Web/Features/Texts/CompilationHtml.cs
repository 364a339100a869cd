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

    public static string Render(TextQueries.CompilationView view, Options options, IStringLocalizer L)
    {
        var v = view.Version;
        var sb = new StringBuilder(1 << 20);
        var e = HtmlEncoder.Default;
        string H(string? s) => e.Encode(s ?? "");
        sb.Append("<article class=\"text compilation\" data-testid=\"compilation\" data-version=\"").Append(v.Id).Append("\">");
        var labels = v.Provisions.ToDictionary(x => x.Key, x => x.Label, StringComparer.Ordinal);
        foreach (var cp in view.Provisions)
        {
            var p = cp.Provision;
            var status = v.Statuses.TryGetValue(p.Key, out var st) ? st.Status : "bracketed";
            sb.Append("<div class=\"compiled\" id=\"c-").Append(H(p.Key)).Append("\" data-key=\"").Append(H(p.Key)).Append("\" data-status=\"").Append(status).Append("\">");
            if (p.Kind is ProvisionKind.Section or ProvisionKind.Heading)
            {
                var tag = p.Kind == ProvisionKind.Section ? "h2" : "h3";
                sb.Append('<').Append(tag).Append(" class=\"provision\" id=\"p-").Append(H(p.Key)).Append("\">").Append(H(p.Number)).Append(' ').Append(H(p.Text)).Append("</").Append(tag).Append("></div>");
                continue;
            }
            sb.Append("<p class=\"provision ").Append(p.Kind.ToString().ToLowerInvariant()).Append("\"><span class=\"num\">").Append(H(p.Label)).Append("</span> ");
            if (cp.DeleteProvision.Count > 0 && !cp.HasWordLevel)
            {
                sb.Append("<del>").Append(H(p.Text)).Append("</del> ");
            }
            else
            {
                // Word-level proposals are shown even when another proposes deleting the whole provision.
                foreach (var s in cp.Segments)
                {
                    Segment(sb, s, L, H);
                }
            }
            if (cp.DeleteProvision.Count > 0)
            {
                Attr(sb, $"{L["Compilation.DeletePara"]} – {string.Join("; ", cp.DeleteProvision.Select(x => x.Attribution))}", H);
            }
            foreach (var r in cp.Retain)
            {
                Attr(sb, $"{L["Compilation.Retain"]} – {r.Attribution}", H);
            }
            foreach (var m in cp.Move)
            {
                // A move says where to: after which provision.
                Attr(sb, m.AfterKey is { } to && labels.TryGetValue(to, out var target)
                    ? $"{L["Compilation.MoveAfter"]} {target} – {m.Attribution}"
                    : $"{L["Compilation.Move"]} – {m.Attribution}", H);
            }
            if (status != "bracketed")
            {
                sb.Append("<span class=\"status status-").Append(status).Append("\">").Append(H(L["ProvisionStatus." + status])).Append("</span>");
            }
            sb.Append("</p>");
            var alt = 0;
            foreach (var a in cp.WholeAlternatives)
            {
                sb.Append("<p class=\"alternative\"><span class=\"num\">").Append(H(p.Label)).Append(" Alt ").Append(++alt).Append("</span> <ins>").Append(H(a.NewText)).Append("</ins> ");
                Attr(sb, a.Attribution, H);
                sb.Append("</p>");
            }
            foreach (var a in cp.AddedAfter)
            {
                sb.Append("<p class=\"provision added\"><span class=\"num\">[").Append(H(L["Compilation.New"])).Append("]</span> <ins>").Append(H(a.NewText)).Append("</ins> ");
                Attr(sb, a.Attribution, H);
                sb.Append("</p>");
            }
            sb.Append("<div class=\"actions no-print\">");
            if (options.MayPropose)
            {
                sb.Append("<a href=\"/versions/").Append(v.Id).Append("/propose?key=").Append(H(p.Key)).Append("\">").Append(H(L["Compilation.Propose"])).Append("</a>");
            }
            sb.Append("<a href=\"/versions/").Append(v.Id).Append("/provisions/").Append(H(p.Key)).Append("\">").Append(H(string.Format(L["Compilation.Proposals"], cp.ProposalCount)))
                .Append(options.IsCoFacilitator ? " · " + H(L["Compilation.SetStatus"]) : "").Append("</a></div></div>");
        }
        sb.Append("</article>");
        return sb.ToString();
    }

    private static void Attr(StringBuilder sb, string text, Func<string?, string> h) => sb.Append("<span class=\"attr\">[").Append(h(text)).Append("]</span> ");

    private static void Segment(StringBuilder sb, Segment s, IStringLocalizer L, Func<string?, string> h)
    {
        static string Who(Alternative a) => string.Join(", ", a.Sponsors);
        switch (s.Kind)
        {
            case SegmentKind.Text:
                sb.Append(h(s.OldWords)).Append(' ');
                break;
            case SegmentKind.Deletion:
                sb.Append("<del>").Append(h(s.OldWords)).Append("</del> ");
                Attr(sb, $"{L["Compilation.Delete"]} – {Who(s.Alternatives[0])}", h);
                break;
            case SegmentKind.Insertion:
                sb.Append("<ins>").Append(h(s.Alternatives[0].NewWords)).Append("</ins> ");
                Attr(sb, Who(s.Alternatives[0]), h);
                break;
            case SegmentKind.Replacement:
                sb.Append("<del>").Append(h(s.OldWords)).Append("</del> <ins>").Append(h(s.Alternatives[0].NewWords)).Append("</ins> ");
                Attr(sb, Who(s.Alternatives[0]), h);
                break;
            case SegmentKind.Alternatives:
                sb.Append("<span class=\"alternatives\" data-testid=\"alternatives\">[<span class=\"original\">").Append(h(s.OldWords)).Append("</span>");
                var i = 0;
                foreach (var a in s.Alternatives)
                {
                    sb.Append("<span class=\"alt\"> Alt ").Append(++i).Append(": ");
                    if (a.NewWords is null)
                    {
                        sb.Append("<del>").Append(h(s.OldWords)).Append("</del>");
                    }
                    else
                    {
                        sb.Append("<ins>").Append(h(a.NewWords)).Append("</ins>");
                    }
                    sb.Append(" <span class=\"attr\">– ").Append(h(Who(a))).Append("</span></span>");
                }
                sb.Append("]</span> ");
                break;
        }
    }
}
