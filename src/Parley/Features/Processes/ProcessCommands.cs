using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Modalities;

namespace Parley.Features.Processes;

/// <summary>What the Secretariat records about a process. Every change is audited by ParleyDb and re-evaluated by the report.</summary>
public static class ProcessCommands
{
    public sealed record MeetingRequest(
        string? Series, int? Slot, string? Title, string? Venue, string? VenueName, string? TimeZone, IReadOnlyList<string>? Days,
        int? ExpertPanels = null, bool? InteractiveExchange = null, string? Chair = null, string? Interpretation = null, string? Status = null,
        int? Version = null, IReadOnlyList<string>? HalfDays = null, string? KnownOn = null, string? Format = null, bool? Approximate = null);

    public sealed record MeetingRow(int Id, string Series, int? Slot, string Title, string Venue, string VenueName, string TimeZone,
        IReadOnlyList<DateOnly> Days, int ExpertPanels, bool InteractiveExchange, string? Chair, string? Interpretation, string Status, int Version,
        IReadOnlyList<DateOnly>? HalfDays = null, string Format = "in-person", bool Approximate = false);

    public static string FormatSlug(MeetingFormat f) => f switch { MeetingFormat.Hybrid => "hybrid", MeetingFormat.Virtual => "virtual", _ => "in-person" };

    public static MeetingRow ToRow(Meeting m) => new(m.Id, m.SeriesId, m.Slot, m.Title, m.VenueCode, m.VenueName, m.TimeZone, m.Days,
        m.ExpertPanels, m.InteractiveExchange, m.Chair, m.Interpretation, m.Status.ToString().ToLowerInvariant(), m.Version, m.HalfDays, FormatSlug(m.Format), m.Approximate);

    private static Result<(MeetingSeries Series, MeetingFacts Facts)> Validate(ModalitiesDefinition def, MeetingRequest r, FieldErrors errors,
        IReadOnlyList<Replan>? added = null)
    {
        var series = r.Series is null ? null : def.FindSeries(r.Series);
        if (series is null)
        {
            errors.Add("series", $"Use one of: {string.Join(", ", def.Series.Select(s => s.Id))}.");
        }
        // Slots are the file's planned meetings and those a decision added; any other meeting is an additional one (no slot).
        var addedHere = (added ?? []).Where(a => a.Added && a.Series == series?.Id).ToList();
        var slots = (series?.Meetings.Count ?? 0) + addedHere.Count;
        if (r.Slot is { } slot && series is not null && (slot < 1 || slot > slots))
        {
            errors.Add("slot", $"The {series.Name} has {slots} planned meeting(s); leave slot empty for an additional one.");
        }
        var planned = series is not null && r.Slot is { } s2 && s2 >= 1 && s2 <= series.Meetings.Count ? series.Meetings[s2 - 1]
            : addedHere.LastOrDefault(a => a.Slot == r.Slot) is { } a2 ? new PlannedMeeting(a2.Slot, a2.Theme, a2.Venue ?? series!.Meetings.FirstOrDefault()?.Venue ?? "", a2.From, a2.To, a2.Days, series!.Paragraph)
            : null;
        // An additional meeting sits at the series' default venue unless told otherwise.
        var venueCode = string.IsNullOrWhiteSpace(r.Venue) ? planned?.Venue ?? series?.DefaultVenue : r.Venue.Trim().ToUpperInvariant();
        var venue = venueCode is null ? null : def.FindVenue(venueCode);
        var timeZone = r.TimeZone ?? venue?.TimeZone;
        if (venueCode is null)
        {
            errors.Add("venue", "Say where the meeting sits.");
        }
        else if (venue is null && (string.IsNullOrWhiteSpace(r.VenueName) || string.IsNullOrWhiteSpace(r.TimeZone)))
        {
            errors.Add("venue", $"'{venueCode}' is not a venue of the modalities; give venueName and timeZone for a new one.");
        }
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            errors.Add("timeZone", $"'{timeZone}' is not a known time zone.");
        }
        var days = new List<DateOnly>();
        foreach (var d in r.Days ?? [])
        {
            if (DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                days.Add(day);
            }
            else
            {
                errors.Add("days", $"'{d}' is not a date (YYYY-MM-DD).");
            }
        }
        // A day sat for half a day only (a morning hearing) counts one half in every count of days.
        var halfDays = new List<DateOnly>();
        foreach (var h in r.HalfDays ?? [])
        {
            if (!DateOnly.TryParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var half) || !days.Contains(half))
            {
                errors.Add("halfDays", $"'{h}' is not one of the meeting's days.");
            }
            else
            {
                halfDays.Add(half);
            }
        }
        if (days.Count == 0)
        {
            errors.Add("days", "Give at least one day.");
        }
        else if (days.Count > 60)
        {
            errors.Add("days", "At most 60 days per meeting.");
        }
        if (r.ExpertPanels is < 0 or > 20)
        {
            errors.Add("expertPanels", "Between 0 and 20.");
        }
        var format = (r.Format ?? series?.DefaultFormat ?? "in-person").Trim().ToLowerInvariant() switch
        {
            "in-person" => MeetingFormat.InPerson, "hybrid" => MeetingFormat.Hybrid, "virtual" => MeetingFormat.Virtual, _ => (MeetingFormat?)null,
        };
        if (format is null)
        {
            errors.Add("format", "Use in-person, hybrid or virtual.");
        }
        MeetingStatus status = MeetingStatus.Scheduled;
        if (r.Status is not null && !Enum.TryParse(r.Status, ignoreCase: true, out status))
        {
            errors.Add("status", "Use scheduled, held or cancelled.");
        }
        var title = string.IsNullOrWhiteSpace(r.Title)
            ? planned?.Theme is { } theme ? $"{series!.Name} {planned.Slot}: {theme}" : $"{series?.Name} {(r.Slot is null ? "(additional)" : r.Slot)}"
            : r.Title.Trim();
        if (title.Length > 300)
        {
            errors.Add("title", "At most 300 characters.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        return (series!, new MeetingFacts(title, venueCode!, venue?.Name ?? r.VenueName!.Trim(), timeZone!, days.Order().ToList(),
            r.ExpertPanels ?? 0, r.InteractiveExchange ?? false, r.Chair ?? series!.Chair, r.Interpretation, status, halfDays, format!.Value, r.Approximate ?? false));
    }

    public static async Task<Result<MeetingRow>> ScheduleMeetingAsync(ParleyDb db, TimeProvider clock, string actor, string processId, MeetingRequest r, CancellationToken ct = default)
    {
        var found = await ProcessQueries.FindAsync(db, processId, ct);
        if (found is null)
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var errors = new FieldErrors();
        var (at, entered) = When(r.KnownOn, clock, errors);
        var validated = Validate(found.Value.Definition, r, errors, await AddedMeetingsAsync(db, processId, ct));
        if (!validated.IsSuccess)
        {
            return validated.Error!;
        }
        var (series, facts) = validated.Value;
        if (r.Slot is { } slot && await db.Meetings.AnyAsync(m => m.ProcessId == processId && m.SeriesId == series.Id && m.Slot == slot && m.Status != MeetingStatus.Cancelled, ct))
        {
            return Error.Conflict($"Meeting {slot} of the {series.Name} is already scheduled; reschedule it instead.");
        }
        var meeting = new Meeting(processId, series.Id, r.Slot, facts, actor, at, entered);
        db.Meetings.Add(meeting);
        db.AuditAction = "meeting.scheduled";
        await db.SaveChangesAsync(ct);
        return ToRow(meeting);
    }

    /// <summary>Changes a meeting. The caller sends the version it read; a stale version is a conflict showing the current state.</summary>
    public static async Task<Result<MeetingRow>> UpdateMeetingAsync(ParleyDb db, TimeProvider clock, string actor, string processId, int meetingId, MeetingRequest r, CancellationToken ct = default)
    {
        var found = await ProcessQueries.FindAsync(db, processId, ct);
        var meeting = await db.Meetings.Include(m => m.Revisions).FirstOrDefaultAsync(m => m.Id == meetingId && m.ProcessId == processId, ct);
        if (found is null || meeting is null)
        {
            return Error.NotFound("No such meeting.");
        }
        var errors = new FieldErrors();
        if (r.Version is null)
        {
            errors.Add("version", "Send the version you read, so that nobody's change is overwritten.");
        }
        // PATCH semantics: what the request leaves out keeps its value (a new venue from the modalities brings its own name and zone).
        var merged = r with
        {
            Series = meeting.SeriesId,
            Slot = meeting.Slot,
            Title = r.Title ?? meeting.Title,
            Venue = r.Venue ?? meeting.VenueCode,
            VenueName = r.VenueName ?? (r.Venue is null ? meeting.VenueName : null),
            TimeZone = r.TimeZone ?? (r.Venue is null ? meeting.TimeZone : null),
            Days = r.Days ?? meeting.Days.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
            HalfDays = r.HalfDays ?? (r.Days is null ? meeting.HalfDays.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList() : null),
            ExpertPanels = r.ExpertPanels ?? meeting.ExpertPanels,
            InteractiveExchange = r.InteractiveExchange ?? meeting.InteractiveExchange,
            Chair = r.Chair ?? meeting.Chair,
            Interpretation = r.Interpretation ?? meeting.Interpretation,
            Status = r.Status ?? meeting.Status.ToString(),
            Format = r.Format ?? FormatSlug(meeting.Format),
            Approximate = r.Approximate ?? meeting.Approximate,
        };
        var (at, entered) = When(r.KnownOn, clock, errors);
        var validated = Validate(found.Value.Definition, merged, errors, await AddedMeetingsAsync(db, processId, ct));
        if (!validated.IsSuccess)
        {
            return validated.Error!;
        }
        if (r.Version != meeting.Version)
        {
            var current = ToRow(meeting);
            return Error.Conflict($"Someone changed this meeting since you read it (now version {current.Version}: {current.Title}, {string.Join(", ", current.Days)} at {current.Venue}). Reload and apply your change again.");
        }
        meeting.Apply(validated.Value.Facts, actor, at, entered);
        db.AuditAction = "meeting.updated";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Someone changed this meeting at the same moment. Reload and apply your change again.");
        }
        return ToRow(meeting);
    }

    public sealed record AppointmentRequest(string? Role, string? Holder, string? State, string? AppointedOn, string? EndsOn, string? KnownOn = null);

    public static async Task<Result<AppointmentRow>> RecordAppointmentAsync(ParleyDb db, TimeProvider clock, string processId, AppointmentRequest r, CancellationToken ct = default)
    {
        var found = await ProcessQueries.FindAsync(db, processId, ct);
        if (found is null)
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var def = found.Value.Definition;
        var errors = new FieldErrors().Require("holder", r.Holder);
        var role = def.Roles.FirstOrDefault(x => x.Id == r.Role);
        if (role is null)
        {
            errors.Add("role", $"Use one of: {string.Join(", ", def.Roles.Select(x => x.Id))}.");
        }
        var state = string.IsNullOrWhiteSpace(r.State) ? null : r.State.Trim().ToUpperInvariant();
        if (state is not null && !await db.States.AnyAsync(s => s.Iso3 == state, ct))
        {
            errors.Add("state", $"'{state}' is not the ISO 3166 alpha-3 code of a State in the registry.");
        }
        if (r.Holder is { Length: > 200 })
        {
            errors.Add("holder", "At most 200 characters.");
        }
        var on = ParseDate(r.AppointedOn, "appointedOn", errors, required: true);
        var ends = ParseDate(r.EndsOn, "endsOn", errors, required: false);
        var (at, entered) = When(r.KnownOn, clock, errors);
        if (ends < on)
        {
            errors.Add("endsOn", "An appointment ends after it starts.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var appointment = new Appointment(processId, role!.Id, r.Holder!.Trim(), state, role.AppointedBy, on!.Value, ends, at, entered);
        db.Appointments.Add(appointment);
        db.AuditAction = "appointment.recorded";
        await db.SaveChangesAsync(ct);
        return ToRow(appointment);
    }

    public sealed record AppointmentRow(int Id, string Role, string Holder, string? State, string AppointedBy, DateOnly AppointedOn, DateOnly? EndedOn);

    public static AppointmentRow ToRow(Appointment a) => new(a.Id, a.RoleId, a.Holder, a.StateIso3, a.AppointedBy, a.AppointedOn, a.EndsOn);

    /// <summary>A correction or the end of an appointment: absent fields keep their values; <c>endedOn: ""</c> clears a recorded end.</summary>
    public sealed record AppointmentPatch(string? Holder, string? State, string? AppointedOn, string? EndedOn);

    public static async Task<Result<AppointmentRow>> CorrectAppointmentAsync(ParleyDb db, string processId, int appointmentId, AppointmentPatch r, CancellationToken ct = default)
    {
        var appointment = await db.Appointments.FirstOrDefaultAsync(a => a.Id == appointmentId && a.ProcessId == processId, ct);
        if (appointment is null)
        {
            return Error.NotFound("No such appointment in this process.");
        }
        var errors = new FieldErrors();
        if (r.Holder is not null && (r.Holder.Trim().Length == 0 || r.Holder.Length > 200))
        {
            errors.Add("holder", "A name of 1 to 200 characters.");
        }
        var state = r.State is null ? appointment.StateIso3 : r.State.Trim().Length == 0 ? null : r.State.Trim().ToUpperInvariant();
        if (state is not null && state != appointment.StateIso3 && !await db.States.AnyAsync(s => s.Iso3 == state, ct))
        {
            errors.Add("state", $"'{state}' is not the ISO 3166 alpha-3 code of a State in the registry.");
        }
        var on = r.AppointedOn is null ? appointment.AppointedOn : ParseDate(r.AppointedOn, "appointedOn", errors, required: true);
        var ended = r.EndedOn is null ? appointment.EndsOn : r.EndedOn.Trim().Length == 0 ? null : ParseDate(r.EndedOn, "endedOn", errors, required: true);
        if (errors.Any)
        {
            return errors.ToError();
        }
        if (appointment.Correct(r.Holder?.Trim() ?? appointment.Holder, state, on!.Value, ended) is { } refused)
        {
            return refused;
        }
        db.AuditAction = "appointment.corrected";
        await db.SaveChangesAsync(ct);
        return ToRow(appointment);
    }

    /// <summary>A meeting a decision moves: its rule id ("rounds/2"), when (a month "2030-09", or from/to dates), and optionally its days and venue.</summary>
    public sealed record MoveRequest(string? Meeting, string? From, string? To, int? Days = null, string? Venue = null);

    /// <summary>A meeting a decision adds to a series, with when, and optionally its days, venue and theme.</summary>
    public sealed record AddRequest(string? Series, string? From, string? To, int? Days = null, string? Venue = null, string? Theme = null);

    public sealed record DecisionRequest(string? Symbol, string? Title, string? AdoptedOn, IReadOnlyList<string>? Amends, string? Note,
        IReadOnlyList<MoveRequest>? Moves = null, IReadOnlyList<AddRequest>? Adds = null, string? KnownOn = null);

    /// <summary>Every meeting that a recorded decision adds, with its slot.</summary>
    private static async Task<IReadOnlyList<Replan>> AddedMeetingsAsync(ParleyDb db, string processId, CancellationToken ct) =>
        (await db.Decisions.AsNoTracking().Where(d => d.ProcessId == processId && d.ReplansText != null).OrderBy(d => d.AdoptedOn).ThenBy(d => d.Id).ToListAsync(ct))
            .SelectMany(d => d.Replans).Where(r => r.Added).ToList();

    /// <summary>"2030-09" → 1–30 September 2030; "2030-09-14" → that day (as the start, or the end with <paramref name="end"/>).</summary>
    private static DateOnly? MonthOrDate(string? text, string field, FieldErrors errors, bool end)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return end ? month.AddMonths(1).AddDays(-1) : month;
        }
        return ParseDate(text, field, errors, required: true);
    }

    private static List<Replan> Replans(ModalitiesDefinition def, DecisionRequest r, IReadOnlyList<Replan> alreadyAdded, FieldErrors errors)
    {
        var result = new List<Replan>();
        foreach (var m in r.Moves ?? [])
        {
            var parts = (m.Meeting ?? "").Split('/');
            var series = parts.Length == 2 ? def.FindSeries(parts[0]) : null;
            var slot = series is not null && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
            var addedSlots = alreadyAdded.Where(a => a.Series == series?.Id).Select(a => a.Slot).ToHashSet();
            if (series is null || ((slot < 1 || slot > series.Meetings.Count) && !addedSlots.Contains(slot)))
            {
                errors.Add("moves", $"'{m.Meeting}' is not a planned meeting: write it as series/slot, e.g. {def.Series.FirstOrDefault(s => s.Meetings.Count > 0)?.Id ?? "series"}/1.");
                continue;
            }
            var from = MonthOrDate(m.From, "moves", errors, end: false);
            var to = MonthOrDate(m.To ?? m.From, "moves", errors, end: true);
            if (from is null || to is null || to < from)
            {
                errors.Add("moves", $"{m.Meeting}: give when it now sits (a month, or from and to dates in order).");
                continue;
            }
            if (m.Venue is { } venue && def.FindVenue(venue) is null)
            {
                errors.Add("moves", $"{m.Meeting}: '{venue}' is not a venue of the modalities.");
                continue;
            }
            if (m.Days is < 1 or > 60)
            {
                errors.Add("moves", $"{m.Meeting}: a meeting has 1 to 60 days.");
                continue;
            }
            result.Add(new Replan(series.Id, slot, false, from.Value, to.Value, m.Days, m.Venue, null));
        }
        foreach (var a in r.Adds ?? [])
        {
            var series = a.Series is null ? null : def.FindSeries(a.Series);
            var from = MonthOrDate(a.From, "adds", errors, end: false);
            var to = MonthOrDate(a.To ?? a.From, "adds", errors, end: true);
            if (series is null || from is null || to is null || to < from)
            {
                errors.Add("adds", $"Name the series ({string.Join(", ", def.Series.Select(s => s.Id))}) and when the added meeting sits (a month, or from and to dates in order).");
                continue;
            }
            if (a.Venue is { } venue && def.FindVenue(venue) is null)
            {
                errors.Add("adds", $"'{venue}' is not a venue of the modalities.");
                continue;
            }
            if (a.Days is < 1 or > 60)
            {
                errors.Add("adds", "An added meeting has 1 to 60 days.");
                continue;
            }
            var slot = series.Meetings.Count + alreadyAdded.Count(x => x.Series == series.Id) + result.Count(x => x.Added && x.Series == series.Id) + 1;
            result.Add(new Replan(series.Id, slot, true, from.Value, to.Value, a.Days, a.Venue, a.Theme is { Length: > 0 } theme ? theme.Trim()[..Math.Min(theme.Trim().Length, 200)] : null));
        }
        return result;
    }

    public static async Task<Result<int>> RecordDecisionAsync(ParleyDb db, TimeProvider clock, string processId, DecisionRequest r, CancellationToken ct = default)
    {
        var found = await ProcessQueries.FindAsync(db, processId, ct);
        if (found is null)
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var errors = new FieldErrors().Require("symbol", r.Symbol).Require("title", r.Title);
        var on = ParseDate(r.AdoptedOn, "adoptedOn", errors, required: true);
        if (r.Symbol is { Length: > 60 } || r.Title is { Length: > 300 } || r.Note is { Length: > 2000 })
        {
            errors.Add("title", "The symbol takes at most 60 characters, the title 300, the note 2,000.");
        }
        // A decision may amend whole paragraphs, single rules ("rounds/4", "chair"), or nothing (e.g. the adoption of the outcome,
        // recorded for the history).
        var paragraphs = found.Value.Definition.Paragraphs.ToHashSet();
        var rules = ComplianceEngine.RuleIds(found.Value.Definition).ToHashSet();
        foreach (var a in r.Amends ?? [])
        {
            if (!paragraphs.Contains(a) && !rules.Contains(a))
            {
                errors.Add("amends", $"'{a}' is neither a paragraph with rules nor a rule of the modalities (rules: {string.Join(", ", rules.Take(12)) + (rules.Count > 12 ? ", …" : "")}).");
            }
        }
        var replans = Replans(found.Value.Definition, r, await AddedMeetingsAsync(db, processId, ct), errors);
        var (at, entered) = When(r.KnownOn, clock, errors);
        if (errors.Any)
        {
            return errors.ToError();
        }
        var decision = new Decision(processId, r.Symbol!.Trim(), r.Title!.Trim(), on!.Value, r.Amends ?? [], r.Note, at, replans, entered);
        db.Decisions.Add(decision);
        db.AuditAction = "decision.recorded";
        await db.SaveChangesAsync(ct);
        return decision.Id;
    }

    /// <summary>A document; a corrigendum, addendum or revision names the symbol it <c>relatesTo</c> and its <c>relation</c>.</summary>
    public sealed record DocumentRequest(string? Type, string? Symbol, string? Title, string? PublishedOn, int? MeetingId, string? KnownOn = null,
        string? RelatesTo = null, string? Relation = null);

    public sealed record DocumentRow(int Id, string Type, string? Symbol, string Title, DateOnly PublishedOn, int? MeetingId, bool Current,
        int? Corrects, string? WithdrawnReason, DateTime RecordedAt, string? RelatesTo = null, string? Relation = null);

    public static DocumentRow ToRow(ProcessDocument d) => new(d.Id, d.Type, d.Symbol, d.Title, d.PublishedOn, d.MeetingId, d.IsCurrent, d.CorrectsId, d.WithdrawnReason, d.RecordedAt,
        d.RelatesTo, d.Relation);

    private static readonly string[] Relations = ["corrigendum", "addendum", "revision", "reissue"];

    public static async Task<Result<DocumentRow>> RecordDocumentAsync(ParleyDb db, TimeProvider clock, string processId, DocumentRequest r, CancellationToken ct = default)
    {
        var found = await ProcessQueries.FindAsync(db, processId, ct);
        if (found is null)
        {
            return Error.NotFound($"No process '{processId}'.");
        }
        var errors = new FieldErrors().Require("type", r.Type).Require("title", r.Title);
        // The types the modalities name (a typo would otherwise leave a rule breached with no hint), and "other" for the rest.
        var types = DocumentTypes(found.Value.Definition);
        if (r.Type is { Length: > 0 } type && !types.Contains(type.Trim()))
        {
            errors.Add("type", $"'{type.Trim()}' is not a document type of the modalities; use one of: {string.Join(", ", types.Order(StringComparer.Ordinal))}.");
        }
        var on = ParseDate(r.PublishedOn, "publishedOn", errors, required: true);
        var (at, entered) = When(r.KnownOn, clock, errors);
        if (r.MeetingId is { } mid && !await db.Meetings.AnyAsync(m => m.Id == mid && m.ProcessId == processId, ct))
        {
            errors.Add("meetingId", "No such meeting in this process.");
        }
        if (r.Type is { Length: > 60 } || r.Symbol is { Length: > 60 } || r.Title is { Length: > 300 })
        {
            errors.Add("title", "Type and symbol take at most 60 characters, the title 300.");
        }
        if ((r.RelatesTo is null) != (r.Relation is null) || (r.Relation is not null && !Relations.Contains(r.Relation)))
        {
            errors.Add("relation", $"A related document names both relatesTo (a symbol) and relation ({string.Join(", ", Relations)}).");
        }
        else if (r.RelatesTo is { } original && !await db.ProcessDocuments.AnyAsync(d => d.ProcessId == processId && d.Symbol == original.Trim() && d.EndedAt == null, ct))
        {
            errors.Add("relatesTo", $"No current document of this process has the symbol '{original.Trim()}'.");
        }
        if (r.Symbol is { Length: > 0 } symbol && await db.ProcessDocuments.AnyAsync(d => d.Symbol == symbol.Trim() && d.EndedAt == null, ct))
        {
            errors.Add("symbol", $"'{symbol.Trim()}' is already the symbol of a current document: correct that one, or issue a corrigendum under a symbol of its own.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var document = new ProcessDocument(processId, r.Type!.Trim(), r.Symbol?.Trim(), r.Title!.Trim(), on!.Value, r.MeetingId, at, entered)
        {
            RelatesTo = r.RelatesTo?.Trim(), Relation = r.Relation,
        };
        db.ProcessDocuments.Add(document);
        db.AuditAction = "document.recorded";
        await db.SaveChangesAsync(ct);
        return ToRow(document);
    }

    /// <summary>A correction of a recorded document (fields left out keep their values); the earlier record stays in its history.</summary>
    public static async Task<Result<DocumentRow>> CorrectDocumentAsync(ParleyDb db, TimeProvider clock, string processId, int documentId, DocumentRequest r, CancellationToken ct = default)
    {
        var current = await db.ProcessDocuments.FirstOrDefaultAsync(d => d.Id == documentId && d.ProcessId == processId, ct);
        if (current is null)
        {
            return Error.NotFound("No such document in this process.");
        }
        var merged = new DocumentRequest(r.Type ?? current.Type, r.Symbol ?? current.Symbol, r.Title ?? current.Title,
            r.PublishedOn ?? current.PublishedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.MeetingId ?? current.MeetingId, r.KnownOn);
        var found = await ProcessQueries.FindAsync(db, processId, ct);
        var errors = new FieldErrors();
        var types = DocumentTypes(found!.Value.Definition);
        if (!types.Contains(merged.Type!.Trim()))
        {
            errors.Add("type", $"'{merged.Type.Trim()}' is not a document type of the modalities; use one of: {string.Join(", ", types.Order(StringComparer.Ordinal))}.");
        }
        var on = ParseDate(merged.PublishedOn, "publishedOn", errors, required: true);
        var (at, entered) = When(r.KnownOn, clock, errors);
        if (merged.MeetingId is { } mid && !await db.Meetings.AnyAsync(m => m.Id == mid && m.ProcessId == processId, ct))
        {
            errors.Add("meetingId", "No such meeting in this process.");
        }
        if (merged.Symbol is { Length: > 60 } || merged.Title is { Length: > 300 } || string.IsNullOrWhiteSpace(merged.Title))
        {
            errors.Add("title", "A title of 1 to 300 characters; a symbol of at most 60.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var corrected = current.Correct(merged.Type.Trim(), merged.Symbol?.Trim(), merged.Title!.Trim(), on!.Value, merged.MeetingId, at, entered);
        if (!corrected.IsSuccess)
        {
            return corrected.Error!;
        }
        db.ProcessDocuments.Add(corrected.Value);
        db.AuditAction = "document.corrected";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("This record was corrected or withdrawn at the same moment; correct the current one.");
        }
        return ToRow(corrected.Value);
    }

    public sealed record WithdrawRequest(string? Reason, string? KnownOn = null);

    /// <summary>A document withdrawn (issued in error, recalled): it stops counting from then; its record stays.</summary>
    public static async Task<Result<DocumentRow>> WithdrawDocumentAsync(ParleyDb db, TimeProvider clock, string processId, int documentId, WithdrawRequest r, CancellationToken ct = default)
    {
        var current = await db.ProcessDocuments.FirstOrDefaultAsync(d => d.Id == documentId && d.ProcessId == processId, ct);
        if (current is null)
        {
            return Error.NotFound("No such document in this process.");
        }
        var errors = new FieldErrors().Require("reason", r.Reason);
        if (r.Reason is { Length: > 500 })
        {
            errors.Add("reason", "At most 500 characters.");
        }
        var (at, _) = When(r.KnownOn, clock, errors);
        if (errors.Any)
        {
            return errors.ToError();
        }
        if (current.Withdraw(r.Reason!.Trim(), at) is { } refused)
        {
            return refused;
        }
        db.AuditAction = "document.withdrawn";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("This record was corrected or withdrawn at the same moment.");
        }
        return ToRow(current);
    }

    /// <summary>Every document type a rule of the modalities waits for, and "other".</summary>
    public static IReadOnlySet<string> DocumentTypes(ModalitiesDefinition def) =>
        def.Series.SelectMany(s => s.Documents.Select(d => d.Type)).Concat(def.Obligations.Select(o => o.DocumentType))
            .Concat(def.Tracks.Select(t => t.ListDocument).OfType<string>()).Append("other").ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// When a fact counts as known: now, or — to replay a history in one sitting — the start of an earlier day <c>knownOn</c>; the
    /// real moment of entry is then kept as well (and the audit trail has who and when), and the report lists such facts.
    /// </summary>
    private static (DateTime At, DateTime? Entered) When(string? knownOn, TimeProvider clock, FieldErrors errors)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (string.IsNullOrWhiteSpace(knownOn))
        {
            return (now, null);
        }
        var day = ParseDate(knownOn, "knownOn", errors, required: true);
        if (day is null)
        {
            return (now, null);
        }
        if (day > DateOnly.FromDateTime(now))
        {
            errors.Add("knownOn", "A fact cannot be known on a day still to come.");
            return (now, null);
        }
        return day == DateOnly.FromDateTime(now) ? (now, null) : (day.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), now);
    }

    private static DateOnly? ParseDate(string? text, string field, FieldErrors errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add(field, "This date is required (YYYY-MM-DD).");
            }
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }
        errors.Add(field, "Use a date in the form YYYY-MM-DD.");
        return null;
    }
}
