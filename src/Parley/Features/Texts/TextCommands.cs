using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Features.Processes;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>What the co-facilitators (and the Secretariat) do with the text: versions, statuses, revisions, silence, adoption.</summary>
public static class TextCommands
{
    public static bool MayManage(Viewer viewer) => viewer.IsCoFacilitator || viewer.IsSecretariat;

    public sealed record TextRow(int Id, string Process, string Code, string Title, IReadOnlyList<VersionRow> Versions);

    public sealed record VersionRow(int Id, int Sequence, string Label, string? Symbol, DateOnly Date, string Author, DateTime? ProposalDeadlineUtc, bool IsAdopted, int Provisions);

    public static async Task<Result<TextRow>> CreateTextAsync(ParleyDb db, TimeProvider clock, Viewer viewer, string processId, string? code, string? title, CancellationToken ct = default)
    {
        if (!MayManage(viewer))
        {
            return Error.Forbidden("Texts are kept by the co-facilitators and the Secretariat.");
        }
        if (await ProcessQueries.FindAsync(db, processId, ct) is null)
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var errors = new FieldErrors().Require("code", code).Require("title", title);
        var slug = code?.Trim().ToLowerInvariant() ?? "";
        if (slug.Length > 50 || slug.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            errors.Add("code", "Lower-case letters, digits and '-', at most 50.");
        }
        if (title is { Length: > 300 })
        {
            errors.Add("title", "At most 300 characters.");
        }
        if (await db.Texts.AnyAsync(t => t.ProcessId == processId && t.Code == slug, ct))
        {
            errors.Add("code", "This process already has a text with that code.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var text = new NegotiatedText { ProcessId = processId, Code = slug, Title = title!.Trim(), CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Texts.Add(text);
        db.AuditAction = "text.created";
        await db.SaveChangesAsync(ct);
        return (await GetTextAsync(db, text.Id, ct))!;
    }

    public static async Task<TextRow?> GetTextAsync(ParleyDb db, int textId, CancellationToken ct = default)
    {
        var text = await db.Texts.AsNoTracking().FirstOrDefaultAsync(t => t.Id == textId, ct);
        if (text is null)
        {
            return null;
        }
        var versions = await db.TextVersions.AsNoTracking().Where(v => v.TextId == textId).OrderBy(v => v.Sequence)
            .Select(v => new VersionRow(v.Id, v.Sequence, v.Label, v.Symbol, v.Date, v.Author, v.ProposalDeadlineUtc, v.IsAdopted, v.Provisions.Count)).ToListAsync(ct);
        return new TextRow(text.Id, text.ProcessId, text.Code, text.Title, versions);
    }

    public sealed record VersionRequest(string? Label, string? Symbol, string? Date, string? Content, DateTime? ProposalDeadline);

    /// <summary>
    /// Adds a version from imported provisions. After the first version, provisions keep their identity where the kind and number match
    /// the previous version's, or where the text is the same.
    /// </summary>
    public static async Task<Result<VersionRow>> AddVersionAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int textId, VersionRequest r,
        IReadOnlyList<ProvisionData> provisions, CancellationToken ct = default)
    {
        if (!MayManage(viewer))
        {
            return Error.Forbidden("Versions are issued by the co-facilitators and the Secretariat.");
        }
        var text = await db.Texts.FirstOrDefaultAsync(t => t.Id == textId, ct);
        if (text is null)
        {
            return Error.NotFound("No such text.");
        }
        var errors = new FieldErrors().Require("label", r.Label);
        var date = ParseDate(r.Date, errors);
        if (provisions.Count == 0)
        {
            errors.Add("content", "The text has no provisions.");
        }
        if (r.Label is { Length: > 60 } || r.Symbol is { Length: > 60 })
        {
            errors.Add("label", "Label and symbol take at most 60 characters.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var previous = await db.TextVersions.Include(v => v.Provisions).Where(v => v.TextId == textId).OrderByDescending(v => v.Sequence).FirstOrDefaultAsync(ct);
        var keyed = previous is null ? provisions : Rekey(previous.Provisions.OrderBy(p => p.Ordinal).Select(p => p.ToData()).ToList(), provisions);
        var version = NewVersion(text.Id, (previous?.Sequence ?? -1) + 1, r.Label!.Trim(), r.Symbol?.Trim(), date!.Value, viewer.Name, clock, previous?.Id, keyed);
        version.ProposalDeadlineUtc = r.ProposalDeadline?.ToUniversalTime();
        db.TextVersions.Add(version);
        db.AuditAction = "text.version-added";
        await db.SaveChangesAsync(ct);
        return ToRow(version);
    }

    internal static TextVersion NewVersion(int textId, int sequence, string label, string? symbol, DateOnly date, string author, TimeProvider clock, int? basedOn, IReadOnlyList<ProvisionData> provisions) => new()
    {
        TextId = textId,
        Sequence = sequence,
        Label = label,
        Symbol = string.IsNullOrWhiteSpace(symbol) ? null : symbol,
        Date = date,
        Author = author,
        CreatedAt = clock.GetUtcNow().UtcDateTime,
        BasedOnVersionId = basedOn,
        Provisions = provisions.Select((p, i) => new VersionProvision
        {
            Ordinal = i, Key = p.Key, Number = p.Number, Kind = p.Kind, ParentKey = p.ParentKey, SectionType = p.SectionType, Text = p.Text,
        }).ToList(),
    };

    /// <summary>Gives imported provisions the keys of the previous version's provisions they continue.</summary>
    public static IReadOnlyList<ProvisionData> Rekey(IReadOnlyList<ProvisionData> previous, IReadOnlyList<ProvisionData> imported)
    {
        var byNumber = previous.Where(p => p.Number.Length > 0).GroupBy(p => (p.Kind, p.Number, p.ParentKey is null)).ToDictionary(g => g.Key, g => g.First().Key);
        var byText = previous.GroupBy(p => p.Text).ToDictionary(g => g.Key, g => g.First().Key);
        var used = new HashSet<string>();
        var map = new Dictionary<string, string>();
        foreach (var p in imported)
        {
            string? key = null;
            if (byText.TryGetValue(p.Text, out var k1) && used.Add(k1))
            {
                key = k1;
            }
            else if (p.Number.Length > 0 && p.Kind != ProvisionKind.Subparagraph && byNumber.TryGetValue((p.Kind, p.Number, p.ParentKey is null), out var k2) && used.Add(k2))
            {
                key = k2;
            }
            map[p.Key] = key ?? p.Key;
        }
        return imported.Select(p => p with { Key = map[p.Key], ParentKey = p.ParentKey is null ? null : map.GetValueOrDefault(p.ParentKey, p.ParentKey) }).ToList();
    }

    public static async Task<Result<VersionRow>> SetDeadlineAsync(ParleyDb db, Viewer viewer, int versionId, DateTime? deadline, CancellationToken ct = default)
    {
        if (!MayManage(viewer))
        {
            return Error.Forbidden("Deadlines are set by the co-facilitators and the Secretariat.");
        }
        var version = await db.TextVersions.Include(v => v.Provisions).FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null)
        {
            return Error.NotFound("No such version.");
        }
        version.ProposalDeadlineUtc = deadline?.ToUniversalTime();
        version.Version++;
        db.AuditAction = "text.deadline-set";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("The deadline was changed at the same moment; reload and set it again.");
        }
        return ToRow(version);
    }

    public sealed record StatusRequest(string? ProvisionKey, string? Status, string? WaitsOn);

    public static string StatusSlug(ProvisionStatus s) => s switch
    {
        ProvisionStatus.AgreedAdRef => "agreed-ad-ref",
        ProvisionStatus.AgreedAdRefPending => "agreed-ad-ref-pending",
        _ => s.ToString().ToLowerInvariant(),
    };

    public static ProvisionStatus? ParseStatus(string? s) => Enum.GetValues<ProvisionStatus>().Cast<ProvisionStatus?>().FirstOrDefault(x => StatusSlug(x!.Value) == s?.Trim().ToLowerInvariant());

    /// <summary>The co-facilitators mark a provision bracketed, agreed ad ref (pending another), agreed or reopened; every change is kept.</summary>
    public static async Task<Result<ProvisionStatusEntry>> SetStatusAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int versionId, StatusRequest r, CancellationToken ct = default)
    {
        if (!viewer.IsCoFacilitator)
        {
            return Error.Forbidden("Only the co-facilitators set the status of a provision.");
        }
        var version = await db.TextVersions.AsNoTracking().Include(v => v.Provisions).FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null)
        {
            return Error.NotFound("No such version.");
        }
        var errors = new FieldErrors();
        var status = ParseStatus(r.Status);
        if (status is null)
        {
            errors.Add("status", $"Use one of: {string.Join(", ", Enum.GetValues<ProvisionStatus>().Select(StatusSlug))}.");
        }
        if (version.Provisions.All(p => p.Key != r.ProvisionKey))
        {
            errors.Add("provisionKey", "No such provision in this version.");
        }
        if (status == ProvisionStatus.AgreedAdRefPending && (r.WaitsOn is null || r.WaitsOn == r.ProvisionKey || version.Provisions.All(p => p.Key != r.WaitsOn)))
        {
            errors.Add("waitsOn", "Name the other provision this one waits on.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var entry = new ProvisionStatusEntry
        {
            VersionId = versionId, ProvisionKey = r.ProvisionKey!, Status = status!.Value,
            WaitsOnKey = status == ProvisionStatus.AgreedAdRefPending ? r.WaitsOn : null, SetBy = viewer.Name, SetAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ProvisionStatuses.Add(entry);
        db.AuditAction = "provision.status-set";
        await db.SaveChangesAsync(ct);
        return entry;
    }

    public sealed record RevisionDecision(int ProposalId, string? Decision, string? Text);

    public sealed record RevisionRequest(string? Label, string? Symbol, string? Date, IReadOnlyList<RevisionDecision>? Decisions,
        IReadOnlyDictionary<string, string>? Edits, bool Renumber = true, DateTime? ProposalDeadline = null);

    public sealed record RevisionResult(VersionRow Version, int Incorporated, int PartlyIncorporated, int NotIncorporated, int CarriedForward, int WordsChanged);

    /// <summary>
    /// Rev.N+1 from Rev.N: accepted proposals applied (whole, or "modify" with the co-facilitators' wording of the provision), edits
    /// applied, paragraphs renumbered; each decided proposal recorded as incorporated, partly or not; every other open proposal carried
    /// onto the new version, re-anchored on its words and flagged when they changed underneath it.
    /// </summary>
    public static async Task<Result<RevisionResult>> BuildRevisionAsync(ParleyDb db, Notifier notifier, TimeProvider clock, Viewer viewer, int versionId, RevisionRequest r, CancellationToken ct = default)
    {
        if (!viewer.IsCoFacilitator)
        {
            return Error.Forbidden("Revisions are built by the co-facilitators.");
        }
        var version = await db.TextVersions.Include(v => v.Provisions).FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null)
        {
            return Error.NotFound("No such version.");
        }
        if (await db.TextVersions.AnyAsync(v => v.TextId == version.TextId && v.Sequence > version.Sequence, ct))
        {
            return Error.Conflict($"{version.Label} already has a later version; build from the latest.");
        }
        var errors = new FieldErrors().Require("label", r.Label);
        var date = ParseDate(r.Date, errors);
        var open = await db.Proposals.Include(p => p.Cosponsors).Include(p => p.Stances)
            .Where(p => p.VersionId == versionId && p.Status == ProposalStatus.Submitted).ToListAsync(ct);
        var decisions = new Dictionary<int, RevisionDecision>();
        foreach (var d in r.Decisions ?? [])
        {
            if (open.All(p => p.Id != d.ProposalId))
            {
                errors.Add("decisions", $"Proposal {d.ProposalId} is not an open proposal on {version.Label}.");
            }
            else if (d.Decision is not ("accept" or "modify" or "reject"))
            {
                errors.Add("decisions", $"Proposal {d.ProposalId}: use accept, modify or reject.");
            }
            else if (d.Decision == "modify" && string.IsNullOrWhiteSpace(d.Text))
            {
                errors.Add("decisions", $"Proposal {d.ProposalId}: give the wording the co-facilitators keep.");
            }
            decisions[d.ProposalId] = d;
        }
        foreach (var key in (r.Edits ?? new Dictionary<string, string>()).Keys.Where(k => version.Provisions.All(p => p.Key != k)))
        {
            errors.Add("edits", $"No provision '{key}' in {version.Label}.");
        }
        var provisions = version.Provisions.OrderBy(p => p.Ordinal).Select(p => p.ToData()).ToList();
        var label = await Delegations.LabelsAsync(db, ct);
        var accepted = open.Where(p => decisions.TryGetValue(p.Id, out var d) && d.Decision == "accept").ToList();
        foreach (var group in accepted.Where(p => p.Kind is ProposalKind.Replace or ProposalKind.Insert or ProposalKind.Delete).GroupBy(p => p.ProvisionKey))
        {
            var list = group.Select(p => Proposals.ToView(p, label)).ToList();
            for (var i = 0; i < list.Count; i++)
            {
                for (var j = i + 1; j < list.Count; j++)
                {
                    if (Compilation.Overlap(list[i], list[j]))
                    {
                        errors.Add("decisions", $"Proposals {list[i].Id} and {list[j].Id} overlap; accept one and modify the wording for the other.");
                    }
                }
            }
        }
        if (errors.Any)
        {
            return errors.ToError();
        }

        // 1. Word-level and whole-provision changes.
        var texts = provisions.ToDictionary(p => p.Key, p => p.Text);
        foreach (var group in accepted.Where(p => p.Kind is ProposalKind.Replace or ProposalKind.Insert or ProposalKind.Delete).GroupBy(p => p.ProvisionKey))
        {
            texts[group.Key] = Compilation.Apply(texts[group.Key], group.Select(p => Proposals.ToView(p, label)).ToList());
        }
        foreach (var p in accepted.Where(p => p.Kind == ProposalKind.Alternative))
        {
            texts[p.ProvisionKey] = p.NewText ?? texts[p.ProvisionKey];
        }
        foreach (var (proposalId, d) in decisions.Where(d => d.Value.Decision == "modify"))
        {
            var p = open.First(x => x.Id == proposalId);
            if (p.Kind != ProposalKind.AddProvision)
            {
                texts[p.ProvisionKey] = Words.Normalize(d.Text);
            }
        }
        foreach (var (key, value) in r.Edits ?? new Dictionary<string, string>())
        {
            texts[key] = Words.Normalize(value);
        }
        var result = provisions.Select(p => p with { Text = texts[p.Key] }).ToList();

        // 2. Provisions deleted, moved, added.
        var deleted = accepted.Where(p => p.Kind == ProposalKind.DeleteProvision).Select(p => p.ProvisionKey).ToHashSet();
        result.RemoveAll(p => deleted.Contains(p.Key) || (p.ParentKey is not null && deleted.Contains(p.ParentKey)));
        foreach (var p in accepted.Where(p => p.Kind == ProposalKind.MoveProvision))
        {
            var moving = result.Where(x => x.Key == p.ProvisionKey || x.ParentKey == p.ProvisionKey).ToList();
            if (moving.Count == 0 || result.All(x => x.Key != p.AfterKey))
            {
                continue;
            }
            result.RemoveAll(moving.Contains);
            var at = LastIndexOfFamily(result, p.AfterKey!) + 1;
            result.InsertRange(at, moving);
        }
        foreach (var p in open.Where(p => p.Kind == ProposalKind.AddProvision && decisions.TryGetValue(p.Id, out var d) && d.Decision is "accept" or "modify"))
        {
            var anchor = result.FirstOrDefault(x => x.Key == p.AfterKey);
            if (anchor is null)
            {
                continue;
            }
            var wording = decisions[p.Id].Decision == "modify" ? Words.Normalize(decisions[p.Id].Text) : p.NewText ?? "";
            var kind = p.NewKind ?? ProvisionKind.Paragraph;
            var parent = kind == ProvisionKind.Subparagraph ? (anchor.Kind == ProvisionKind.Paragraph ? anchor.Key : anchor.ParentKey) : anchor.ParentKey is { } pk && anchor.Kind == ProvisionKind.Subparagraph
                ? result.FirstOrDefault(x => x.Key == pk)?.ParentKey : anchor.Kind is ProvisionKind.Section ? anchor.Key : anchor.ParentKey;
            var added = new ProvisionData(TextImport.NewKey(), BisNumber(result, anchor), kind, parent, anchor.SectionType, wording);
            result.Insert(LastIndexOfFamily(result, anchor.Key) + 1, added);
        }
        if (r.Renumber)
        {
            result = Renumber(result);
        }

        // 3. The new version, decisions recorded, open proposals carried forward.
        var revision = NewVersion(version.TextId, version.Sequence + 1, r.Label!.Trim(), r.Symbol?.Trim(), date!.Value, viewer.Name, clock, version.Id, result);
        revision.ProposalDeadlineUtc = r.ProposalDeadline?.ToUniversalTime();
        db.TextVersions.Add(revision);
        await db.SaveChangesAsync(ct);
        int incorporated = 0, partly = 0, not = 0, carried = 0, changed = 0;
        var newTexts = result.ToDictionary(p => p.Key);
        foreach (var p in open)
        {
            if (decisions.TryGetValue(p.Id, out var d))
            {
                p.Status = d.Decision switch { "accept" => ProposalStatus.Incorporated, "modify" => ProposalStatus.PartlyIncorporated, _ => ProposalStatus.NotIncorporated };
                (d.Decision == "accept" ? ref incorporated : ref d.Decision == "modify" ? ref partly : ref not)++;
                continue;
            }
            p.Status = ProposalStatus.CarriedForward;
            if (!newTexts.TryGetValue(p.ProvisionKey, out var target))
            {
                continue; // its provision is gone
            }
            var copy = CarryForward(p, provisions.First(x => x.Key == p.ProvisionKey).Text, target.Text, revision.Id);
            if (copy.Kind is ProposalKind.AddProvision or ProposalKind.MoveProvision && copy.AfterKey is not null && !newTexts.ContainsKey(copy.AfterKey))
            {
                copy.AfterKey = copy.ProvisionKey;
            }
            db.Proposals.Add(copy);
            carried++;
            changed += copy.WordsChanged ? 1 : 0;
        }
        db.AuditAction = "text.revision-built";
        await db.SaveChangesAsync(ct);
        await notifier.QueueToKindAsync(db, PrincipalKind.MemberStateDelegate, $"{revision.Label} issued",
            $"{revision.Label} of the text was issued: {incorporated} proposals incorporated, {partly} partly, {not} not; {carried} carried forward ({changed} whose words changed).", null, ct);
        await db.SaveChangesAsync(ct);
        await notifier.FlushAsync(ct);
        return new RevisionResult(ToRow(revision), incorporated, partly, not, carried, changed);
    }

    /// <summary>A copy of an open proposal on the new version, its word range mapped through the diff of its provision.</summary>
    internal static Proposal CarryForward(Proposal p, string oldText, string newText, int newVersionId)
    {
        var oldWords = Words.Split(oldText);
        var newWords = Words.Split(newText);
        int start = p.Start, end = p.End;
        var changed = false;
        if (p.Kind is ProposalKind.Replace or ProposalKind.Delete or ProposalKind.Insert)
        {
            var map = TextDiff.Map(oldWords, newWords);
            if (p.End > p.Start)
            {
                var mapped = Enumerable.Range(p.Start, p.End - p.Start).Select(i => map[i]).ToList();
                changed = mapped.Any(i => i < 0) || mapped.Zip(mapped.Skip(1), (a, b) => b - a).Any(d => d != 1);
                var kept = mapped.Where(i => i >= 0).ToList();
                (start, end) = kept.Count > 0 ? (kept.Min(), kept.Max() + 1) : (NearestNew(map, p.Start), NearestNew(map, p.Start));
                changed |= kept.Count == 0;
            }
            else
            {
                start = end = p.Start < oldWords.Length ? NearestNew(map, p.Start) : newWords.Length;
                changed = p.Start > 0 && p.Start <= oldWords.Length && map[p.Start - 1] < 0;
            }
        }
        else if (p.Kind is ProposalKind.Alternative or ProposalKind.Retain or ProposalKind.DeleteProvision)
        {
            changed = Words.Normalize(oldText) != Words.Normalize(newText);
        }
        return new Proposal
        {
            TextId = p.TextId, VersionId = newVersionId, Kind = p.Kind, ProvisionKey = p.ProvisionKey, AfterKey = p.AfterKey, Start = start, End = end,
            OriginalWords = p.Kind is ProposalKind.Replace or ProposalKind.Delete ? Words.Slice(newWords, start, end) : p.OriginalWords,
            NewText = p.NewText, NewKind = p.NewKind, SponsorCode = p.SponsorCode, SponsorIsGroup = p.SponsorIsGroup, DraftedByState = p.DraftedByState,
            CreatedBy = p.CreatedBy, Justification = p.Justification, Status = ProposalStatus.Submitted, CreatedAt = p.CreatedAt, SubmittedAt = p.SubmittedAt,
            CarriedFromId = p.Id, WordsChanged = changed,
            Cosponsors = p.Cosponsors.Select(c => new ProposalCosponsor { Code = c.Code, IsGroup = c.IsGroup }).ToList(),
            Stances = p.Stances.Select(s => new ProposalStance { Code = s.Code, IsGroup = s.IsGroup, Supports = s.Supports, Justification = s.Justification, At = s.At }).ToList(),
        };
    }

    private static int NearestNew(int[] map, int oldIndex)
    {
        for (var i = oldIndex; i < map.Length; i++)
        {
            if (map[i] >= 0)
            {
                return map[i];
            }
        }
        for (var i = Math.Min(oldIndex, map.Length) - 1; i >= 0; i--)
        {
            if (map[i] >= 0)
            {
                return map[i] + 1;
            }
        }
        return 0;
    }

    private static int LastIndexOfFamily(List<ProvisionData> list, string key)
    {
        var index = list.FindIndex(x => x.Key == key);
        while (index + 1 < list.Count && list[index + 1].ParentKey == key && list[index + 1].Kind == ProvisionKind.Subparagraph)
        {
            index++;
        }
        return index;
    }

    private static readonly string[] Latin = ["bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "novies", "decies"];

    private static string BisNumber(List<ProvisionData> list, ProvisionData anchor)
    {
        var root = anchor.Number.Split(' ')[0];
        if (root.Length == 0)
        {
            return "";
        }
        foreach (var suffix in Latin)
        {
            if (list.All(x => x.Number != $"{root} {suffix}"))
            {
                return $"{root} {suffix}";
            }
        }
        return root + " +";
    }

    /// <summary>Numbered paragraphs 1, 2, 3… and sub-paragraphs (a), (b)… per paragraph; unnumbered ones stay unnumbered.</summary>
    public static List<ProvisionData> Renumber(List<ProvisionData> provisions)
    {
        var n = 0;
        var letters = new Dictionary<string, int>();
        return provisions.Select(p =>
        {
            switch (p.Kind)
            {
                case ProvisionKind.Paragraph when p.Number.Length > 0:
                    return p with { Number = (++n).ToString(System.Globalization.CultureInfo.InvariantCulture) };
                case ProvisionKind.Subparagraph:
                    var i = letters[p.ParentKey ?? ""] = letters.GetValueOrDefault(p.ParentKey ?? "") + 1;
                    return p with { Number = $"({Letters(i)})" };
                default:
                    return p;
            }
        }).ToList();
    }

    private static string Letters(int i) => i <= 26 ? ((char)('a' + i - 1)).ToString() : new string((char)('a' + (i - 1) % 26), (i - 1) / 26 + 1);

    internal static VersionRow ToRow(TextVersion v) => new(v.Id, v.Sequence, v.Label, v.Symbol, v.Date, v.Author, v.ProposalDeadlineUtc, v.IsAdopted, v.Provisions.Count);

    internal static DateOnly? ParseDate(string? text, FieldErrors errors)
    {
        if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
        {
            return d;
        }
        errors.Add("date", "Give the date as YYYY-MM-DD.");
        return null;
    }
}
