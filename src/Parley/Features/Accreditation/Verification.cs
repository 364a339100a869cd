using System.Globalization;
using System.Security.Cryptography;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Notifications;
using Parley.Modalities;

namespace Parley.Features.Accreditation;

/// <summary>
/// Imports the ECOSOC consultative-status list (name, status: general|special|roster, optional country and since) and the GANHRI
/// accreditation list (name, country, status: A|B) from CSV. Bad rows are reported with their line and never stop the others.
/// </summary>
public static class Verification
{
    public static readonly IReadOnlyDictionary<string, string[]> Statuses = new Dictionary<string, string[]>
    {
        ["ecosoc"] = ["general", "special", "roster"],
        ["ganhri"] = ["A", "B"],
    };

    public sealed record RowProblem(int Line, string Message);

    public sealed record ImportReport(string Source, bool DryRun, int Rows, int Imported, IReadOnlyList<RowProblem> Problems, int RegistrationsMatched, int Duplicates);

    public const int MaxRows = 100_000;

    public static async Task<Result<ImportReport>> ImportAsync(ParleyDb db, Notifier notifier, TimeProvider clock, string actor, string source, Stream csv, bool dryRun,
        IProgress<(int Done, int Total)>? progress = null, CancellationToken ct = default)
    {
        source = source.Trim().ToLowerInvariant();
        if (!Statuses.TryGetValue(source, out var allowed))
        {
            return Error.Validation("source", "Use ecosoc or ganhri.");
        }
        using var buffer = new MemoryStream();
        await csv.CopyToAsync(buffer, ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
        buffer.Position = 0;
        var countries = (await db.States.AsNoTracking().Select(s => s.Iso3).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = new List<VerificationEntry>();
        var problems = new List<RowProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        using (var reader = new StreamReader(buffer, leaveOpen: true))
        using (var parser = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
               {
                   PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(),
                   MissingFieldFound = null,
                   BadDataFound = null,
                   DetectDelimiter = true,
               }))
        {
            try
            {
                if (!await parser.ReadAsync() || !parser.ReadHeader())
                {
                    return Error.Validation("file", "The file is empty; the first line must name the columns.");
                }
            }
            catch (CsvHelperException)
            {
                return Error.Validation("file", "The file is not CSV text.");
            }
            var header = parser.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToHashSet();
            var required = source == "ecosoc" ? new[] { "name", "status" } : ["name", "country", "status"];
            var missing = required.Where(r => !header.Contains(r)).ToList();
            if (missing.Count > 0)
            {
                return Error.Validation("file", $"The first line must name the columns {string.Join(", ", required)}; missing: {string.Join(", ", missing)}.");
            }
            var total = (int)Math.Max(1, buffer.Length / 40); // an estimate for the progress bar until the end is reached
            while (await parser.ReadAsync())
            {
                var line = parser.Parser.RawRow;
                if (entries.Count + problems.Count >= MaxRows)
                {
                    problems.Add(new RowProblem(line, $"More than {MaxRows:N0} rows; the rest were not read."));
                    break;
                }
                var name = parser.GetField("name")?.Trim() ?? "";
                var status = parser.GetField("status")?.Trim() ?? "";
                var country = header.Contains("country") ? parser.GetField("country")?.Trim().ToUpperInvariant() : null;
                var sinceText = header.Contains("since") ? parser.GetField("since")?.Trim() : null;
                var matchedStatus = allowed.FirstOrDefault(a => string.Equals(a, status, StringComparison.OrdinalIgnoreCase));
                string? problem = null;
                int? since = null;
                if (name.Length is 0 or > 300)
                {
                    problem = "the name is empty or longer than 300 characters";
                }
                else if (matchedStatus is null)
                {
                    problem = $"status '{status}' is not one of {string.Join(", ", allowed)}";
                }
                else if (!string.IsNullOrEmpty(country) && !countries.Contains(country))
                {
                    problem = $"country '{country}' is not an ISO3 code of a State";
                }
                else if (source == "ganhri" && string.IsNullOrEmpty(country))
                {
                    problem = "the country is missing";
                }
                else if (!string.IsNullOrEmpty(sinceText))
                {
                    if (int.TryParse(sinceText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1946 and <= 2100)
                    {
                        since = year;
                    }
                    else
                    {
                        problem = $"'since' must be a year, not '{sinceText}'";
                    }
                }
                if (problem is not null)
                {
                    problems.Add(new RowProblem(line, problem));
                }
                else
                {
                    var entry = new VerificationEntry(source, name, matchedStatus!, string.IsNullOrEmpty(country) ? null : country, since, now);
                    if (seen.Add(entry.NormalizedName + "|" + entry.CountryIso3))
                    {
                        entries.Add(entry);
                    }
                    else
                    {
                        duplicates++;
                    }
                }
                if ((entries.Count + problems.Count) % 500 == 0)
                {
                    progress?.Report((entries.Count + problems.Count, Math.Max(total, entries.Count + problems.Count)));
                }
            }
        }
        var tracks = await TracksVerifiedByAsync(db, source, ct);
        var pending = await db.Applications.Include(a => a.Organisation)
            .Where(a => a.Status == ApplicationStatus.AwaitingVerification).ToListAsync(ct);
        pending = pending.Where(a => tracks.ContainsKey((a.ProcessId, a.TrackId))).ToList();
        var byName = entries.GroupBy(e => e.NormalizedName).ToDictionary(g => g.Key, g => g.ToList());
        var matches = pending
            .Select(a => (Application: a, Entry: byName.GetValueOrDefault(a.Organisation!.NormalizedName)?
                .FirstOrDefault(e => tracks[(a.ProcessId, a.TrackId)].Statuses.Contains(e.Status, StringComparer.OrdinalIgnoreCase))))
            .Where(m => m.Entry is not null).ToList();
        progress?.Report((entries.Count + problems.Count, entries.Count + problems.Count));
        if (dryRun)
        {
            return new ImportReport(source, true, entries.Count + problems.Count + duplicates, entries.Count, problems, matches.Count, duplicates);
        }

        await using var transaction = await Parley.Features.Operations.UnitOfWork.BeginAsync(db, ct);
        // The previous list of this source is replaced; applications matched to it keep their status (the database sets the link to null).
        await db.VerificationEntries.Where(v => v.Source == source).ExecuteDeleteAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.VerificationEntries.AddRange(entries);
        db.ImportBatches.Add(new ImportBatch(source, entries.Count, problems.Count, sha, actor, now));
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        db.AuditAction = $"verification.{source}-imported";
        await db.SaveChangesAsync(ct); // the entries get their keys before registrations are linked to them
        foreach (var (application, entry) in matches)
        {
            application.Matched(entry!, now);
            await notifier.QueueAsync(db, await Applications.FocalPointsAsync(db, application.Organisation!.Code, ct),
                Phrase.Of("Notice.RegistrationConfirmed"), Phrase.Of("Notice.RegistrationConfirmedBody", application.Organisation.Name, source.ToUpperInvariant()),
                $"/organisations/{application.Organisation.Code}", ct);
        }
        db.AuditAction = "application.verified";
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.FlushAsync(ct);
        return new ImportReport(source, false, entries.Count + problems.Count + duplicates, entries.Count, problems, matches.Count, duplicates);
    }

    internal static async Task<VerificationEntry?> FindMatchAsync(ParleyDb db, AccreditationTrack track, string normalizedName, CancellationToken ct)
    {
        if (track.VerifiedBy is null)
        {
            return null;
        }
        var candidates = await db.VerificationEntries.AsNoTracking().Where(v => v.Source == track.VerifiedBy && v.NormalizedName == normalizedName).ToListAsync(ct);
        return candidates.FirstOrDefault(c => track.Statuses.Contains(c.Status, StringComparer.OrdinalIgnoreCase));
    }

    private static async Task<Dictionary<(string Process, string Track), AccreditationTrack>> TracksVerifiedByAsync(ParleyDb db, string source, CancellationToken ct)
    {
        var result = new Dictionary<(string, string), AccreditationTrack>();
        foreach (var id in await db.Processes.AsNoTracking().Select(p => p.Id).ToListAsync(ct))
        {
            var def = (await Processes.ProcessQueries.FindAsync(db, id, ct))!.Value.Definition;
            foreach (var t in def.Tracks.Where(t => t.VerifiedBy == source))
            {
                result[(id, t.Id)] = t;
            }
        }
        return result;
    }
}
