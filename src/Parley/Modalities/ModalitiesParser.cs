using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Parley.Modalities;

/// <summary>A problem in a modalities file, with where it is.</summary>
public sealed record ModalitiesProblem(int Line, int Column, string Message)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}

/// <summary>
/// Reads a modalities file (YAML, see docs/modalities.md). It never throws on bad input:
/// it returns every problem it found, each with its line and column.
/// </summary>
public static class ModalitiesParser
{
    public sealed record ParseResult(ModalitiesDefinition? Definition, IReadOnlyList<ModalitiesProblem> Problems)
    {
        public bool IsValid => Definition is not null && Problems.Count == 0;
    }

    public static ParseResult Parse(string yaml)
    {
        var problems = new List<ModalitiesProblem>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            var text = message.Contains("):", StringComparison.Ordinal) ? message[(message.IndexOf("):", StringComparison.Ordinal) + 2)..].Trim() : message;
            return new ParseResult(null, [new ModalitiesProblem((int)e.Start.Line, (int)e.Start.Column, $"not valid YAML: {text}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet gives up without a position on some unterminated structures; point at the end of the file.
            var lines = yaml.TrimEnd().Split('\n');
            return new ParseResult(null, [new ModalitiesProblem(lines.Length, lines[^1].Length + 1, "not valid YAML: a bracket, brace or quote is not closed.")]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode rootNode)
        {
            return new ParseResult(null, [new ModalitiesProblem(1, 1, "the file must be a mapping with 'process', 'phases', 'series' and the other sections.")]);
        }
        var root = new Node(rootNode, problems);
        root.Allow("process", "venues", "phases", "roles", "series", "obligations", "principles", "accreditation");
        try
        {
            var definition = Read(root, problems);
            return new ParseResult(problems.Count == 0 ? definition : null, problems);
        }
        catch (StopParsing)
        {
            return new ParseResult(null, problems);
        }
    }

    private static ModalitiesDefinition Read(Node root, List<ModalitiesProblem> problems)
    {
        var process = root.Map("process") ?? throw new StopParsing();
        process.Allow("id", "title", "mandate", "outcome", "atRiskDays");
        var mandateNode = process.Map("mandate");
        mandateNode?.Allow("symbol", "adopted", "body");
        var mandate = new Mandate(mandateNode?.Text("symbol") ?? "", mandateNode?.Date("adopted") ?? default, mandateNode?.Text("body", required: false) ?? "General Assembly");
        var outcomeNode = process.Map("outcome");
        outcomeNode?.Allow("title", "sections", "paragraph");
        var outcome = new Outcome(outcomeNode?.Text("title") ?? "", outcomeNode?.Texts("sections") ?? [], outcomeNode?.Paragraph() ?? "");

        var venues = root.List("venues").Select(v =>
        {
            v.Allow("code", "name", "city", "timeZone", "holidays");
            var tz = v.Text("timeZone") ?? "UTC";
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _))
            {
                v.Problem("timeZone", $"'{tz}' is not a known IANA time zone (e.g. America/New_York).");
            }
            return new Venue(v.Text("code") ?? "", v.Text("name") ?? "", v.Text("city") ?? "", tz, v.Text("holidays", required: false) ?? v.Text("code") ?? "");
        }).ToList();
        Unique(root, "venues", venues.Select(v => v.Code));

        var phases = root.List("phases").Select(p =>
        {
            p.Allow("id", "name", "from", "to", "paragraph");
            var from = p.Date("from") ?? default;
            var to = p.Date("to", endOfMonth: true) ?? default;
            if (to < from)
            {
                p.Problem("to", "a phase must end after it starts.");
            }
            return new Phase(p.Text("id") ?? "", p.Text("name") ?? "", from, to, p.Paragraph());
        }).ToList();
        Unique(root, "phases", phases.Select(p => p.Id));

        DateOnly? Due(Node n, string key)
        {
            var raw = n.Text(key);
            if (raw is null)
            {
                return null;
            }
            if (raw.StartsWith("before ", StringComparison.Ordinal))
            {
                var phase = phases.FirstOrDefault(p => p.Id == raw[7..].Trim());
                if (phase is null)
                {
                    n.Problem(key, $"'{raw[7..].Trim()}' is not a phase of this process.");
                    return null;
                }
                return phase.From.AddDays(-1);
            }
            return n.Date(key);
        }

        var seriesIds = root.List("series", required: false).Select(s => s.Text("id")).OfType<string>().ToHashSet();
        var roles = root.List("roles", required: false).Select(r =>
        {
            r.Allow("id", "name", "count", "appointedBy", "dueBy", "endsWith", "paragraph");
            var endsWith = r.Text("endsWith", required: false);
            if (endsWith is not null && !seriesIds.Contains(endsWith))
            {
                r.Problem("endsWith", $"'{endsWith}' is not a meeting series of this process.");
            }
            return new RoleRule(r.Text("id") ?? "", r.Text("name") ?? "", r.Int("count", min: 1) ?? 1, r.Text("appointedBy") ?? "",
                Due(r, "dueBy") ?? default, endsWith, r.Paragraph());
        }).ToList();

        var venueCodes = venues.Select(v => v.Code).ToHashSet();
        var series = root.List("series", required: false).Select(s => ReadSeries(s, phases, venueCodes)).ToList();
        Unique(root, "series", series.Select(s => s.Id));

        var obligations = root.List("obligations", required: false).Select(o =>
        {
            o.Allow("id", "title", "document", "dueBy", "paragraph");
            return new DatedObligation(o.Text("id") ?? "", o.Text("title") ?? "", o.Text("document") ?? "", Due(o, "dueBy") ?? default, o.Paragraph());
        }).ToList();

        var principles = root.List("principles", required: false).Select(p =>
        {
            p.Allow("paragraph", "summary", "capability");
            return new Principle(p.Paragraph(), p.Text("summary") ?? "", p.Text("capability", required: false) ?? "");
        }).ToList();

        var tracks = root.List("accreditation", required: false).Select(t =>
        {
            t.Allow("id", "name", "kind", "verifiedBy", "statuses", "opens", "closes", "listDocument", "proposedBy", "paragraph");
            var kindText = t.Text("kind") ?? "";
            if (!Enum.TryParse<TrackKind>(kindText, ignoreCase: true, out var kind) || int.TryParse(kindText, out _))
            {
                t.Problem("kind", $"'{kindText}' is not a kind of track: use registration or special.");
            }
            var verifiedBy = t.Text("verifiedBy", required: kind == TrackKind.Registration);
            if (verifiedBy is not null && verifiedBy is not ("ecosoc" or "ganhri"))
            {
                t.Problem("verifiedBy", $"'{verifiedBy}' is not a verification list: use ecosoc or ganhri.");
            }
            var opens = t.Date("opens") ?? default;
            var closes = t.Date("closes", endOfMonth: true) ?? default;
            if (closes < opens)
            {
                t.Problem("closes", "a track must close after it opens.");
            }
            return new AccreditationTrack(t.Text("id") ?? "", t.Text("name") ?? "", kind, verifiedBy, t.Has("statuses") ? t.Texts("statuses") : [], opens, closes,
                t.Text("listDocument", required: kind == TrackKind.Special), t.Text("proposedBy", required: false), t.Paragraph());
        }).ToList();
        Unique(root, "accreditation", tracks.Select(t => t.Id));

        if (problems.Count > 0)
        {
            throw new StopParsing();
        }
        return new ModalitiesDefinition(process.Text("id") ?? "", process.Text("title") ?? "", mandate, outcome,
            process.Int("atRiskDays", required: false, min: 0) ?? 14, venues, phases, roles, series, obligations, principles, tracks);
    }

    private static MeetingSeries ReadSeries(Node s, List<Phase> phases, HashSet<string> venues)
    {
        s.Allow("id", "name", "kind", "phase", "chair", "paragraph", "window", "venue", "days", "meetings", "maxWorkingDays", "totalDays",
            "budgetParagraph", "components", "documents", "stakeholders", "balanceParagraph");
        var paragraph = s.Paragraph();
        var phaseId = s.Text("phase", required: false);
        var phase = phaseId is null ? null : phases.FirstOrDefault(p => p.Id == phaseId);
        if (phaseId is not null && phase is null)
        {
            s.Problem("phase", $"'{phaseId}' is not a phase of this process.");
        }
        var window = s.Map("window", required: phase is null);
        window?.Allow("from", "to");
        var windowFrom = window?.Date("from") ?? phase?.From ?? default;
        var windowTo = window?.Date("to", endOfMonth: true) ?? phase?.To ?? default;
        var defaultVenue = s.Text("venue", required: false);
        var defaultDays = s.Int("days", required: false, min: 1);
        var slot = 0;
        var meetings = s.List("meetings").Select(m =>
        {
            m.Allow("theme", "venue", "month", "months", "from", "to", "days", "paragraph");
            slot++;
            var venue = m.Text("venue", required: defaultVenue is null) ?? defaultVenue ?? "";
            if (venue.Length > 0 && !venues.Contains(venue))
            {
                m.Problem("venue", $"'{venue}' is not one of the venues listed under 'venues'.");
            }
            DateOnly from, to;
            if (m.Has("month") || m.Has("months"))
            {
                var months = m.Has("month") ? [m.Text("month")!] : m.Texts("months");
                var parsed = months.Select(x => m.Month(x)).OfType<DateOnly>().ToList();
                from = parsed.Count > 0 ? parsed.Min() : windowFrom;
                to = parsed.Count > 0 ? parsed.Max().AddMonths(1).AddDays(-1) : windowTo;
            }
            else
            {
                from = m.Date("from", required: false) ?? windowFrom;
                to = m.Date("to", required: false, endOfMonth: true) ?? windowTo;
            }
            return new PlannedMeeting(slot, m.Text("theme", required: false), venue, from, to,
                m.Int("days", required: false, min: 1) ?? defaultDays, m.Text("paragraph", required: false) ?? paragraph);
        }).ToList();

        Components? components = null;
        if (s.Map("components", required: false) is { } c)
        {
            c.Allow("expertPanels", "interactiveExchange", "paragraph");
            var panels = c.Map("expertPanels");
            panels?.Allow("min", "max");
            var min = panels?.Int("min", min: 0) ?? 0;
            var max = panels?.Int("max", min: 0) ?? 0;
            if (max < min)
            {
                c.Problem("expertPanels", "max must not be less than min.");
            }
            components = new Components(min, max, c.Bool("interactiveExchange"), c.Text("paragraph", required: false) ?? paragraph);
        }
        var documents = s.List("documents", required: false).Select(d =>
        {
            d.Allow("type", "before", "after", "withinDays", "paragraph", "once");
            var timing = d.Has("before") ? DocumentTiming.BeforeStart : DocumentTiming.AfterEnd;
            if (d.Has("before") == d.Has("after"))
            {
                d.Problem("type", "say either 'before: start' or 'after: end'.");
            }
            return new DocumentRule(d.Text("type") ?? "", timing, d.Int("withinDays", required: false, min: 0) ?? 0,
                d.Text("paragraph", required: false) ?? paragraph, d.Bool("once"));
        }).ToList();

        return new MeetingSeries(s.Text("id") ?? "", s.Text("name") ?? "", s.Text("kind", required: false) ?? "meeting", phaseId,
            s.Text("chair", required: false), paragraph, windowFrom, windowTo, meetings,
            s.Int("maxWorkingDays", required: false, min: 1), s.Int("totalDays", required: false, min: 1),
            s.Text("budgetParagraph", required: false), components, documents, s.Text("stakeholders", required: false) != "closed",
            s.Text("balanceParagraph", required: false));
    }

    private static void Unique(Node root, string section, IEnumerable<string> ids)
    {
        foreach (var dup in ids.GroupBy(i => i).Where(g => g.Count() > 1 && g.Key.Length > 0))
        {
            root.Problem(section, $"'{dup.Key}' is listed twice.");
        }
    }

    private sealed class StopParsing : Exception;

    /// <summary>A YAML mapping with its position, reporting problems rather than throwing.</summary>
    private sealed class Node(YamlMappingNode node, List<ModalitiesProblem> problems)
    {
        private YamlNode? Get(string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        public bool Has(string key) => Get(key) is not null;

        public void Problem(string key, string message)
        {
            var at = Get(key)?.Start ?? node.Start;
            problems.Add(new ModalitiesProblem((int)at.Line, (int)at.Column, $"'{key}': {message}"));
        }

        private void Missing(string key) =>
            problems.Add(new ModalitiesProblem((int)node.Start.Line, (int)node.Start.Column, $"'{key}' is required here."));

        public void Allow(params string[] keys)
        {
            foreach (var (k, _) in node.Children)
            {
                if (k is YamlScalarNode { Value: { } name } && !keys.Contains(name))
                {
                    problems.Add(new ModalitiesProblem((int)k.Start.Line, (int)k.Start.Column,
                        $"unknown key '{name}'; expected one of: {string.Join(", ", keys)}."));
                }
            }
        }

        public string? Text(string key, bool required = true)
        {
            switch (Get(key))
            {
                case null when required:
                    Missing(key);
                    return null;
                case null:
                    return null;
                case YamlScalarNode { Value: { Length: > 0 } v }:
                    return v.Trim();
                default:
                    Problem(key, "expected a single value.");
                    return null;
            }
        }

        public string Paragraph() => Text("paragraph") ?? "";

        public IReadOnlyList<string> Texts(string key)
        {
            if (Get(key) is YamlSequenceNode seq)
            {
                return seq.Children.OfType<YamlScalarNode>().Select(x => x.Value ?? "").ToList();
            }
            Problem(key, "expected a list, e.g. [a, b].");
            return [];
        }

        public int? Int(string key, bool required = true, int min = int.MinValue)
        {
            var text = Text(key, required);
            if (text is null)
            {
                return null;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min)
            {
                Problem(key, $"'{text}' is not a whole number{(min > int.MinValue ? $" of at least {min}" : "")}.");
                return null;
            }
            return value;
        }

        public bool Bool(string key)
        {
            var text = Text(key, required: false);
            if (text is null)
            {
                return false;
            }
            if (text is "true" or "yes")
            {
                return true;
            }
            if (text is "false" or "no")
            {
                return false;
            }
            Problem(key, $"'{text}' is not true or false.");
            return false;
        }

        public DateOnly? Date(string key, bool required = true, bool endOfMonth = false)
        {
            var text = Text(key, required);
            if (text is null)
            {
                return null;
            }
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }
            if (Month(text, key) is { } m)
            {
                return endOfMonth ? m.AddMonths(1).AddDays(-1) : m;
            }
            return null;
        }

        public DateOnly? Month(string text, string key = "month")
        {
            if (DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
            {
                return m;
            }
            Problem(key, $"'{text}' is not a date (YYYY-MM-DD) or a month (YYYY-MM).");
            return null;
        }

        public Node? Map(string key, bool required = true)
        {
            switch (Get(key))
            {
                case YamlMappingNode m:
                    return new Node(m, problems);
                case null when required:
                    Missing(key);
                    return null;
                case null:
                    return null;
                default:
                    Problem(key, "expected a mapping (key: value lines).");
                    return null;
            }
        }

        public IEnumerable<Node> List(string key, bool required = true)
        {
            switch (Get(key))
            {
                case YamlSequenceNode seq:
                    var items = new List<Node>();
                    foreach (var item in seq.Children)
                    {
                        if (item is YamlMappingNode m)
                        {
                            items.Add(new Node(m, problems));
                        }
                        else
                        {
                            problems.Add(new ModalitiesProblem((int)item.Start.Line, (int)item.Start.Column, $"each entry of '{key}' must be a mapping."));
                        }
                    }
                    return items;
                case null when required:
                    Missing(key);
                    return [];
                case null:
                    return [];
                default:
                    Problem(key, "expected a list (lines starting with '- ').");
                    return [];
            }
        }
    }
}
