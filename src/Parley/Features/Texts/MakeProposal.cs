using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>Use case: a Member State delegation proposes (or drafts) a change to the current version, for its State or a group.</summary>
public static partial class Proposals
{
    public sealed record ProposalRequest(string? Kind, string? ProvisionKey, int? Start, int? End, string? NewText, string? AfterKey, string? NewKind,
        string? Sponsor, IReadOnlyList<string>? Cosponsors, string? Justification, bool Submit = true);

    /// <summary>For whom this delegate proposes: its own State when none is named, or a group it may speak for.</summary>
    internal static async Task<Result<(string Code, bool IsGroup)>> SponsorAsync(ParleyDb db, Viewer viewer, string? requested, CancellationToken ct)
    {
        var acting = await Delegations.ActingForAsync(db, viewer, ct);
        var code = (string.IsNullOrWhiteSpace(requested) ? viewer.StateIso3! : requested).Trim().ToUpperInvariant();
        var sponsor = acting.FirstOrDefault(a => a.Code == code);
        return sponsor.Code is null ? Error.Forbidden($"You may propose for {string.Join(" or ", acting.Select(a => a.Code))}, not for {code}.") : sponsor;
    }

    public static async Task<Result<ProposalRow>> CreateAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int versionId, ProposalRequest r, CancellationToken ct = default)
    {
        if (!viewer.IsMemberStateDelegate)
        {
            return Error.Forbidden("Only Member State delegations propose text: the negotiations are intergovernmental (71/280 §8).");
        }
        var sponsored = await SponsorAsync(db, viewer, r.Sponsor, ct);
        if (!sponsored.IsSuccess)
        {
            return sponsored.Error!;
        }
        var sponsor = sponsored.Value;
        var sponsorCode = sponsor.Code;
        var open = await OpenVersionAsync(db, clock, versionId, ct);
        if (!open.IsSuccess)
        {
            return open.Error!;
        }
        var version = open.Value;
        var errors = new FieldErrors();
        var kind = ParseKind(r.Kind);
        if (kind is null)
        {
            errors.Add("kind", $"Use one of: {string.Join(", ", Enum.GetValues<ProposalKind>().Select(Slug))}.");
        }
        var provision = version.Provisions.FirstOrDefault(p => p.Key == r.ProvisionKey);
        if (provision is null)
        {
            errors.Add("provisionKey", "No such provision in this version.");
        }
        var words = Words.Split(provision?.Text);
        int start = 0, end = 0;
        if (kind is ProposalKind.Replace or ProposalKind.Delete or ProposalKind.Insert && provision is not null)
        {
            start = r.Start ?? -1;
            end = kind == ProposalKind.Insert ? start : r.End ?? -1;
            if (start < 0 || end < start || end > words.Length || (kind != ProposalKind.Insert && end == start))
            {
                errors.Add("start", $"Give the words as a range [start, end) within 0..{words.Length}" + (kind == ProposalKind.Insert ? " (an insertion needs only start)." : ", end after start."));
            }
        }
        var newText = Words.Normalize(r.NewText);
        if (kind is ProposalKind.Replace or ProposalKind.Insert or ProposalKind.Alternative or ProposalKind.AddProvision && newText.Length == 0)
        {
            errors.Add("newText", "Give the words you propose.");
        }
        if (newText.Length > 8000 || r.Justification is { Length: > 2000 })
        {
            errors.Add("newText", "At most 8,000 characters of text and 2,000 of justification.");
        }
        ProvisionKind? newKind = null;
        if (kind is ProposalKind.AddProvision or ProposalKind.MoveProvision)
        {
            if (version.Provisions.All(p => p.Key != r.AfterKey))
            {
                errors.Add("afterKey", "Say after which provision.");
            }
            if (kind == ProposalKind.MoveProvision && r.AfterKey == r.ProvisionKey)
            {
                errors.Add("afterKey", "A provision cannot move after itself.");
            }
            if (kind == ProposalKind.AddProvision)
            {
                newKind = Enum.TryParse<ProvisionKind>(r.NewKind ?? "Paragraph", true, out var nk) ? nk : null;
                if (newKind is null)
                {
                    errors.Add("newKind", "Use paragraph, subparagraph, heading or section.");
                }
            }
        }
        var cosponsors = new List<(string Code, bool IsGroup)>();
        foreach (var c in (r.Cosponsors ?? []).Select(c => c.Trim().ToUpperInvariant()).Distinct().Where(c => c != sponsorCode))
        {
            if (await db.States.AnyAsync(s => s.Iso3 == c && s.Status == StateStatus.MemberState, ct))
            {
                cosponsors.Add((c, false));
            }
            else if (await db.NegotiatingGroups.AnyAsync(g => g.Code == c, ct))
            {
                cosponsors.Add((c, true));
            }
            else
            {
                errors.Add("cosponsors", $"'{c}' is neither a Member State nor a negotiating group.");
            }
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var proposal = new Proposal
        {
            TextId = version.TextId,
            VersionId = version.Id,
            Kind = kind!.Value,
            ProvisionKey = provision!.Key,
            AfterKey = kind is ProposalKind.AddProvision or ProposalKind.MoveProvision ? r.AfterKey : null,
            Start = start,
            End = end,
            OriginalWords = kind is ProposalKind.Replace or ProposalKind.Delete ? Words.Slice(words, start, end) : kind == ProposalKind.Insert ? "" : provision.Text,
            NewText = newText.Length == 0 ? null : newText,
            NewKind = newKind,
            SponsorCode = sponsor.Code,
            SponsorIsGroup = sponsor.IsGroup,
            DraftedByState = viewer.StateIso3!,
            CreatedBy = viewer.UserId!,
            Justification = string.IsNullOrWhiteSpace(r.Justification) ? null : r.Justification.Trim(),
            Status = r.Submit ? ProposalStatus.Submitted : ProposalStatus.Draft,
            CreatedAt = now,
            SubmittedAt = r.Submit ? now : null,
            Cosponsors = cosponsors.Select(c => new ProposalCosponsor { Code = c.Code, IsGroup = c.IsGroup }).ToList(),
        };
        db.Proposals.Add(proposal);
        db.AuditAction = r.Submit ? "proposal.submitted" : "proposal.drafted";
        await db.SaveChangesAsync(ct);
        return await RowAsync(db, proposal, ct);
    }
}
