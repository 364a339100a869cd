using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Parley.Data;

namespace Parley.Features.Audit;

/// <summary>
/// Anchors of the audit chain, kept outside the database (decision 012): each line is the head of the chain at a moment —
/// its sequence and hash. Whoever can rewrite the database can rehash the whole chain or cut its tail, and the chain alone
/// would still verify; an anchor cannot be moved with it. <c>audit verify</c> fails when an anchored entry is missing or
/// differs. The web app writes an anchor every <c>Audit:AnchorMinutes</c> (10) when the chain has grown;
/// <c>parley audit anchor</c> writes one on demand. Copy the file elsewhere (or print it) for the strongest guarantee.
/// </summary>
public sealed class AuditAnchors
{
    public const string DefaultFile = "data/audit-anchors.txt";

    public AuditAnchors(string file)
    {
        File = Path.GetFullPath(file);
    }

    public static AuditAnchors From(IConfiguration configuration) =>
        new(configuration["Audit:AnchorFile"] is { Length: > 0 } file ? file : DefaultFile);

    public string File { get; }

    public sealed record Anchor(long Sequence, string Hash, DateTime At);

    public IReadOnlyList<Anchor> Read()
    {
        if (!System.IO.File.Exists(File))
        {
            return [];
        }
        var anchors = new List<Anchor>();
        foreach (var line in System.IO.File.ReadAllLines(File))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 3 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
                && DateTime.TryParse(parts[2], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                anchors.Add(new Anchor(sequence, parts[1], at));
            }
        }
        return anchors;
    }

    /// <summary>Appends the chain's current head, unless it is already the last anchor. Returns it (null for an empty chain).</summary>
    public async Task<Anchor?> WriteAsync(ParleyDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        if (head is null)
        {
            return null;
        }
        var last = Read().LastOrDefault();
        if (last is not null && last.Sequence == head.Sequence && last.Hash == head.Hash)
        {
            return last;
        }
        var anchor = new Anchor(head.Sequence, head.Hash, clock.GetUtcNow().UtcDateTime);
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        await System.IO.File.AppendAllTextAsync(File,
            $"{anchor.Sequence.ToString(CultureInfo.InvariantCulture)} {anchor.Hash} {anchor.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\n", ct);
        return anchor;
    }
}
