using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Features.Meetings;
using Parley.Features.Notifications;
using Parley.Features.Processes;
using Parley.Features.Registry;
using Parley.Features.Texts;

namespace Parley.Web.Infrastructure;

/// <summary>
/// `dotnet run --project src/Parley.Web -- --demo` (issue 15): a demonstration a newcomer walks in five minutes. Its own database,
/// files and mail under ./data/demo (wiped at each start; the real database is never touched); an invented process — the 71/280
/// modalities under another name — well under way on a rehearsal clock (6 March 2018, 14:00 UTC); accounts for every role, printed
/// with their passwords and, for those that need one, their authenticator secret; a conference-track list of stakeholders
/// circulated with an objection; a text with proposals from many delegations and a revision; a meeting today with a live list of
/// speakers and its projector; and the compliance report with real breaches.
/// </summary>
public static class DemoMode
{
    public const string Flag = "--demo";
    public const string ProcessId = "demo";
    public static readonly DateTimeOffset Now = new(2018, 3, 6, 14, 0, 0, TimeSpan.Zero);

    public static bool Requested(string[] args) => args.Contains(Flag, StringComparer.Ordinal);

    /// <summary>The settings that keep the demonstration apart from real data.</summary>
    public static Dictionary<string, string?> Settings()
    {
        var folder = Path.GetFullPath(Path.Combine("data", "demo"));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        return new()
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Parley"] = $"Data Source={Path.Combine(folder, "parley-demo.db")}",
            ["Storage:Root"] = Path.Combine(folder, "files"),
            ["Mail:Mode"] = "pickup",
            ["Mail:PickupFolder"] = Path.Combine(folder, "mail"),
            ["Audit:AnchorFile"] = Path.Combine(folder, "audit-anchors.log"),
            ["Setup:Announce"] = "false",
            ["Clock:Start"] = Now.ToString("O"),
            ["Demo:Enabled"] = "true",
        };
    }
}

/// <summary>A clock the seeder moves through the process's past, one step at a time.</summary>
internal sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset At { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => At;
}

/// <summary>Fills the demonstration database once the schema and the reference data are in place, then prints how to sign in.</summary>
internal sealed class DemoSeeder(IServiceProvider services, IConfiguration configuration, ILogger<DemoSeeder> logger) : IHostedService
{
    public const string Password = "demonstration-password";

    private sealed record Person(string Email, string Name, string Kind, string? State = null, string? Organisation = null, bool FocalPoint = false, bool Administrator = false);

    public async Task StartAsync(CancellationToken ct)
    {
        if (configuration["Demo:Enabled"] != "true")
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParleyUser>>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var clock = new SteppedClock(new DateTimeOffset(2017, 4, 10, 9, 0, 0, TimeSpan.Zero));

        // The invented process: 71/280's modalities under another name and code.
        var yaml = ProcessSeed.DefaultModalities.Replace("  id: gcm", "  id: " + DemoMode.ProcessId, StringComparison.Ordinal)
            .Replace("  title: Global compact for safe, orderly and regular migration\n  atRiskDays", "  title: Demonstration compact (invented data)\n  atRiskDays", StringComparison.Ordinal);
        var loaded = await LoadProcess.HandleAsync(db, clock, "demo", yaml, ct: ct);
        if (!loaded.IsSuccess)
        {
            throw new InvalidOperationException("The demonstration process did not load: " + loaded.Error!.Message);
        }

        // Accounts for every role.
        var people = new[]
        {
            new Person("secretariat@demo.parley", "Amina Secretariat", "secretariat", Administrator: true),
            new Person("opga@demo.parley", "Office of the PGA", "opga"),
            new Person("cofacilitator@demo.parley", "Co-facilitator", "co-facilitator"),
            new Person("mexico@demo.parley", "Delegada de México", "member-state-delegate", State: "MEX", FocalPoint: true),
            new Person("nigeria@demo.parley", "Delegate of Nigeria (G77 speaker)", "member-state-delegate", State: "NGA"),
            new Person("france@demo.parley", "Délégué de la France", "member-state-delegate", State: "FRA"),
            new Person("holysee@demo.parley", "Observer of the Holy See", "observer-delegate", State: "VAT"),
        };
        var printed = new List<string>();
        foreach (var p in people)
        {
            printed.Add(await AccountAsync(db, users, clock, p, ct));
        }

        // Stakeholders: organisations apply to the conference track; the Secretariat recommends; the OPGA circulates the list;
        // Mexico objects to one name. The objection window is still open on the demonstration's day.
        clock.At = new DateTimeOffset(2018, 1, 20, 10, 0, 0, TimeSpan.Zero);
        var countries = new[] { "KEN", "IND", "BRA", "POL", "CAN", "SEN", "PHL", "MEX", "DEU", "EGY" };
        var applications = new List<int>();
        string? firstOrganisation = null;
        for (var i = 0; i < countries.Length; i++)
        {
            var code = $"demo-org-{i + 1}";
            var organisation = new Organisation(code, $"Migrant Voices Network {countries[i]}", null, (OrganisationType)(i % 6), countries[i], null, $"{code}@demo.parley", clock.GetUtcNow().UtcDateTime);
            organisation.AddRepresentative($"Representative {i + 1}", null, i % 2 == 0 ? Gender.Female : Gender.Male, countries[i]);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync(ct);
            firstOrganisation ??= code;
            var applied = await Applications.ApplyAsync(db, notifier, clock, new Viewer($"demo-{code}", PrincipalKind.Stakeholder, null, code, true, code), DemoMode.ProcessId,
                new Applications.ApplyRequest("special-conference", "Represents migrants' associations.", "Works on the compact's objectives."), ct);
            applications.Add(Must(applied, "an application").Id);
        }
        printed.Add(await AccountAsync(db, users, clock, new Person("stakeholder@demo.parley", "Focal point, Migrant Voices Network KEN", "stakeholder", Organisation: firstOrganisation, FocalPoint: true), ct));
        var secretariat = await ViewerAsync(db, "secretariat@demo.parley", ct);
        clock.At = new DateTimeOffset(2018, 2, 5, 10, 0, 0, TimeSpan.Zero);
        foreach (var id in applications.Take(8))
        {
            var row = Must(await Applications.GetAsync(db, clock, secretariat, id, ct), "an application");
            Must(await Applications.DecideAsync(db, notifier, clock, secretariat, id, new Applications.DecisionRequest("recommend", null, row.Version), ct), "a recommendation");
        }
        var opga = await ViewerAsync(db, "opga@demo.parley", ct);
        var list = Must(await NonObjection.ChangeEntriesAsync(db, clock, opga, DemoMode.ProcessId, "special-conference", applications.Take(8).ToList(), [], ct), "the list");
        clock.At = new DateTimeOffset(2018, 3, 1, 10, 0, 0, TimeSpan.Zero);
        Must(await NonObjection.CirculateAsync(db, notifier, clock, opga, DemoMode.ProcessId, "special-conference", new DateTime(2018, 3, 12, 22, 0, 0, DateTimeKind.Utc), list.Version, ct), "circulating the list");
        clock.At = new DateTimeOffset(2018, 3, 5, 16, 0, 0, TimeSpan.Zero);
        Must(await NonObjection.ObjectAsync(db, notifier, clock, await ViewerAsync(db, "mexico@demo.parley", ct), DemoMode.ProcessId, "special-conference", applications[2],
            "Its registration documents do not match the organisation's name.", ct), "an objection");

        // The text: a zero draft with proposals from many delegations, and Rev.1 taking some of them.
        clock.At = new DateTimeOffset(2018, 2, 5, 9, 0, 0, TimeSpan.Zero);
        var (_, zeroId, _) = await DemoNegotiation.SeedAsync(db, clock, DemoMode.ProcessId, "outcome", 60, 300, ct);
        clock.At = new DateTimeOffset(2018, 2, 26, 9, 0, 0, TimeSpan.Zero);
        var cofacilitator = await ViewerAsync(db, "cofacilitator@demo.parley", ct);
        var alternatives = await db.Proposals.AsNoTracking().Where(p => p.VersionId == zeroId && p.Kind == ProposalKind.Alternative && p.Status == ProposalStatus.Submitted)
            .OrderBy(p => p.Id).ToListAsync(ct);
        var decisions = alternatives.GroupBy(p => p.ProvisionKey).Select(g => g.First()).Take(6)
            .Select(p => new TextCommands.RevisionDecision(p.Id, "accept", null)).ToList();
        Must(await TextCommands.BuildRevisionAsync(db, notifier, clock, cofacilitator, zeroId,
            new TextCommands.RevisionRequest("Rev.1", null, "2018-02-26", decisions, null, ProposalDeadline: new DateTime(2018, 3, 16, 22, 0, 0, DateTimeKind.Utc)), ct), "Rev.1");

        // A negotiating round under way today, with its list of speakers.
        clock.At = new DateTimeOffset(2018, 2, 20, 9, 0, 0, TimeSpan.Zero);
        var meeting = Must(await ProcessCommands.ScheduleMeetingAsync(db, clock, secretariat.Name, DemoMode.ProcessId, new ProcessCommands.MeetingRequest("negotiations", 2,
            null, null, null, null, ["2018-03-05", "2018-03-06", "2018-03-07"]), ct), "the meeting").Id;
        clock.At = DemoMode.Now.AddHours(-1);
        foreach (var (code, label, category, level) in new[] { ("G77", "Group of 77 and China", "group", "head-of-delegation"), ("MEX", "Mexico", "member-state", "minister"),
            ("FRA", "France", "member-state", "head-of-delegation"), ("VAT", "Holy See", "observer-state", "head-of-delegation"), ("IOM", "International Organization for Migration", "un-entity", "other") })
        {
            Must(await SpeakersList.ChairAsync(db, clock, secretariat, meeting, new SpeakersList.ChairRequest("add", null, null, code, label, category, level), ct), "a speaker");
        }
        clock.At = DemoMode.Now.AddMinutes(-1); // the group's speaker took the floor a minute before the demonstration's clock starts
        Must(await SpeakersList.ChairAsync(db, clock, secretariat, meeting, new SpeakersList.ChairRequest("next", null, null, null, null, null, null), ct), "the floor");
        await notifier.FlushAsync(ct);

        var url = configuration["urls"] ?? "http://localhost:5080";
        Console.WriteLine($"""

            PARLEY-DEMO  A demonstration on its own database (./data/demo, wiped at each start); the clock reads {DemoMode.Now:d MMMM yyyy, HH:mm} UTC.
              The process:      {url}/processes/{DemoMode.ProcessId}   (compliance: /processes/{DemoMode.ProcessId}/compliance)
              The text:         {url}/versions/{zeroId + 1}/compilation   (Rev.1, open for proposals)
              The meeting:      {url}/meetings/{meeting}/speakers   (projector: /meetings/{meeting}/projector)
              The list:         {url}/accreditation/{DemoMode.ProcessId}/lists/special-conference   (circulated; objections until 12 March)
              Sign in at {url}/account/login — every password is "{Password}":
            {string.Join("\n", printed.Select(p => "    " + p))}
              Authenticator codes: add the secret to any TOTP app (or run `oathtool --totp -b SECRET`).

            """);
        logger.LogInformation("Demonstration data loaded for {Process}.", DemoMode.ProcessId);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    private static T Must<T>(Parley.Common.Result<T> result, string what) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"The demonstration could not create {what}: {result.Error!.Message} {string.Join(" ", result.Error.Fields?.Values.SelectMany(v => v) ?? [])}");

    private static async Task<string> AccountAsync(ParleyDb db, UserManager<ParleyUser> users, TimeProvider clock, Person p, CancellationToken ct)
    {
        var stakeholder = p.Kind == "stakeholder";
        var created = Must(await ManageAccounts.CreateAsync(db, users, clock, new ManageAccounts.CreateRequest(p.Email, p.Name, p.Kind, p.State, p.Organisation,
            p.FocalPoint && !stakeholder, p.Administrator), ct), p.Email);
        var user = (await users.FindByIdAsync(created.Account.Id))!;
        if (stakeholder && p.FocalPoint)
        {
            user.IsFocalPoint = true; // the organisation's focal point, as registration makes its contact
            await users.UpdateAsync(user);
        }
        await users.AddPasswordAsync(user, Password);
        var line = $"{p.Kind,-22} {p.Email,-28}";
        if (p.Kind is "secretariat" or "opga" or "co-facilitator")
        {
            var enrolment = await Authenticator.GetOrCreateKeyAsync(users, user);
            await users.SetTwoFactorEnabledAsync(user, true);
            line += $" authenticator secret {enrolment.SharedKey}";
        }
        return line;
    }

    private static async Task<Viewer> ViewerAsync(ParleyDb db, string email, CancellationToken ct)
    {
        var u = await db.Users.AsNoTracking().FirstAsync(x => x.Email == email, ct);
        return new Viewer(u.Id, u.Kind, u.StateIso3, u.OrganisationCode, u.IsFocalPoint, u.DisplayName);
    }
}
