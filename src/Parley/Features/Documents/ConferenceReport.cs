using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Meetings;
using Parley.Features.Processes;
using Parley.Features.Texts;

namespace Parley.Features.Documents;

public enum SummaryKind { Plenary, Roundtable, Dialogue, Other }

/// <summary>The summary of one plenary meeting, roundtable or other deliberation of a meeting (§1(d): they go into the conference report).</summary>
public sealed class MeetingSummary
{
    public int Id { get; internal set; }
    public int MeetingId { get; internal set; }
    public SummaryKind Kind { get; internal set; }
    public string Title { get; internal set; } = "";
    public string Text { get; internal set; } = "";
    public string RecordedBy { get; internal set; } = "";
    public DateTime RecordedAt { get; internal set; }
}

public enum ReportStatus { Draft, Issued }

/// <summary>The report of the conference: chapters and annexes assembled from the record, edited by the Secretariat, then issued.</summary>
public sealed class ConferenceReportRecord
{
    public int Id { get; internal set; }
    public string ProcessId { get; internal set; } = "";
    public string Title { get; internal set; } = "";
    public string? Symbol { get; internal set; }
    public ReportStatus Status { get; internal set; }
    public string ChaptersJson { get; internal set; } = "[]";
    public int Version { get; internal set; }
    public DateOnly? IssuedOn { get; internal set; }
    public string? IssuedBy { get; internal set; }
    public int? DocumentId { get; internal set; }
}

/// <summary>
/// Use cases of the conference report (§1(d)): summaries recorded per meeting; a draft assembled in a standard structure — the
/// organisation of the conference, the summaries of plenaries and of roundtables and other deliberations, the adoption of the outcome,
/// and as annexes the adopted text and the list of participants —; edited chapter by chapter; exported as DOCX and print-ready HTML;
/// issued under a symbol, which records the document the §1(d) rule waits for and files the DOCX as its English version.
/// </summary>
public static class ConferenceReports
{
    public sealed record Chapter(string Heading, IReadOnlyList<string> Paragraphs, bool Annex = false);

    public sealed record View(int Id, string Title, string? Symbol, string Status, int Version, DateOnly? IssuedOn, IReadOnlyList<Chapter> Chapters, int? DocumentId);

    public sealed record SummaryRequest(string? Kind, string? Title, string? Text);

    public sealed record SummaryRow(int Id, int MeetingId, string Kind, string Title, string Text);

    public static async Task<Result<SummaryRow>> RecordSummaryAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int meetingId, SummaryRequest r, CancellationToken ct = default)
    {
        if (!(viewer.IsSecretariat || viewer.IsCoFacilitator))
        {
            return Error.Forbidden("The Secretariat records summaries (the co-facilitators those of the dialogues they convene).");
        }
        if (!await db.Meetings.AnyAsync(m => m.Id == meetingId, ct))
        {
            return Error.NotFound("No such meeting.");
        }
        var errors = new FieldErrors();
        if (!Enum.TryParse<SummaryKind>(r.Kind, true, out var kind) || int.TryParse(r.Kind, out _))
        {
            errors.Add("kind", "Use plenary, roundtable, dialogue or other.");
        }
        else if (viewer.IsCoFacilitator && kind != SummaryKind.Dialogue)
        {
            return Error.Forbidden("The co-facilitators record the summaries of the dialogues they convene.");
        }
        if (string.IsNullOrWhiteSpace(r.Title) || r.Title.Length > 300)
        {
            errors.Add("title", "A title of 1 to 300 characters, e.g. \"First plenary meeting\".");
        }
        if (string.IsNullOrWhiteSpace(r.Text) || r.Text.Length > 50_000)
        {
            errors.Add("text", "The summary, at most 50,000 characters.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var s = new MeetingSummary { MeetingId = meetingId, Kind = kind, Title = r.Title!.Trim(), Text = r.Text!.Trim(), RecordedBy = viewer.Name, RecordedAt = clock.GetUtcNow().UtcDateTime };
        db.MeetingSummaries.Add(s);
        db.AuditAction = "meeting.summary-recorded";
        await db.SaveChangesAsync(ct);
        return new SummaryRow(s.Id, s.MeetingId, s.Kind.ToString().ToLowerInvariant(), s.Title, s.Text);
    }

    private static View ToView(ConferenceReportRecord r) => new(r.Id, r.Title, r.Symbol, r.Status.ToString().ToLowerInvariant(), r.Version, r.IssuedOn,
        JsonSerializer.Deserialize<List<Chapter>>(r.ChaptersJson) ?? [], r.DocumentId);

    public static async Task<View?> GetAsync(ParleyDb db, string processId, CancellationToken ct = default) =>
        await db.ConferenceReports.AsNoTracking().Where(r => r.ProcessId == processId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct) is { } r ? ToView(r) : null;

    /// <summary>Assembles (or re-assembles, while a draft) the report from what is recorded now.</summary>
    public static async Task<Result<View>> AssembleAsync(ParleyDb db, Viewer viewer, string processId, CancellationToken ct = default)
    {
        if (!viewer.IsSecretariat)
        {
            return Error.Forbidden("The Secretariat prepares the report of the conference.");
        }
        if (await ProcessQueries.FindAsync(db, processId, ct) is not { } found)
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var def = found.Definition;
        var conferenceSeries = def.Series.Where(s => s.Kind == "conference").Select(s => s.Id).ToList();
        if (conferenceSeries.Count == 0)
        {
            return Error.Validation("series", "The modalities name no conference (a series of kind 'conference').");
        }
        var meetings = (await db.Meetings.AsNoTracking().Where(m => m.ProcessId == processId && conferenceSeries.Contains(m.SeriesId) && m.Status != MeetingStatus.Cancelled).ToListAsync(ct))
            .OrderBy(m => m.Days.FirstOrDefault()).ToList();
        if (meetings.Count == 0)
        {
            return Error.Validation("meetings", "Record the conference's meeting first.");
        }
        var ids = meetings.Select(m => m.Id).ToList();
        var summaries = await db.MeetingSummaries.AsNoTracking().Where(s => ids.Contains(s.MeetingId)).OrderBy(s => s.Id).ToListAsync(ct);
        var chapters = new List<Chapter>();
        static string Days(IEnumerable<DateOnly> days) => string.Join(", ", days.Select(d => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)));
        chapters.Add(new Chapter("I. Organization of the conference",
        [
            $"The {def.Outcome.AdoptedBy ?? def.Mandate.Body} convened the {def.Title} pursuant to resolution {def.Mandate.Symbol} of {def.Mandate.Adopted.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}.",
            .. meetings.Select(m => $"{m.Title} was held at {m.VenueName} on {Days(m.Days)}."),
        ]));
        var plenaries = summaries.Where(s => s.Kind == SummaryKind.Plenary).ToList();
        chapters.Add(new Chapter("II. Summaries of the plenary meetings",
            plenaries.Count == 0 ? ["No summary of a plenary meeting is recorded yet."] : plenaries.SelectMany(s => new[] { s.Title }.Concat(Split(s.Text))).ToList()));
        var others = summaries.Where(s => s.Kind != SummaryKind.Plenary).ToList();
        chapters.Add(new Chapter("III. Summaries of the roundtables and other deliberations",
            others.Count == 0 ? ["No other summary is recorded yet."] : others.SelectMany(s => new[] { s.Title }.Concat(Split(s.Text))).ToList()));

        // The adoption of the outcome, and the adopted text as annex I.
        var textIds = await db.Texts.AsNoTracking().Where(t => t.ProcessId == processId).Select(t => t.Id).ToListAsync(ct);
        var adoption = await db.Adoptions.AsNoTracking().Include(a => a.Votes).Where(a => textIds.Contains(a.TextId) && a.Adopted).OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);
        if (adoption is null)
        {
            chapters.Add(new Chapter("IV. Adoption of the outcome", ["The adoption of the outcome is not recorded yet."]));
            chapters.Add(new Chapter("Annex I. Adopted text", ["(to follow)"], Annex: true));
        }
        else
        {
            var how = adoption.Method == AdoptionMethod.Consensus ? "without a vote"
                : $"by a recorded vote of {adoption.Votes.Count(v => v.Vote == Vote.Yes)} in favour to {adoption.Votes.Count(v => v.Vote == Vote.No)} against, with {adoption.Votes.Count(v => v.Vote == Vote.Abstain)} abstentions";
            chapters.Add(new Chapter("IV. Adoption of the outcome",
                [$"On {adoption.AdoptedOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}, the conference adopted the {def.Outcome.Title} {how}. The text is annexed to the present report (annex I)."]));
            var provisions = await db.Provisions.AsNoTracking().Where(p => p.VersionId == adoption.VersionId).OrderBy(p => p.Ordinal).ToListAsync(ct);
            chapters.Add(new Chapter($"Annex I. {def.Outcome.Title}",
                provisions.Select(p => p.Kind == ProvisionKind.Heading ? p.Text : $"{p.Number}{(p.Number.Length > 0 ? ". " : "")}{p.Text}").ToList(), Annex: true));
        }

        // Annex II: the list of participants — the delegations registered for the conference, and those people who agreed to be listed.
        var registrations = await db.MeetingRegistrations.AsNoTracking().Include(r => r.Participants)
            .Where(r => ids.Contains(r.MeetingId) && r.Status == RegistrationStatus.Approved).ToListAsync(ct);
        var names = await db.States.AsNoTracking().ToDictionaryAsync(s => s.Iso3, s => s.Name, ct);
        var orgNames = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.Name, ct);
        var participants = registrations
            .GroupBy(r => (r.Kind, r.Code))
            .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Kind == RegistrationKind.Delegation ? names.GetValueOrDefault(g.Key.Code, g.Key.Code) : orgNames.GetValueOrDefault(g.Key.Code, g.Key.Code), StringComparer.Ordinal)
            .Select(g =>
            {
                var who = g.Key.Kind == RegistrationKind.Delegation ? names.GetValueOrDefault(g.Key.Code, g.Key.Code) : orgNames.GetValueOrDefault(g.Key.Code, g.Key.Code);
                var people = g.SelectMany(r => r.Participants).Where(p => p.ListPublicly).Select(p => p.Name).Distinct().ToList();
                return people.Count == 0 ? who : $"{who}: {string.Join(", ", people)}";
            }).ToList();
        chapters.Add(new Chapter("Annex II. List of participants", participants.Count == 0 ? ["No registration is approved yet."] : participants, Annex: true));

        var report = await db.ConferenceReports.Where(r => r.ProcessId == processId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        if (report is { Status: ReportStatus.Issued })
        {
            return Error.Conflict("The report is issued; a correction is a corrigendum in the documents library.");
        }
        if (report is null)
        {
            db.ConferenceReports.Add(report = new ConferenceReportRecord { ProcessId = processId, Title = $"Report of the {def.Title}", Status = ReportStatus.Draft });
        }
        report.ChaptersJson = JsonSerializer.Serialize(chapters);
        report.Version++;
        db.AuditAction = "conference-report.assembled";
        await db.SaveChangesAsync(ct);
        return ToView(report);
    }

    private static IEnumerable<string> Split(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public sealed record EditRequest(int Version, int Chapter, IReadOnlyList<string>? Paragraphs, string? Heading);

    /// <summary>The Secretariat edits one chapter of the draft (the version it read, so nobody's edit is lost).</summary>
    public static async Task<Result<View>> EditAsync(ParleyDb db, Viewer viewer, string processId, EditRequest r, CancellationToken ct = default)
    {
        if (!viewer.IsSecretariat)
        {
            return Error.Forbidden("The Secretariat edits the report.");
        }
        var report = await db.ConferenceReports.Where(x => x.ProcessId == processId).OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        if (report is null)
        {
            return Error.NotFound("Assemble the report first.");
        }
        if (report.Status == ReportStatus.Issued)
        {
            return Error.Conflict("The report is issued; a correction is a corrigendum in the documents library.");
        }
        if (r.Version != report.Version)
        {
            return Error.Conflict($"The report changed since you read it (now version {report.Version}); reload and edit again.");
        }
        var chapters = JsonSerializer.Deserialize<List<Chapter>>(report.ChaptersJson) ?? [];
        if (r.Chapter < 0 || r.Chapter >= chapters.Count)
        {
            return Error.Validation("chapter", $"Chapters are numbered 0 to {chapters.Count - 1}.");
        }
        var paragraphs = (r.Paragraphs ?? chapters[r.Chapter].Paragraphs).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (paragraphs.Sum(p => p.Length) > 200_000 || r.Heading is { Length: > 300 })
        {
            return Error.Validation("paragraphs", "A chapter of at most 200,000 characters, a heading of at most 300.");
        }
        chapters[r.Chapter] = chapters[r.Chapter] with { Paragraphs = paragraphs, Heading = string.IsNullOrWhiteSpace(r.Heading) ? chapters[r.Chapter].Heading : r.Heading.Trim() };
        report.ChaptersJson = JsonSerializer.Serialize(chapters);
        report.Version++;
        db.AuditAction = "conference-report.edited";
        await db.SaveChangesAsync(ct);
        return ToView(report);
    }

    public sealed record IssueRequest(string? Symbol, string? IssuedOn, int Version);

    /// <summary>Issues the draft under a symbol on a date: the document the §1(d) rule waits for, with the DOCX as its English version.</summary>
    public static async Task<Result<View>> IssueAsync(ParleyDb db, FileStore files, TimeProvider clock, Viewer viewer, string processId, IssueRequest r, CancellationToken ct = default)
    {
        if (!viewer.IsSecretariat)
        {
            return Error.Forbidden("The Secretariat issues the report.");
        }
        var report = await db.ConferenceReports.Where(x => x.ProcessId == processId).OrderByDescending(x => x.Id).FirstOrDefaultAsync(ct);
        if (report is null)
        {
            return Error.NotFound("Assemble the report first.");
        }
        if (report.Status == ReportStatus.Issued)
        {
            return Error.Conflict("The report is already issued.");
        }
        if (r.Version != report.Version)
        {
            return Error.Conflict($"The report changed since you read it (now version {report.Version}); reload and check it again.");
        }
        var def = (await ProcessQueries.FindAsync(db, processId, ct))!.Value.Definition;
        var type = def.Series.Where(s => s.Kind == "conference").SelectMany(s => s.Documents).Select(d => d.Type).FirstOrDefault() ?? "conference-report";
        var recorded = await ProcessCommands.RecordDocumentAsync(db, clock, processId, new ProcessCommands.DocumentRequest(type, r.Symbol, report.Title, r.IssuedOn, null), ct);
        if (!recorded.IsSuccess)
        {
            return recorded.Error!;
        }
        (report.Status, report.Symbol, report.IssuedOn, report.IssuedBy, report.DocumentId) = (ReportStatus.Issued, r.Symbol!.Trim(), recorded.Value.PublishedOn, viewer.Name, recorded.Value.Id);
        report.Version++;
        var view = ToView(report);
        var docx = Docx(view);
        var words = string.Join("\n", view.Chapters.SelectMany(c => c.Paragraphs.Prepend(c.Heading))).ToLowerInvariant();
        var storage = await files.SaveAsync(docx, ct);
        db.DocumentFiles.Add(new DocumentFile
        {
            ProcessId = processId, Symbol = report.Symbol, Language = "en", FileName = "conference-report.docx", StorageName = storage,
            ContentType = Accreditation.UploadedFiles.Docx, Size = docx.LongLength, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(docx)),
            SearchText = words.Length > TextExtraction.MaxChars ? words[..TextExtraction.MaxChars] : words,
            UploadedBy = viewer.Name, UploadedAt = clock.GetUtcNow().UtcDateTime,
        });
        db.AuditAction = "conference-report.issued";
        await db.SaveChangesAsync(ct);
        return view;
    }

    /// <summary>The report as a Word document: title block, chapters with headings, annexes on new pages, page numbers in the footer.</summary>
    public static byte[] Docx(View report)
    {
        using var stream = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            var body = new Body();
            Paragraph Para(string text, bool bold = false, int size = 22, JustificationValues? align = null, bool pageBreakBefore = false)
            {
                var props = new ParagraphProperties();
                if (pageBreakBefore)
                {
                    props.Append(new PageBreakBefore());
                }
                props.Append(new SpacingBetweenLines { After = "160" });
                if (align is { } a)
                {
                    props.Append(new Justification { Val = a });
                }
                var runProps = new RunProperties();
                if (bold)
                {
                    runProps.Append(new Bold());
                }
                runProps.Append(new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) });
                return new Paragraph(props, new Run(runProps, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            }
            if (report.Symbol is not null)
            {
                body.Append(Para(report.Symbol, align: JustificationValues.Right));
            }
            body.Append(Para(report.Title, bold: true, size: 32, align: JustificationValues.Center));
            foreach (var c in report.Chapters)
            {
                body.Append(Para(c.Heading, bold: true, size: 26, pageBreakBefore: c.Annex));
                foreach (var p in c.Paragraphs)
                {
                    body.Append(Para(p));
                }
            }
            var footer = main.AddNewPart<FooterPart>();
            footer.Footer = new Footer(new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
                new Run(new Text((report.Symbol ?? "Draft") + " — page ") { Space = SpaceProcessingModeValues.Preserve }),
                new SimpleField { Instruction = " PAGE " }));
            body.Append(new SectionProperties(new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                new PageSize { Width = 11906U, Height = 16838U }, new PageMargin { Top = 1440, Bottom = 1440, Left = 1440U, Right = 1440U, Header = 708U, Footer = 708U, Gutter = 0U }));
            main.Document = new Document(body);
        }
        return stream.ToArray();
    }

    /// <summary>The report as HTML ready to print to PDF (A4 page rules, annexes on new pages).</summary>
    public static string Html(View report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(report.Title)).Append("</title>")
            .Append("<style>@page{size:A4;margin:2.5cm}body{font-family:'Times New Roman',serif;font-size:12pt;line-height:1.4}h1{text-align:center}")
            .Append(".symbol{text-align:right}.annex{break-before:page}</style></head><body>");
        if (report.Symbol is not null)
        {
            html.Append("<p class=\"symbol\">").Append(WebUtility.HtmlEncode(report.Symbol)).Append("</p>");
        }
        html.Append("<h1>").Append(WebUtility.HtmlEncode(report.Title)).Append("</h1>");
        foreach (var c in report.Chapters)
        {
            html.Append(c.Annex ? "<section class=\"annex\">" : "<section>").Append("<h2>").Append(WebUtility.HtmlEncode(c.Heading)).Append("</h2>");
            foreach (var p in c.Paragraphs)
            {
                html.Append("<p>").Append(WebUtility.HtmlEncode(p)).Append("</p>");
            }
            html.Append("</section>");
        }
        return html.Append("</body></html>").ToString();
    }
}
