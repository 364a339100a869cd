using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Features.Processes;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>What the co-facilitators (and the Secretariat) do with the text: versions, statuses, revisions, silence, adoption.</summary>
public static partial class TextCommands
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
