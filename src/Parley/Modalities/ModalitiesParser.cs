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
    /// <summary>The definition (when there is no problem), every problem, and warnings that do not stop the file from loading.</summary>
    public sealed record ParseResult(ModalitiesDefinition? Definition, IReadOnlyList<ModalitiesProblem> Problems, IReadOnlyList<ModalitiesProblem>? Warnings = null)
    {
        public bool IsValid => Definition is not null && Problems.Count == 0;
    }

    /// <summary>The registry's State codes, and those of the UN's Member States among them: what a membership section is checked against.</summary>
    public sealed record StateCodes(IReadOnlySet<string> All, IReadOnlySet<string> UnMembers);

    /// <summary>Reads the file; <paramref name="knownCalendars"/>, when given, are the holiday calendars a venue may name, and
    /// <paramref name="states"/> the registry a membership section is checked against.</summary>
    public static ParseResult Parse(string yaml, IReadOnlySet<string>? knownCalendars = null, StateCodes? states = null)
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
            // YamlDotNet gives up without a position on some unterminated structures: point at the first bracket, brace or quote
            // left open on its line (our files write flow collections on one line), else at the end of the file.
            var (line, column) = FirstUnclosed(yaml);
            return new ParseResult(null, [new ModalitiesProblem(line, column, "not valid YAML: a bracket, brace or quote is not closed.")]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode rootNode)
        {
            return new ParseResult(null, [new ModalitiesProblem(1, 1, "the file must be a mapping with 'process', 'phases', 'series' and the other sections.")]);
        }
        var root = new Node(rootNode, problems);
        root.Allow("process", "venues", "phases", "roles", "series", "obligations", "principles", "accreditation", "membership", "trustFund", "contributions");
        try
        {
            var warnings = new List<ModalitiesProblem>();
            var definition = Read(root, problems, knownCalendars, warnings, states);
            return new ParseResult(problems.Count == 0 ? definition : null, problems, warnings);
        }
        catch (StopParsing)
        {
            return new ParseResult(null, problems);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException or NullReferenceException)
        {
            // A safety net: a reader bug must not take the caller down. The fuzz test fails on this message, so bugs are still found.
            problems.Add(new ModalitiesProblem(1, 1, $"the file could not be read to the end because of a fault in Parley's reader; please report it with the file ({e.GetType().Name})."));
            return new ParseResult(null, problems);
        }
    }

    /// <summary>The line and column of the first opening bracket, brace or quote that its line does not close; else the end of the text.</summary>
    private static (int Line, int Column) FirstUnclosed(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var open = new Stack<int>();
            char? quote = null;
            var quoteAt = 0;
            var line = lines[i];
            for (var c = 0; c < line.Length; c++)
            {
                var ch = line[c];
                if (quote is { } q)
                {
                    if (ch == q)
                    {
                        quote = null;
                    }
                    continue;
                }
                if (ch == '#' && (c == 0 || line[c - 1] == ' '))
                {
                    break; // a comment
                }
                if (ch is '"' or '\'' && (c == 0 || line[c - 1] is ' ' or '[' or '{' or ',' or ':'))
                {
                    (quote, quoteAt) = (ch, c);
                }
                else if (ch is '[' or '{')
                {
                    open.Push(c);
                }
                else if (ch is ']' or '}' && open.Count > 0)
                {
                    open.Pop();
                }
            }
            if (quote is not null)
            {
                return (i + 1, quoteAt + 1);
            }
            if (open.Count > 0)
            {
                return (i + 1, open.Last() + 1);
            }
        }
        var trimmed = yaml.TrimEnd().Split('\n');
        return (trimmed.Length, trimmed[^1].Length + 1);
    }

    /// <summary>What the safety net says; never expected.</summary>
    public const string InternalProblem = "the file could not be read to the end because of a fault in Parley's reader; please report it with the file";

    private static ModalitiesDefinition Read(Node root, List<ModalitiesProblem> problems, IReadOnlySet<string>? knownCalendars, List<ModalitiesProblem> warnings,
        StateCodes? states)
    {
        // Entries the file marks as the editor's reading rather than the text's words: "interpretation: why", kept by rule id.
        var interpretations = new Dictionary<string, string>(StringComparer.Ordinal);
        var process = root.Map("process") ?? throw new StopParsing();
        process.Allow("id", "title", "titles", "language", "mandate", "outcome", "atRiskDays");
        var mandateNode = process.Map("mandate");
        mandateNode?.Allow("symbol", "adopted", "body");
        var mandate = new Mandate(mandateNode?.Text("symbol") ?? "", mandateNode?.Date("adopted") ?? default, mandateNode?.Text("body", required: false) ?? "General Assembly");
        var outcomeNode = process.Map("outcome");
        outcomeNode?.Allow("title", "sections", "paragraph", "adoptedBy", "majority");
        var majority = outcomeNode?.OneOf("majority", ["simple", "two-thirds"]) == "two-thirds" ? Majority.TwoThirds : Majority.Simple;
        var outcome = new Outcome(outcomeNode?.Text("title") ?? "", outcomeNode?.Texts("sections") ?? [], outcomeNode?.Paragraph() ?? "",
            outcomeNode?.Text("adoptedBy", required: false) ?? mandate.Body, majority);

        var venues = root.List("venues").Select(v =>
        {
            v.Allow("code", "name", "city", "timeZone", "holidays");
            var tz = v.Text("timeZone") ?? "UTC";
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(tz, out _))
            {
                v.Problem("timeZone", $"'{tz}' is not a known IANA time zone (e.g. America/New_York).");
            }
            var calendar = v.Text("holidays", required: false);
            if (calendar is not null && knownCalendars is not null && !knownCalendars.Contains(calendar))
            {
                var (line, column) = v.Position("holidays");
                warnings.Add(new ModalitiesProblem(line, column, $"'holidays': no holidays are known for the calendar '{calendar}' (known: {(knownCalendars.Count == 0 ? "none" : string.Join(", ", knownCalendars.Order()))}); until they are imported, every weekday there counts as a working day."));
            }
            return (new Venue(v.Text("code") ?? "", v.Text("name") ?? "", v.Text("city") ?? "", tz, calendar ?? v.Text("code") ?? ""), v);
        }).ToList().Unique("code", x => x.Item1.Code);

        var phases = root.List("phases").Select(p =>
        {
            p.Allow("id", "name", "names", "from", "to", "paragraph", "interpretation");
            p.Interpretation(interpretations, p.Text("id", required: false));
            var from = p.Date("from") ?? default;
            var to = p.Date("to", endOfMonth: true) ?? default;
            if (to < from)
            {
                p.Problem("to", "a phase must end after it starts.");
            }
            return (new Phase(p.Text("id") ?? "", p.Text("name") ?? "", from, to, p.Paragraph(), p.Versions("names")), p);
        }).ToList().Unique("id", x => x.Item1.Id);

        var parsedSeries = new List<MeetingSeries>(); // filled once the series are read; obligations may be relative to their meetings

        // "before <series>/<slot>", "14 days before <series>/<slot>", "30 days after <series>/<slot>": relative to a planned meeting.
        (string Meeting, int Offset, bool AfterEnd, DateOnly Planned)? Relative(Node n, string key, string raw)
        {
            var m = System.Text.RegularExpressions.Regex.Match(raw, @"^(?:(\d{1,3}) days? )?(before|after) ([A-Za-z0-9_-]+)/(\d{1,2})$");
            if (!m.Success)
            {
                return null;
            }
            var series = parsedSeries.FirstOrDefault(x => x.Id == m.Groups[3].Value);
            var slot = int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture);
            if (series is null || slot < 1 || slot > series.Meetings.Count)
            {
                n.Problem(key, $"'{m.Groups[3].Value}/{slot}' is not a planned meeting of this process (write series/slot, e.g. {parsedSeries.FirstOrDefault(x => x.Meetings.Count > 0)?.Id ?? "series"}/1).");
                return (m.Groups[3].Value + "/" + slot, 0, false, default);
            }
            var days = m.Groups[1].Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 1;
            var after = m.Groups[2].Value == "after";
            var planned = series.Meetings[slot - 1];
            var date = after ? planned.To.AddDays(days) : planned.From.AddDays(-days);
            return ($"{series.Id}/{slot}", after ? days : -days, after, date);
        }

        DateOnly? Due(Node n, string key)
        {
            var raw = n.Text(key);
            if (raw is null)
            {
                return null;
            }
            if (raw.Contains('/', StringComparison.Ordinal) && Relative(n, key, raw) is { } relative)
            {
                return relative.Planned == default ? null : relative.Planned;
            }
            if (raw.StartsWith("before ", StringComparison.Ordinal))
            {
                var phase = phases.FirstOrDefault(p => p.Id == raw[7..].Trim());
                if (phase is null)
                {
                    n.Problem(key, $"'{raw[7..].Trim()}' is not a phase of this process.");
                    return null;
                }
                // A phase whose start could not be read has its problem reported already; "the day before" it is not a date.
                return phase.From == default ? null : phase.From.AddDays(-1);
            }
            return n.Date(key);
        }

        var seriesIds = root.List("series", required: false).Select(s => s.Text("id")).OfType<string>().ToHashSet();
        var roles = root.List("roles", required: false).Select(r =>
        {
            r.Allow("id", "name", "names", "plurals", "count", "appointedBy", "appointedByNames", "dueBy", "endsWith", "paragraph", "interpretation");
            r.Interpretation(interpretations, r.Text("id", required: false));
            var endsWith = r.Text("endsWith", required: false);
            if (endsWith is not null && !seriesIds.Contains(endsWith))
            {
                r.Problem("endsWith", $"'{endsWith}' is not a meeting series of this process.");
            }
            return (new RoleRule(r.Text("id") ?? "", r.Text("name") ?? "", r.Int("count", min: 1) ?? 1, r.Text("appointedBy") ?? "",
                Due(r, "dueBy") ?? default, endsWith, r.Paragraph(), r.Versions("names"), r.Versions("plurals"), r.Versions("appointedByNames")), r);
        }).ToList().Unique("id", x => x.Item1.Id);

        var venueCodes = venues.Select(v => v.Code).ToHashSet();
        var series = root.List("series", required: false).Select(s => (ReadSeries(s, phases, venueCodes, interpretations), s)).ToList().Unique("id", x => x.Item1.Id);
        parsedSeries.AddRange(series);

        var obligations = root.List("obligations", required: false).Select(o =>
        {
            o.Allow("id", "title", "titles", "document", "dueBy", "paragraph", "interpretation");
            o.Interpretation(interpretations, o.Text("id", required: false));
            var rel = o.Text("dueBy", required: false) is { } rawDue && rawDue.Contains('/', StringComparison.Ordinal) ? Relative(o, "dueBy", rawDue) : null;
            var dueBy = rel is { } r0 ? (r0.Planned == default ? null : r0.Planned) : Due(o, "dueBy");
            return (new DatedObligation(o.Text("id") ?? "", o.Text("title") ?? "", o.Text("document") ?? "", dueBy ?? default, o.Paragraph(),
                rel?.Meeting, rel?.Offset ?? 0, rel?.AfterEnd ?? false, o.Versions("titles")), o);
        }).ToList().Unique("id", x => x.Item1.Id);

        var principles = root.List("principles", required: false).Select(p =>
        {
            p.Allow("paragraph", "summary", "summaries", "capability");
            return (new Principle(p.Paragraph(), p.Text("summary") ?? "", p.Text("capability", required: false) ?? "", p.Versions("summaries")), p);
        }).ToList().Unique("paragraph", x => x.Item1.Paragraph); // a principle is named by its paragraph

        var tracks = root.List("accreditation", required: false).Select(t =>
        {
            t.Allow("id", "name", "names", "kind", "verifiedBy", "statuses", "opens", "closes", "listDocument", "proposedBy", "paragraph", "interpretation");
            t.Interpretation(interpretations, t.Text("id", required: false) is { } trackId ? "accreditation/" + trackId : null);
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
            return (new AccreditationTrack(t.Text("id") ?? "", t.Text("name") ?? "", kind, verifiedBy, t.Has("statuses") ? t.Texts("statuses") : [], opens, closes,
                t.Text("listDocument", required: kind == TrackKind.Special), t.Text("proposedBy", required: false), t.Paragraph(), t.Versions("names")), t);
        }).ToList().Unique("id", x => x.Item1.Id);

        var membership = root.Map("membership", required: false) is { } ms ? ReadMembership(ms, states, warnings) : null;
        TrustFund? fund = null;
        if (root.Map("trustFund", required: false) is { } tf)
        {
            tf.Allow("paragraph", "developed", "extraDays", "interpretation");
            tf.Interpretation(interpretations, "trust-fund");
            var developed = tf.Map("developed", required: false);
            developed?.Allow("regions", "states");
            fund = new TrustFund(tf.Paragraph(), developed?.Has("regions") == true ? developed.Texts("regions") : [],
                developed?.Has("states") == true ? developed.Texts("states") : [], tf.Int("extraDays", required: false, min: 0) ?? 0);
        }

        ContributionRules? contributions = null;
        if (root.Map("contributions", required: false) is { } cs)
        {
            cs.Allow("paragraph", "inputsParagraph", "perspectivesParagraph", "themes", "perspectives");
            List<Tag> Tags(string key) => cs.List(key, required: false).Select(t =>
            {
                t.Allow("id", "name", "names");
                var id = t.Text("id") ?? "";
                if (id.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{0,39}$"))
                {
                    t.Problem("id", $"'{id}' is not an id: lower-case letters, digits and hyphens, at most 40.");
                }
                return (new Tag(id, t.Text("name") ?? "", t.Versions("names")), t);
            }).ToList().Unique("id", x => x.Item1.Id);
            contributions = new ContributionRules(cs.Paragraph(), cs.Text("inputsParagraph", required: false), cs.Text("perspectivesParagraph", required: false),
                Tags("themes"), Tags("perspectives"));
        }

        if (problems.Count > 0)
        {
            throw new StopParsing();
        }
        return new ModalitiesDefinition(process.Text("id") ?? "", process.Text("title") ?? "", mandate, outcome,
            process.Int("atRiskDays", required: false, min: 0) ?? 14, venues, phases, roles, series, obligations, principles, tracks, interpretations, membership, fund, contributions,
            process.Versions("titles"), process.OneOf("language", [.. Parley.Common.Languages.Official.Select(l => l.Culture)]) ?? Parley.Common.Languages.Source);
    }

    /// <summary>
    /// The body's members and groupings: <c>base: un-member-states</c> (the default) or <c>none</c>; <c>members</c> adding or changing
    /// entries (code, name, status member/associate/observer, since); <c>groupings</c> with a label and groups of member codes. Against
    /// the registry, when known: a code outside it needs a name, and a grouped code must belong to the body.
    /// </summary>
    private static Membership ReadMembership(Node ms, StateCodes? states, List<ModalitiesProblem> warnings)
    {
        ms.Allow("organisation", "base", "members", "groupings");
        var unBase = ms.OneOf("base", ["un-member-states", "none"]) != "none";
        var members = ms.List("members", required: !unBase).Select(m =>
        {
            m.Allow("code", "name", "status", "since");
            var code = m.Text("code") ?? "";
            if (code.Length > 0 && !System.Text.RegularExpressions.Regex.IsMatch(code, "^[A-Z]{3}$"))
            {
                m.Problem("code", $"'{code}' is not a three-letter code in capitals (ISO 3166-1 alpha-3, e.g. COK).");
            }
            var name = m.Text("name", required: false);
            if (name is null && states is not null && code.Length == 3 && !states.All.Contains(code))
            {
                m.Problem("code", $"'{code}' is not in the registry of States: give its name as well (name: ...).");
            }
            var status = m.OneOf("status", ["member", "associate", "observer", "not-member"]) switch
            {
                "associate" => MemberStatus.Associate,
                "observer" => MemberStatus.Observer,
                "not-member" => MemberStatus.NotMember,
                _ => MemberStatus.Member,
            };
            return (new Member(code, name, status, m.Date("since", required: false)), m);
        }).ToList().Unique("code", x => x.Item1.Code);

        // Who belongs, when the registry is known: the UN's Member States (unless base: none), then the listed entries.
        var belonging = states is null ? null : new HashSet<string>(unBase ? states.UnMembers : [], StringComparer.Ordinal);
        belonging?.UnionWith(members.Where(m => m.Status != MemberStatus.NotMember).Select(m => m.Code));
        belonging?.ExceptWith(members.Where(m => m.Status == MemberStatus.NotMember).Select(m => m.Code));

        IReadOnlyList<Grouping>? groupings = null;
        var label = "regional group";
        if (ms.Map("groupings", required: false) is { } gs)
        {
            gs.Allow("label", "groups");
            label = gs.Text("label", required: false) ?? "group";
            var placed = new Dictionary<string, string>(StringComparer.Ordinal);
            groupings = gs.List("groups").Select(g =>
            {
                g.Allow("id", "name", "members");
                var id = g.Text("id") ?? "";
                var codes = g.Texts("members");
                foreach (var code in codes)
                {
                    if (placed.TryGetValue(code, out var other) && other != id)
                    {
                        g.Problem("members", $"'{code}' is already in the group '{other}'; a member belongs to one group.");
                    }
                    else if (belonging is not null && !belonging.Contains(code))
                    {
                        g.Problem("members", $"'{code}' is not a member of the body: list it under 'members' first.");
                    }
                    placed.TryAdd(code, id);
                }
                return (new Grouping(id, g.Text("name") ?? "", codes.Distinct(StringComparer.Ordinal).ToList()), g);
            }).ToList().Unique("id", x => x.Item1.Id);
            if (belonging is not null && belonging.Except(placed.Keys).Order(StringComparer.Ordinal).ToList() is { Count: > 0 } outside)
            {
                var (line, column) = gs.Position("groups");
                warnings.Add(new ModalitiesProblem(line, column, $"'groups': {outside.Count} member(s) are in no group: {string.Join(", ", outside.Take(12)) + (outside.Count > 12 ? ", …" : "")}."));
            }
        }
        return new Membership(ms.Text("organisation") ?? "", unBase, members, label, groupings);
    }

    private static MeetingSeries ReadSeries(Node s, List<Phase> phases, HashSet<string> venues, Dictionary<string, string> interpretations)
    {
        s.Allow("id", "name", "names", "singular", "singulars", "kind", "phase", "chair", "paragraph", "window", "venue", "days", "meetings", "maxWorkingDays", "totalDays",
            "budgetParagraph", "components", "documents", "stakeholders", "balanceParagraph", "interpretation", "format", "invitationOnly");
        var seriesId = s.Text("id", required: false);
        s.Interpretation(interpretations, seriesId);
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
        if (defaultVenue is not null && !venues.Contains(defaultVenue))
        {
            s.Problem("venue", $"'{defaultVenue}' is not one of the venues listed under 'venues'.");
        }
        var defaultDays = s.Int("days", required: false, min: 1);
        var slot = 0;
        // A series may plan no meeting (informal dialogues, regional consultations): then it has no placement rules.
        var meetings = s.List("meetings", required: false).Select(m =>
        {
            m.Allow("theme", "venue", "month", "months", "from", "to", "days", "paragraph", "interpretation");
            slot++;
            m.Interpretation(interpretations, seriesId is null ? null : $"{seriesId}/{slot}");
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
            d.Allow("type", "title", "titles", "before", "after", "withinDays", "paragraph", "once", "interpretation");
            d.Interpretation(interpretations, seriesId is null || d.Text("type", required: false) is not { } docType ? null : $"{seriesId}/{docType}");
            var timing = d.Has("before") ? DocumentTiming.BeforeStart : DocumentTiming.AfterEnd;
            if (d.Has("before") == d.Has("after"))
            {
                d.Problem("type", "say either 'before: start' or 'after: end'.");
            }
            else if (d.Has("before") && d.Text("before") is { } before && before != "start")
            {
                d.Problem("before", $"'{before}' is not understood: write 'before: start'.");
            }
            else if (d.Has("after") && d.Text("after") is { } after && after != "end")
            {
                d.Problem("after", $"'{after}' is not understood: write 'after: end'.");
            }
            return new DocumentRule(d.Text("type") ?? "", timing, d.Int("withinDays", required: false, min: 0) ?? 0,
                d.Text("paragraph", required: false) ?? paragraph, d.Bool("once"), d.Text("title", required: false), d.Versions("titles"));
        }).ToList();

        return new MeetingSeries(s.Text("id") ?? "", s.Text("name") ?? "", s.Text("kind", required: false) ?? "meeting", phaseId,
            s.Text("chair", required: false), paragraph, windowFrom, windowTo, meetings,
            s.Int("maxWorkingDays", required: false, min: 1), s.Int("totalDays", required: false, min: 1),
            s.Text("budgetParagraph", required: false), components, documents, s.OneOf("stakeholders", ["open", "closed"]) != "closed",
            s.Text("balanceParagraph", required: false), defaultVenue, s.OneOf("format", ["in-person", "hybrid", "virtual"]), s.Bool("invitationOnly"),
            s.Versions("names"), s.Text("singular", required: false), s.Versions("singulars"));
    }

    /// <summary>
    /// The items read from a list, with each duplicate id reported where it is written again (line and column of its key), and the
    /// items without their nodes.
    /// </summary>
    private static List<T> Unique<T>(this List<(T Item, Node Node)> items, string key, Func<(T Item, Node Node), string> id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var value = id(item);
            if (value.Length > 0 && !seen.Add(value))
            {
                item.Node.Problem(key, $"'{value}' is already used by an earlier entry; each must be unique.");
            }
        }
        return items.Select(i => i.Item).ToList();
    }

    private sealed class StopParsing : Exception;

    /// <summary>A YAML mapping with its position, reporting problems rather than throwing.</summary>
    private sealed class Node(YamlMappingNode node, List<ModalitiesProblem> problems)
    {
        public YamlMappingNode Yaml => node;

        private YamlNode? Get(string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

        public bool Has(string key) => Get(key) is not null;

        /// <summary>Records this entry's "interpretation: why" under <paramref name="key"/> (the rule it makes).</summary>
        public void Interpretation(Dictionary<string, string> into, string? key)
        {
            if (Text("interpretation", required: false) is { } note && key is not null)
            {
                into[key] = note;
            }
        }

        public (int Line, int Column) Position(string key) => Get(key)?.Start is { } at ? ((int)at.Line, (int)at.Column) : ((int)node.Start.Line, (int)node.Start.Column);

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

        /// <summary>
        /// An optional name in several languages: a mapping of official language codes to texts, e.g.
        /// <c>titles: { fr: Pacte mondial…, es: Pacto Mundial… }</c>. An unknown language or an empty text is reported.
        /// </summary>
        public IReadOnlyDictionary<string, string>? Versions(string key)
        {
            if (Get(key) is null)
            {
                return null;
            }
            if (Map(key) is not { } map)
            {
                return null;
            }
            var versions = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in map.Yaml.Children)
            {
                var culture = (k as YamlScalarNode)?.Value ?? "";
                if (Parley.Common.Languages.Find(culture, pseudo: false) is null)
                {
                    problems.Add(new ModalitiesProblem((int)k.Start.Line, (int)k.Start.Column,
                        $"'{key}': '{culture}' is not a language of the United Nations; use {string.Join(", ", Parley.Common.Languages.Official.Select(l => l.Culture))}."));
                }
                else if (v is not YamlScalarNode { Value: { Length: > 0 } text } || text.Trim().Length is 0 or > 500)
                {
                    problems.Add(new ModalitiesProblem((int)v.Start.Line, (int)v.Start.Column, $"'{key}': the {culture} version needs a text of at most 500 characters."));
                }
                else
                {
                    versions[culture] = text.Trim();
                }
            }
            return versions;
        }

        /// <summary>An optional value that must be one of <paramref name="allowed"/> (a misspelling is reported, not read as a default).</summary>
        public string? OneOf(string key, IReadOnlyList<string> allowed)
        {
            var text = Text(key, required: false);
            if (text is not null && !allowed.Contains(text))
            {
                Problem(key, $"'{text}' is not one of: {string.Join(", ", allowed)}.");
                return null;
            }
            return text;
        }

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
                Problem(key, min > int.MinValue ? $"'{text}' is not a whole number of at least {min}." : $"'{text}' is not a whole number.");
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
