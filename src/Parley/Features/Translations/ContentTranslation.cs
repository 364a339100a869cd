using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;

namespace Parley.Features.Translations;

/// <summary>
/// A title of a record in another language than its original: a process's (from its modalities file), a meeting's or a
/// document's (entered by the Secretariat). Shown to readers of that language; the original otherwise.
/// </summary>
public sealed class ContentTranslation
{
    private ContentTranslation() { }

    public ContentTranslation(string kind, string recordId, string culture, string text)
    {
        Kind = kind;
        RecordId = recordId;
        Culture = culture;
        Text = text;
    }

    public int Id { get; private set; }

    /// <summary>"process", "meeting" or "document".</summary>
    public string Kind { get; private set; } = "";
    public string RecordId { get; private set; } = "";
    public string Culture { get; private set; } = "";
    public string Text { get; private set; } = "";

    public void Reword(string text) => Text = text;
}

/// <summary>Reading and setting the versions of titles in several languages.</summary>
public static class TitleVersions
{
    public const string Process = "process";
    public const string Meeting = "meeting";
    public const string Document = "document";
    public const int MaxLength = 500;

    /// <summary>The versions of the titles of several records of one kind, by record id.</summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ForAsync(ParleyDb db, string kind,
        IEnumerable<string> recordIds, CancellationToken ct = default)
    {
        var ids = recordIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<string, IReadOnlyDictionary<string, string>>();
        }
        var rows = await db.ContentTranslations.AsNoTracking().Where(t => t.Kind == kind && ids.Contains(t.RecordId))
            .Select(t => new { t.RecordId, t.Culture, t.Text }).ToListAsync(ct);
        return rows.GroupBy(r => r.RecordId).ToDictionary(g => g.Key,
            g => (IReadOnlyDictionary<string, string>)g.ToDictionary(r => r.Culture, r => r.Text, StringComparer.Ordinal), StringComparer.Ordinal);
    }

    /// <summary>Each record's title as a <see cref="Name"/> with its versions.</summary>
    public static async Task<IReadOnlyDictionary<string, Name>> NamesAsync(ParleyDb db, string kind, IEnumerable<(string Id, string Title)> records,
        CancellationToken ct = default)
    {
        var list = records.ToList();
        var versions = await ForAsync(db, kind, list.Select(r => r.Id), ct);
        return list.DistinctBy(r => r.Id).ToDictionary(r => r.Id, r => new Name(r.Title, versions.GetValueOrDefault(r.Id)), StringComparer.Ordinal);
    }

    /// <summary>
    /// Reads "ar: …" lines (one version per line, an official language's code, a colon, the title). Problems are returned, not thrown:
    /// an unknown language, an empty or too long title, a language given twice.
    /// </summary>
    public static (Dictionary<string, string> Versions, List<string> Problems) Parse(string? lines)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (raw, n) in (lines ?? "").Split('\n').Select((l, i) => (l.Trim(), i + 1)).Where(x => x.Item1.Length > 0))
        {
            var colon = raw.IndexOf(':', StringComparison.Ordinal);
            var culture = colon > 0 ? raw[..colon].Trim().ToLowerInvariant() : "";
            var text = colon > 0 ? raw[(colon + 1)..].Trim() : "";
            if (Languages.Find(culture, pseudo: false) is null)
            {
                problems.Add($"Line {n}: start with a language code ({string.Join(", ", Languages.Official.Select(l => l.Culture))}) and a colon.");
            }
            else if (text.Length is 0 or > MaxLength || text.Any(char.IsControl))
            {
                problems.Add($"Line {n}: a title of 1 to {MaxLength} characters.");
            }
            else if (!versions.TryAdd(culture, text))
            {
                problems.Add($"Line {n}: '{culture}' is given twice.");
            }
        }
        return (versions, problems);
    }

    public static string Format(IReadOnlyDictionary<string, string>? versions) =>
        versions is null ? "" : string.Join("\n", versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}: {v.Value}"));

    /// <summary>Replaces the versions of one record's title (in the caller's unit of work; the caller saves).</summary>
    public static async Task ReplaceAsync(ParleyDb db, string kind, string recordId, IReadOnlyDictionary<string, string> versions, CancellationToken ct = default)
    {
        // One row per language: a version that changes is reworded in place (the audit shows before and after).
        var existing = await db.ContentTranslations.Where(t => t.Kind == kind && t.RecordId == recordId).ToListAsync(ct);
        foreach (var row in existing)
        {
            if (!versions.TryGetValue(row.Culture, out var text))
            {
                db.ContentTranslations.Remove(row);
            }
            else if (text != row.Text)
            {
                row.Reword(text);
            }
        }
        foreach (var (culture, text) in versions.Where(v => existing.All(e => e.Culture != v.Key)))
        {
            db.ContentTranslations.Add(new ContentTranslation(kind, recordId, culture, text));
        }
    }

    /// <summary>
    /// The request: one version per line ("fr: Première session thématique"); empty removes them all. <see cref="Previous"/>: the
    /// versions as the editor read them (the same text); when given and someone changed them meanwhile, nothing is saved.
    /// </summary>
    public sealed record SetRequest(string? Titles, string? Previous = null);

    /// <summary>
    /// The Secretariat gives a meeting's or a document's title in other languages. Nobody else may; the record must belong to the
    /// process named; the versions replace the previous ones (audited like every change).
    /// </summary>
    public static async Task<Result<Dictionary<string, string>>> SetAsync(ParleyDb db, Identity.Viewer viewer, string kind, string processId,
        int recordId, SetRequest request, CancellationToken ct = default)
    {
        if (!viewer.IsSecretariat)
        {
            return Error.Forbidden("Only the Secretariat gives titles in other languages.");
        }
        var exists = kind switch
        {
            Meeting => await db.Meetings.AnyAsync(m => m.Id == recordId && m.ProcessId == processId, ct),
            Document => await db.ProcessDocuments.AnyAsync(d => d.Id == recordId && d.ProcessId == processId, ct),
            _ => false,
        };
        if (!exists)
        {
            return Error.NotFound(kind == Meeting ? "No such meeting in this process." : "No such document in this process.");
        }
        var (versions, problems) = Parse(request.Titles);
        if (problems.Count > 0)
        {
            return Error.Validation("titles", string.Join(" ", problems));
        }
        var id = recordId.ToString(CultureInfo.InvariantCulture);
        if (request.Previous is { } previous)
        {
            var current = await db.ContentTranslations.Where(t => t.Kind == kind && t.RecordId == id).ToDictionaryAsync(t => t.Culture, t => t.Text, ct);
            if (Format(current) != Format(Parse(previous).Versions))
            {
                return Error.Conflict("Someone changed these titles since you read them; reload and edit again.");
            }
        }
        await ReplaceAsync(db, kind, id, versions, ct);
        db.AuditAction = $"{kind}.titles-set";
        await db.SaveChangesAsync(ct);
        return versions;
    }
}
