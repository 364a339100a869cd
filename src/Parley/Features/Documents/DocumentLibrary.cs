using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Features.Processes;

namespace Parley.Features.Documents;

/// <summary>
/// One language version of a document, by the document's symbol (stable across corrections of its record): a PDF or DOCX with the
/// words found in it. A new file for the same symbol and language replaces the earlier one, which stays in the history.
/// </summary>
public sealed class DocumentFile
{
    public int Id { get; internal set; }
    public string ProcessId { get; internal set; } = "";
    public string Symbol { get; internal set; } = "";
    public string Language { get; internal set; } = "";
    public string FileName { get; internal set; } = "";
    public string StorageName { get; internal set; } = "";
    public string ContentType { get; internal set; } = "";
    public long Size { get; internal set; }
    public string Sha256 { get; internal set; } = "";
    public string SearchText { get; internal set; } = "";
    public string UploadedBy { get; internal set; } = "";
    public DateTime UploadedAt { get; internal set; }
    public DateTime? ReplacedAt { get; internal set; }
}

/// <summary>
/// The documents library of a process: every current document with its symbol, date, type, meeting, the six official language
/// versions (available or pending), its corrigenda and other related documents, and full-text search over titles, symbols and the
/// words inside the files. A document is found at a stable address by its symbol.
/// </summary>
public static class DocumentLibrary
{
    /// <summary>The six official languages of the United Nations, in their usual order.</summary>
    public static readonly IReadOnlyList<string> Languages = ["ar", "zh", "en", "fr", "ru", "es"];

    public sealed record LanguageVersion(string Language, bool Available, string? FileName, DateTime? UploadedAt);

    /// <summary>A document; <see cref="Serves"/>: the rules of the modalities that wait for a document of its type ("§26 Secretary-General's report…").</summary>
    public sealed record Item(int Id, string Type, string? Symbol, string Title, DateOnly PublishedOn, int? MeetingId, string? MeetingTitle, string? Relation,
        string? RelatesTo, IReadOnlyList<LanguageVersion> Versions, IReadOnlyList<string> Related, IReadOnlyList<string>? Serves = null)
    {
        public IReadOnlyList<string> Pending => Versions.Where(v => !v.Available).Select(v => v.Language).ToList();
    }

    /// <summary>Attaches a language version to the document (which must carry a symbol). Secretariat only.</summary>
    public static async Task<Result<LanguageVersion>> AttachAsync(ParleyDb db, FileStore files, TimeProvider clock, Viewer viewer, string processId, int documentId,
        string? language, string? fileName, Stream content, long length, CancellationToken ct = default)
    {
        if (!viewer.IsSecretariat)
        {
            return Error.Forbidden("The Secretariat issues documents.");
        }
        var document = await db.ProcessDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.ProcessId == processId && d.EndedAt == null, ct);
        if (document is null)
        {
            return Error.NotFound("No such current document in this process.");
        }
        if (document.Symbol is null)
        {
            return Error.Validation("symbol", "Give the document a symbol first: its files are kept by symbol.");
        }
        var lang = language?.Trim().ToLowerInvariant();
        if (lang is null || !Languages.Contains(lang))
        {
            return Error.Validation("language", $"Use one of the six official languages: {string.Join(", ", Languages)}.");
        }
        var stored = await UploadedFiles.StoreAsync(files, fileName, content, length, "the document", ct);
        if (!stored.IsSuccess)
        {
            return stored.Error!;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var earlier in await db.DocumentFiles.Where(f => f.Symbol == document.Symbol && f.Language == lang && f.ReplacedAt == null).ToListAsync(ct))
        {
            earlier.ReplacedAt = now;
        }
        var text = stored.Value.Text ?? "";
        db.DocumentFiles.Add(new DocumentFile
        {
            ProcessId = processId, Symbol = document.Symbol, Language = lang, FileName = stored.Value.FileName, StorageName = stored.Value.StorageName,
            ContentType = stored.Value.ContentType, Size = stored.Value.Size, Sha256 = stored.Value.Sha256,
            SearchText = (text.Length > TextExtraction.MaxChars ? text[..TextExtraction.MaxChars] : text).ToLowerInvariant(), UploadedBy = viewer.Name, UploadedAt = now,
        });
        db.AuditAction = "document.file-attached";
        await db.SaveChangesAsync(ct);
        return new LanguageVersion(lang, true, stored.Value.FileName, now);
    }

    /// <summary>The library: current documents, newest first, filtered by type and words (title, symbol, or inside any language's file).</summary>
    public static async Task<IReadOnlyList<Item>> ListAsync(ParleyDb db, string processId, string? q, string? type, CancellationToken ct = default)
    {
        var documents = db.ProcessDocuments.AsNoTracking().Where(d => d.ProcessId == processId && d.EndedAt == null);
        if (!string.IsNullOrWhiteSpace(type))
        {
            documents = documents.Where(d => d.Type == type);
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            foreach (var word in q.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
            {
                var inFiles = db.DocumentFiles.Where(f => f.ProcessId == processId && f.ReplacedAt == null && f.SearchText.Contains(word)).Select(f => f.Symbol);
                documents = documents.Where(d => d.Title.ToLower().Contains(word) || (d.Symbol != null && (d.Symbol.ToLower().Contains(word) || inFiles.Contains(d.Symbol))));
            }
        }
        return await ItemsAsync(db, processId, await documents.OrderByDescending(d => d.PublishedOn).ThenByDescending(d => d.Id).Take(500).ToListAsync(ct), ct);
    }

    /// <summary>The current document with this symbol, in any process (the stable public address).</summary>
    public static async Task<Item?> BySymbolAsync(ParleyDb db, string symbol, CancellationToken ct = default)
    {
        var document = await db.ProcessDocuments.AsNoTracking().Where(d => d.Symbol == symbol && d.EndedAt == null).OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        return document is null ? null : (await ItemsAsync(db, document.ProcessId, [document], ct)).Single();
    }

    /// <summary>The current file of a symbol in a language.</summary>
    public static Task<DocumentFile?> FileAsync(ParleyDb db, string symbol, string language, CancellationToken ct = default) =>
        db.DocumentFiles.AsNoTracking().Where(f => f.Symbol == symbol && f.Language == language && f.ReplacedAt == null).OrderByDescending(f => f.Id).FirstOrDefaultAsync(ct);

    private static async Task<IReadOnlyList<Item>> ItemsAsync(ParleyDb db, string processId, IReadOnlyList<ProcessDocument> documents, CancellationToken ct)
    {
        var symbols = documents.Where(d => d.Symbol is not null).Select(d => d.Symbol!).ToList();
        var files = await db.DocumentFiles.AsNoTracking().Where(f => symbols.Contains(f.Symbol) && f.ReplacedAt == null)
            .Select(f => new { f.Symbol, f.Language, f.FileName, f.UploadedAt }).ToListAsync(ct);
        var related = await db.ProcessDocuments.AsNoTracking().Where(d => d.ProcessId == processId && d.EndedAt == null && d.RelatesTo != null && symbols.Contains(d.RelatesTo))
            .Select(d => new { d.RelatesTo, d.Symbol, d.Title }).ToListAsync(ct);
        var meetingIds = documents.Where(d => d.MeetingId is not null).Select(d => d.MeetingId!.Value).Distinct().ToList();
        var titles = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Title, ct);
        var def = (await ProcessQueries.FindAsync(db, processId, ct))?.Definition;
        var rules = def is null ? [] : def.Obligations.Select(o => (o.DocumentType, Text: $"§{o.Paragraph} {o.Title}"))
            .Concat(def.Series.SelectMany(s => s.Documents.Select(d => (DocumentType: d.Type, Text: $"§{d.Paragraph} {d.Title ?? d.Type} ({s.Name})")))).ToList();
        return documents.Select(d => new Item(d.Id, d.Type, d.Symbol, d.Title, d.PublishedOn, d.MeetingId, d.MeetingId is { } m ? titles.GetValueOrDefault(m) : null,
            d.Relation, d.RelatesTo,
            Languages.Select(l => files.FirstOrDefault(f => f.Symbol == d.Symbol && f.Language == l) is { } f
                ? new LanguageVersion(l, true, f.FileName, f.UploadedAt) : new LanguageVersion(l, false, null, null)).ToList(),
            related.Where(r => r.RelatesTo == d.Symbol).Select(r => r.Symbol ?? r.Title).ToList(),
            rules.Where(r => r.DocumentType == d.Type).Select(r => r.Text).Distinct().ToList())).ToList();
    }

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
