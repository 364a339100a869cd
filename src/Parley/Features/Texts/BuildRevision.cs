using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;

namespace Parley.Features.Texts;

/// <summary>Use case: the co-facilitators build Rev.N+1 from Rev.N and the decisions on its proposals, in one transaction.</summary>
public static partial class TextCommands
{
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
        revision.SetProposalDeadline(r.ProposalDeadline); // a new version is never adopted
        // One transaction: the version, every decision and every carried proposal are written together or not at all (a failure
        // half-way would otherwise leave a Rev.N+1 whose proposals were never carried, or decisions on a revision that does not exist).
        await using var transaction = await Parley.Features.Operations.UnitOfWork.BeginAsync(db, ct);
        db.TextVersions.Add(revision);
        db.AuditAction = "text.revision-built";
        await db.SaveChangesAsync(ct);
        int incorporated = 0, partly = 0, not = 0, carried = 0, changed = 0;
        var newTexts = result.ToDictionary(p => p.Key);
        foreach (var p in open)
        {
            if (decisions.TryGetValue(p.Id, out var d))
            {
                Settled(p.Settle(d.Decision switch { "accept" => ProposalStatus.Incorporated, "modify" => ProposalStatus.PartlyIncorporated, _ => ProposalStatus.NotIncorporated }));
                (d.Decision == "accept" ? ref incorporated : ref d.Decision == "modify" ? ref partly : ref not)++;
                continue;
            }
            Settled(p.Settle(ProposalStatus.CarriedForward));
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
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("A proposal on this version changed while the revision was being built; build it again.");
        }
        await notifier.QueueToKindAsync(db, PrincipalKind.MemberStateDelegate, Phrase.Of("Notice.RevisionIssued", revision.Label), Phrase.Of("Notice.RevisionIssuedBody", revision.Label, incorporated, partly, not, carried, changed), null, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.FlushAsync(ct);
        return new RevisionResult(ToRow(revision), incorporated, partly, not, carried, changed);
    }

    /// <summary>The open proposals were loaded as submitted, so a refusal to settle one is a bug, not an expected failure.</summary>
    private static void Settled(Error? refused)
    {
        if (refused is not null)
        {
            throw new InvalidOperationException(refused.Message);
        }
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

    private static string BisNumber(List<ProvisionData> list, ProvisionData anchor)
    {
        var root = anchor.Number.Split(' ')[0];
        if (root.Length == 0)
        {
            return "";
        }
        foreach (var suffix in Compilation.Latin)
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
}
