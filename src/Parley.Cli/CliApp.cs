using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Parley.Data;
using Parley.Features.Audit;
using Parley.Features.Identity;
using Parley.Features.Operations;
using Parley.Features.Registry;
using Spectre.Console;

namespace Parley.Cli;

/// <summary>
/// The `parley` command. It reads the same settings as the web app (appsettings.json next to it,
/// PARLEY_-prefixed and standard environment variables, --Database:Provider=… style arguments).
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });
        var root = new RootCommand("Parley: run an intergovernmental negotiation from the command line.");
        var connection = new Option<string?>("--connection") { Description = "Connection string (default: ConnectionStrings:Parley or data/parley.db).", Recursive = true };
        var provider = new Option<string?>("--provider") { Description = "Sqlite or Postgres (default: Database:Provider or Sqlite).", Recursive = true };
        root.Options.Add(connection);
        root.Options.Add(provider);

        DatabaseSettings Settings(ParseResult pr) => ResolveSettings(pr.GetValue(provider), pr.GetValue(connection));

        // db migrate
        var db = new Command("db", "Database maintenance.");
        var migrate = new Command("migrate", "Create or upgrade the database and load reference data.");
        migrate.SetAction(async (pr, ct) =>
        {
            await using var ctx = Open(Settings(pr));
            var changed = await DatabaseInitializer.MigrateAndSeedAsync(ctx, ct);
            console.MarkupLineInterpolated($"[green]Database is up to date[/] ({changed} reference records changed).");
            return 0;
        });
        db.Subcommands.Add(migrate);
        root.Subcommands.Add(db);

        // admin create
        var admin = new Command("admin", "Administrators.");
        var create = new Command("create", "Issue a one-time setup link that creates the first Secretariat administrator.");
        var baseUrl = new Option<string>("--base-url") { Description = "Address where Parley is served.", DefaultValueFactory = _ => "http://localhost:5080" };
        create.Options.Add(baseUrl);
        create.SetAction(async (pr, ct) =>
        {
            await using var ctx = Open(Settings(pr));
            await DatabaseInitializer.MigrateAndSeedAsync(ctx, ct);
            var issued = await SetupLink.IssueAsync(ctx, TimeProvider.System, ct);
            if (!issued.IsSuccess)
            {
                await stderr.WriteLineAsync(issued.Error!.Message);
                return 2;
            }
            await stdout.WriteLineAsync($"PARLEY-SETUP-LINK {pr.GetValue(baseUrl)!.TrimEnd('/')}/setup?token={issued.Value.Token}");
            await stdout.WriteLineAsync($"Open it within the hour (expires {issued.Value.ExpiresAt:yyyy-MM-dd HH:mm} UTC).");
            return 0;
        });
        admin.Subcommands.Add(create);
        root.Subcommands.Add(admin);

        // states list | export
        var states = new Command("states", "The registry of States.");
        var status = new Option<string?>("--status") { Description = "member-state, observer-state or specialized-agency-member." };
        var group = new Option<string?>("--group") { Description = "AG, APG, EEG, GRULAC or WEOG." };
        var ldcAsOf = new Option<string?>("--ldc-as-of") { Description = "Only LDCs on this date (YYYY-MM-DD)." };
        var list = new Command("list", "Show States as a table.") { status, group, ldcAsOf };
        list.SetAction(async (pr, ct) =>
        {
            await using var ctx = Open(Settings(pr));
            var result = await ListStates.HandleAsync(ctx, new(pr.GetValue(status), pr.GetValue(group), pr.GetValue(ldcAsOf)), ct);
            if (!result.IsSuccess)
            {
                return await Fail(stderr, result.Error!);
            }
            var table = new Table().AddColumns("ISO3", "Name", "Status", "Group", "LDC");
            foreach (var s in result.Value)
            {
                table.AddRow(s.Iso3, Markup.Escape(s.Name), s.Status, s.RegionalGroup ?? "", s.Ldc == true ? "yes" : "");
            }
            console.Write(table);
            console.MarkupLineInterpolated($"{result.Value.Count} States.");
            return 0;
        });
        var file = new Argument<string>("FILE") { Description = "Where to write." };
        var export = new Command("export", "Write States as CSV.") { status, group, ldcAsOf, file };
        export.SetAction(async (pr, ct) =>
        {
            await using var ctx = Open(Settings(pr));
            var result = await ListStates.HandleAsync(ctx, new(pr.GetValue(status), pr.GetValue(group), pr.GetValue(ldcAsOf)), ct);
            if (!result.IsSuccess)
            {
                return await Fail(stderr, result.Error!);
            }
            await File.WriteAllBytesAsync(pr.GetValue(file)!, Parley.Common.TableExport.Csv(ListStates.Columns, ListStates.Cells(result.Value)), ct);
            await stdout.WriteLineAsync($"{result.Value.Count} States written to {pr.GetValue(file)}.");
            return 0;
        });
        states.Subcommands.Add(list);
        states.Subcommands.Add(export);
        root.Subcommands.Add(states);

        // account deactivate|reactivate EMAIL
        var account = new Command("account", "Accounts.");
        foreach (var (verb, active) in new[] { ("deactivate", false), ("reactivate", true) })
        {
            var email = new Argument<string>("EMAIL") { Description = "The account's e-mail address." };
            var command = new Command(verb, active ? "Let a deactivated account sign in again." : "Stop an account signing in; its sessions and tokens end at once.") { email };
            command.SetAction(async (pr, ct) =>
            {
                await using var ctx = Open(Settings(pr));
                var id = await ManageAccounts.IdByEmailAsync(ctx, pr.GetValue(email)!);
                if (id is null)
                {
                    await stderr.WriteLineAsync($"No account with the address {pr.GetValue(email)}.");
                    return 2;
                }
                var result = await ManageAccounts.SetActiveAsync(ctx, TimeProvider.System, null, id, active, ct);
                if (!result.IsSuccess)
                {
                    return await Fail(stderr, result.Error!);
                }
                await stdout.WriteLineAsync($"{result.Value.Email} is {(result.Value.Active ? "active" : "deactivated")}.");
                return 0;
            });
            account.Subcommands.Add(command);
        }
        root.Subcommands.Add(account);

        // audit verify
        var audit = new Command("audit", "The audit trail.");
        var anchorsOption = new Option<string?>("--anchors") { Description = $"The anchor file (default: Audit:AnchorFile or {AuditAnchors.DefaultFile}).", Recursive = true };
        audit.Options.Add(anchorsOption);
        AuditAnchors Anchors(ParseResult pr) => pr.GetValue(anchorsOption) is { Length: > 0 } f ? new AuditAnchors(f) : AuditAnchors.From(Configuration());
        var verify = new Command("verify", "Check the hash chain; exits 1 at the first broken link.");
        verify.SetAction(async (pr, ct) =>
        {
            await using var ctx = Open(Settings(pr));
            var total = await ctx.AuditEntries.LongCountAsync(ct);
            VerifyAudit.Report report = null!;
            await console.Progress().AutoClear(true).StartAsync(async p =>
            {
                var task = p.AddTask("Verifying audit chain", maxValue: Math.Max(1, total));
                report = await VerifyAudit.HandleAsync(ctx, Anchors(pr), new Progress<long>(n => task.Value = n), ct);
                task.Value = task.MaxValue;
            });
            if (report.Intact)
            {
                await stdout.WriteLineAsync($"Audit chain intact: {report.EntriesChecked} entries verified, {report.AnchorsChecked} anchor(s) matched ({Anchors(pr).File}).");
                return 0;
            }
            await stdout.WriteLineAsync($"Audit chain BROKEN at entry {report.BrokenAtSequence}: {report.Problem} ({report.EntriesChecked} entries verified before it).");
            return 1;
        });
        audit.Subcommands.Add(verify);
        var anchor = new Command("anchor", "Write the chain's current head to the anchor file (Audit:AnchorFile), so that cutting or rehashing the trail is detected.");
        anchor.SetAction(async (pr, ct) =>
        {
            await using var ctx = Open(Settings(pr));
            var anchors = Anchors(pr);
            var written = await anchors.WriteAsync(ctx, TimeProvider.System, ct);
            await stdout.WriteLineAsync(written is null ? "The audit trail is empty; nothing to anchor." : $"Anchored entry {written.Sequence} ({written.Hash}) in {anchors.File}.");
            return 0;
        });
        audit.Subcommands.Add(anchor);
        root.Subcommands.Add(audit);

        // compliance [--process ID] [--as-of DATE] [--json]
        var processOption = new Option<string>("--process") { Description = "Process id.", DefaultValueFactory = _ => "gcm" };
        var asOfOption = new Option<string?>("--as-of") { Description = "Evaluate as of this date (YYYY-MM-DD); default today." };
        var jsonOption = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var compliance = new Command("compliance", "The compliance report; exits 1 when a rule is breached.") { processOption, asOfOption, jsonOption };
        compliance.SetAction(async (pr, ct) =>
        {
            await using var ctx = Open(Settings(pr));
            var result = await Parley.Features.Processes.GetCompliance.HandleAsync(ctx, pr.GetValue(processOption)!, pr.GetValue(asOfOption),
                DateOnly.FromDateTime(DateTime.UtcNow), ct);
            if (!result.IsSuccess)
            {
                return await Fail(stderr, result.Error!);
            }
            var report = result.Value;
            if (pr.GetValue(jsonOption))
            {
                await stdout.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(report, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true }));
            }
            else
            {
                var table = new Table().AddColumns("§", "status", "rule", "facts");
                foreach (var rule in report.Rules)
                {
                    var colour = rule.Status switch { "breached" => "red", "at-risk" => "yellow", "met" => "green", _ => "grey" };
                    table.AddRow(Markup.Escape(rule.Paragraph), $"[{colour}]{rule.Status}[/]", Markup.Escape(rule.Title), Markup.Escape(string.Join(" ", rule.Facts)));
                }
                console.Write(table);
                console.MarkupLineInterpolated($"{report.Mandate} as of {report.AsOf:yyyy-MM-dd}: {string.Join(", ", report.Totals.Select(t => $"{t.Value} {t.Key}"))}.");
            }
            return report.AnyBreached ? 1 : 0;
        });
        root.Subcommands.Add(compliance);

        // import ecosoc|ganhri FILE [--dry-run]
        var importCommand = new Command("import", "Import a verification list for stakeholder accreditation.");
        var dryRunOption = new Option<bool>("--dry-run") { Description = "Report what would be imported; save nothing." };
        foreach (var source in new[] { "ecosoc", "ganhri" })
        {
            var importFile = new Argument<string>("FILE") { Description = source == "ecosoc" ? "CSV with columns name, status (general|special|roster), optional country, since." : "CSV with columns name, country, status (A|B)." };
            var sourceCommand = new Command(source, $"Import the {source.ToUpperInvariant()} list from CSV; bad rows are reported, the others imported.") { importFile, dryRunOption };
            sourceCommand.SetAction(async (pr, ct) =>
            {
                var path = pr.GetValue(importFile)!;
                if (!File.Exists(path))
                {
                    await stderr.WriteLineAsync($"No file '{path}'.");
                    return 2;
                }
                await using var ctx = Open(Settings(pr));
                await using var stream = File.OpenRead(path);
                var notifier = new Parley.Features.Notifications.Notifier(Configuration(), TimeProvider.System,
                    Microsoft.Extensions.Logging.Abstractions.NullLogger<Parley.Features.Notifications.Notifier>.Instance);
                Parley.Common.Result<Parley.Features.Accreditation.Verification.ImportReport> result = default;
                await console.Progress().AutoClear(false).StartAsync(async p =>
                {
                    var task = p.AddTask($"Importing {source.ToUpperInvariant()} rows", maxValue: 1);
                    result = await Parley.Features.Accreditation.Verification.ImportAsync(ctx, notifier, TimeProvider.System, $"cli:{Environment.UserName}", source, stream,
                        pr.GetValue(dryRunOption), new Progress<(int Done, int Total)>(x => { task.MaxValue = x.Total; task.Value = x.Done; }), ct);
                    task.Value = task.MaxValue;
                });
                if (!result.IsSuccess)
                {
                    return await Fail(stderr, result.Error!);
                }
                var r = result.Value;
                foreach (var problem in r.Problems.Take(200))
                {
                    await stdout.WriteLineAsync($"  line {problem.Line}: {problem.Message}");
                }
                if (r.Problems.Count > 200)
                {
                    await stdout.WriteLineAsync($"  … and {r.Problems.Count - 200} more.");
                }
                await stdout.WriteLineAsync($"{(r.DryRun ? "Dry run: would import" : "Imported")} {r.Imported} of {r.Rows} rows; {r.Problems.Count} with problems, {r.Duplicates} duplicates; " +
                    $"{r.RegistrationsMatched} pending registration(s) {(r.DryRun ? "would be" : "")} confirmed.");
                return 0;
            });
            importCommand.Subcommands.Add(sourceCommand);
        }
        root.Subcommands.Add(importCommand);

        // process validate FILE / process load FILE [--in-force-from DATE] [--note TEXT]
        var processCommand = new Command("process", "Processes and their modalities files.");
        var modalitiesFile = new Argument<string>("FILE") { Description = "A modalities file (YAML; see docs/modalities.md)." };
        async Task<string?> ReadModalities(ParseResult pr)
        {
            var path = pr.GetValue(modalitiesFile)!;
            if (!File.Exists(path))
            {
                await stderr.WriteLineAsync($"No file {path}.");
                return null;
            }
            return await File.ReadAllTextAsync(path);
        }
        var validateModalities = new Command("validate", "Check a modalities file: what it defines, or every problem with its line and column (exit 1).") { modalitiesFile };
        validateModalities.SetAction(async (pr, ct) =>
        {
            if (await ReadModalities(pr) is not { } yaml)
            {
                return 2;
            }
            await using var ctx = Open(Settings(pr));
            await DatabaseInitializer.MigrateAndSeedAsync(ctx, ct);
            var preview = await Parley.Features.Processes.LoadProcess.CheckAsync(ctx, yaml, ct);
            foreach (var problem in preview.Problems)
            {
                await stderr.WriteLineAsync($"{pr.GetValue(modalitiesFile)}: {problem}");
            }
            foreach (var warning in preview.Warnings ?? [])
            {
                await stderr.WriteLineAsync($"{pr.GetValue(modalitiesFile)}: warning: {warning}");
            }
            if (!preview.IsValid)
            {
                return 1;
            }
            await stdout.WriteLineAsync($"{preview.Id}: {preview.Title} ({preview.Mandate}) — {preview.Rules.Count} rules; " +
                (preview.Exists ? preview.Unchanged ? $"the same as version {preview.CurrentVersion} already loaded." : $"would be version {preview.CurrentVersion + 1}." : "a new process."));
            foreach (var rule in preview.Rules)
            {
                await stdout.WriteLineAsync($"  §{rule.Paragraph} {rule.Kind} {rule.Id}: {rule.Name}");
            }
            return 0;
        });
        var inForceOption = new Option<string?>("--in-force-from") { Description = "For a new version of an existing process: the date (YYYY-MM-DD) from which it applies (default today)." };
        var noteOption = new Option<string?>("--note") { Description = "Why the file changed (kept with the version)." };
        var loadModalities = new Command("load", "Load a modalities file: a new process, or the next version of an existing one.") { modalitiesFile, inForceOption, noteOption };
        loadModalities.SetAction(async (pr, ct) =>
        {
            if (await ReadModalities(pr) is not { } yaml)
            {
                return 2;
            }
            DateOnly? from = null;
            if (pr.GetValue(inForceOption) is { Length: > 0 } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d))
                {
                    await stderr.WriteLineAsync("Give --in-force-from as YYYY-MM-DD.");
                    return 2;
                }
                from = d;
            }
            await using var ctx = Open(Settings(pr));
            await DatabaseInitializer.MigrateAndSeedAsync(ctx, ct);
            var result = await Parley.Features.Processes.LoadProcess.HandleAsync(ctx, TimeProvider.System, "command line", yaml, from, pr.GetValue(noteOption), ct);
            if (!result.IsSuccess)
            {
                foreach (var message in result.Error!.Fields?.Values.SelectMany(v => v) ?? [result.Error.Message])
                {
                    await stderr.WriteLineAsync($"{pr.GetValue(modalitiesFile)}: {message}");
                }
                return 1;
            }
            var loaded = result.Value;
            await stdout.WriteLineAsync(loaded.Created ? $"Loaded {loaded.Id}: {loaded.Title} (version 1)."
                : loaded.Changed ? $"{loaded.Id}: version {loaded.Version}, in force from {loaded.InForceFrom:yyyy-MM-dd}."
                : $"{loaded.Id}: unchanged (version {loaded.Version}).");
            return 0;
        });
        // process membership FILE.csv --organisation NAME [--label "WHO region"]: a member list kept as a spreadsheet, as YAML.
        var membersFile = new Argument<string>("CSV") { Description = "Members: code, name, status, since, group, group_name (a header row)." };
        var organisationOption = new Option<string>("--organisation") { Description = "The body's name, e.g. World Health Organization.", Required = true };
        var labelOption = new Option<string>("--label") { Description = "What one group is called, e.g. WHO region.", DefaultValueFactory = _ => "region" };
        var membership = new Command("membership", "Write the 'membership:' section of a modalities file from a CSV of members and groups (exit 1 with the problems).")
            { membersFile, organisationOption, labelOption };
        membership.SetAction(async (pr, ct) =>
        {
            var path = pr.GetValue(membersFile)!;
            if (!File.Exists(path))
            {
                await stderr.WriteLineAsync($"No file {path}.");
                return 2;
            }
            using var reader = new StreamReader(path);
            var outcome = Parley.Modalities.MembershipCsv.ToYaml(reader, pr.GetValue(organisationOption)!, pr.GetValue(labelOption)!);
            foreach (var problem in outcome.Problems)
            {
                await stderr.WriteLineAsync($"{path}: {problem}");
            }
            if (outcome.Yaml is null)
            {
                return 1;
            }
            await stdout.WriteAsync(outcome.Yaml);
            await stderr.WriteLineAsync($"{outcome.Members} members, {outcome.Groups} groups.");
            return 0;
        });
        processCommand.Subcommands.Add(membership);
        // process history ID FILE.csv [--dry-run]: a process's past entered from a CSV of dated events, all rows or none.
        var historyProcess = new Argument<string>("PROCESS") { Description = "The process id." };
        var historyFile = new Argument<string>("CSV") { Description = "Dated events (docs/modalities.md, \"A history from a CSV\")." };
        var historyDryRun = new Option<bool>("--dry-run") { Description = "Check every row and keep nothing." };
        var history = new Command("history", "Enter a process's past from a CSV of dated events; exit 1 with each problem and its row (nothing is kept).")
            { historyProcess, historyFile, historyDryRun };
        history.SetAction(async (pr, ct) =>
        {
            var path = pr.GetValue(historyFile)!;
            if (!File.Exists(path))
            {
                await stderr.WriteLineAsync($"No file {path}.");
                return 2;
            }
            await using var ctx = Open(Settings(pr));
            await DatabaseInitializer.MigrateAndSeedAsync(ctx, ct);
            using var reader = new StreamReader(path);
            var report = await Parley.Features.Processes.ImportHistory.HandleAsync(ctx, TimeProvider.System, "command line", pr.GetValue(historyProcess)!, reader,
                pr.GetValue(historyDryRun), ct);
            foreach (var problem in report.Problems)
            {
                await stderr.WriteLineAsync($"{path}: {problem}");
            }
            foreach (var line in report.Recorded)
            {
                await stdout.WriteLineAsync(line);
            }
            await stdout.WriteLineAsync(report.Applied ? $"{report.Recorded.Count} events recorded." : report.Problems.Count == 0 ? "Dry run: every row is valid; nothing kept." : "Nothing kept.");
            return report.Problems.Count == 0 ? 0 : 1;
        });
        processCommand.Subcommands.Add(history);

        processCommand.Subcommands.Add(validateModalities);
        processCommand.Subcommands.Add(loadModalities);
        root.Subcommands.Add(processCommand);
        // fund verify [--fund-process ID]: the trust fund's books recomputed from their lines; exit 1 when they do not balance.
        var fundCommand = new Command("fund", "The voluntary trust fund.");
        var fundProcess = new Option<string?>("--fund-process") { Description = "One process's fund (default: every process)." };
        var fundVerify = new Command("verify", "Check that the books balance: every entry, no balance below zero, running balances as kept (exit 1 when not).") { fundProcess };
        fundVerify.SetAction(async (pr, ct) =>
        {
            await using var ctx = Open(Settings(pr));
            await DatabaseInitializer.MigrateAndSeedAsync(ctx, ct);
            var result = await Parley.Features.Fund.FundQueries.VerifyAsync(ctx, pr.GetValue(fundProcess), ct);
            foreach (var problem in result.Problems)
            {
                await stderr.WriteLineAsync(problem);
            }
            await stdout.WriteLineAsync(result.Balanced
                ? $"The books balance: {result.Entries} entries in {result.Processes} fund(s)."
                : $"The books do not balance: {result.Problems.Count} problem(s) in {result.Entries} entries.");
            return result.Balanced ? 0 : 1;
        });
        fundCommand.Subcommands.Add(fundVerify);
        // The command line acts as the Secretariat (it runs on the server, with the database's own credentials).
        var cliSecretariat = new Parley.Features.Identity.Viewer("cli", Parley.Features.Identity.PrincipalKind.Secretariat, null, null, false, "command line");
        var ratesFile = new Argument<string>("CSV") { Description = "Operational rates: currency, month (YYYY-MM), units_per_usd." };
        var fundRates = new Command("rates", "Import the UN operational rates of exchange from a CSV (all rows or none; exit 1 with the problems).") { ratesFile };
        fundRates.SetAction(async (pr, ct) =>
        {
            var path = pr.GetValue(ratesFile)!;
            if (!File.Exists(path))
            {
                await stderr.WriteLineAsync($"No file {path}.");
                return 2;
            }
            await using var ctx = Open(Settings(pr));
            await DatabaseInitializer.MigrateAndSeedAsync(ctx, ct);
            using var reader = new StreamReader(path);
            var result = await Parley.Features.Fund.FundCommands.ImportRatesAsync(ctx, cliSecretariat, reader, ct);
            if (!result.IsSuccess)
            {
                foreach (var message in result.Error!.Fields?.Values.SelectMany(v => v) ?? [result.Error.Message])
                {
                    await stderr.WriteLineAsync($"{path}: {message}");
                }
                return 1;
            }
            await stdout.WriteLineAsync($"{result.Value} rates recorded.");
            return 0;
        });
        var reportProcess = new Option<string>("--fund-process") { Description = "Process id.", DefaultValueFactory = _ => "gcm" };
        var reportAsOf = new Option<string?>("--as-of") { Description = "Date (YYYY-MM-DD); default today." };
        var fundReport = new Command("report", "The fund as of a date: position, donors, funded representatives (no personal data).") { reportProcess, reportAsOf };
        fundReport.SetAction(async (pr, ct) =>
        {
            var day = DateOnly.FromDateTime(DateTime.UtcNow);
            if (pr.GetValue(reportAsOf) is { } text && !DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out day))
            {
                await stderr.WriteLineAsync("Give --as-of as YYYY-MM-DD.");
                return 2;
            }
            await using var ctx = Open(Settings(pr));
            await DatabaseInitializer.MigrateAndSeedAsync(ctx, ct);
            var report = await Parley.Features.Fund.FundQueries.ReportAsync(ctx, Parley.Features.Identity.Viewer.Public, pr.GetValue(reportProcess)!, day, ct);
            if (report is null)
            {
                await stderr.WriteLineAsync($"No process '{pr.GetValue(reportProcess)}'.");
                return 1;
            }
            static string Usd(decimal d) => d.ToString("N2", System.Globalization.CultureInfo.InvariantCulture);
            await stdout.WriteLineAsync($"{report.ProcessId} as of {report.AsOf:yyyy-MM-dd}: received USD {Usd(report.Received)}; held {Usd(report.Held)}, available {Usd(report.Available)}, committed {Usd(report.Committed)}, disbursed {Usd(report.Disbursed)}.");
            foreach (var d in report.Donors)
            {
                await stdout.WriteLineAsync($"  donor {d.Name}: pledged {Usd(d.Pledged)}, received {Usd(d.Received)} ({d.Contributions} contribution(s))");
            }
            foreach (var c in report.ByLdcStatus)
            {
                await stdout.WriteLineAsync($"  funded, {c.Key}: {c.Travellers} traveller(s), {Usd(c.Committed)}");
            }
            return 0;
        });
        fundCommand.Subcommands.Add(fundRates);
        fundCommand.Subcommands.Add(fundReport);
        root.Subcommands.Add(fundCommand);


        // seed negotiation --provisions N --proposals M [--process ID] [--code CODE]
        var seed = new Command("seed", "Demonstration data.");
        var provisionsOption = new Option<int>("--provisions") { Description = "Provisions in the text.", DefaultValueFactory = _ => 300 };
        var proposalsOption = new Option<int>("--proposals") { Description = "Submitted proposals.", DefaultValueFactory = _ => 10_000 };
        var codeOption = new Option<string>("--code") { Description = "Code of the new text.", DefaultValueFactory = _ => $"demo-{DateTime.UtcNow:yyyyMMddHHmmss}" };
        var negotiation = new Command("negotiation", "A realistic negotiation: a text and proposals by the 193 Member States and groups.") { provisionsOption, proposalsOption, processOption, codeOption };
        negotiation.SetAction(async (pr, ct) =>
        {
            var provisions = pr.GetValue(provisionsOption);
            var count = pr.GetValue(proposalsOption);
            if (provisions is < 1 or > 5000 || count is < 0 or > 200_000)
            {
                await stderr.WriteLineAsync("Use 1 to 5,000 provisions and 0 to 200,000 proposals.");
                return 2;
            }
            await using var ctx = Open(Settings(pr));
            await DatabaseInitializer.MigrateAndSeedAsync(ctx, ct); // a new or older database is brought up to date first
            if (await Parley.Features.Processes.ProcessQueries.FindAsync(ctx, pr.GetValue(processOption)!, ct) is null)
            {
                await stderr.WriteLineAsync($"No process '{pr.GetValue(processOption)}'.");
                return 2;
            }
            (int TextId, int VersionId, int Words) result = default;
            await console.Status().StartAsync($"Seeding {provisions} provisions and {count} proposals…", async _ =>
                result = await Parley.Features.Texts.DemoNegotiation.SeedAsync(ctx, TimeProvider.System, pr.GetValue(processOption)!, pr.GetValue(codeOption)!, provisions, count, ct));
            await stdout.WriteLineAsync($"Text {result.TextId}, version {result.VersionId}: {provisions} provisions, {result.Words:N0} words, {count:N0} proposals. Open /versions/{result.VersionId}/compilation.");
            return 0;
        });
        seed.Subcommands.Add(negotiation);
        root.Subcommands.Add(seed);

        // backup FILE / restore FILE
        var backupFile = new Argument<string>("FILE") { Description = "The backup file (a ZIP archive: database, uploaded files, manifest)." };
        var filesOption = new Option<string?>("--files") { Description = $"The uploaded files' folder (default: Storage:Root or {Parley.Common.FileStore.DefaultRoot})." };
        Parley.Common.FileStore Files(ParseResult pr) => pr.GetValue(filesOption) is { Length: > 0 } f ? new Parley.Common.FileStore(f) : Parley.Common.FileStore.From(Configuration());
        var backup = new Command("backup", "Write a consistent copy of the live database and the uploaded files.") { backupFile, filesOption };
        backup.SetAction(async (pr, ct) =>
        {
            var result = await Backup.BackupAsync(Settings(pr), Files(pr), pr.GetValue(backupFile)!, ct);
            if (!result.IsSuccess)
            {
                return await Fail(stderr, result.Error!);
            }
            await stdout.WriteLineAsync($"Backup written to {result.Value.Path}: the database and {result.Value.Files} file(s), {result.Value.Bytes:N0} bytes.");
            return 0;
        });
        var restore = new Command("restore", "Replace the database and put the files back from a backup. Refuses while the web app runs.") { backupFile, filesOption };
        restore.SetAction(async (pr, ct) =>
        {
            var result = await Backup.RestoreAsync(Settings(pr), Files(pr), pr.GetValue(backupFile)!, ct);
            if (!result.IsSuccess)
            {
                return await Fail(stderr, result.Error!);
            }
            await stdout.WriteLineAsync($"Restored from {result.Value.Path}: the database and {result.Value.Files} file(s) into {Files(pr).Root}.");
            return 0;
        });
        root.Subcommands.Add(backup);
        root.Subcommands.Add(restore);

        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static IConfiguration Configuration() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    public static DatabaseSettings ResolveSettings(string? provider, string? connection)
    {
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(Configuration())
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider,
                ["ConnectionStrings:Parley"] = connection,
            }.Where(kv => kv.Value is not null))
            .Build();
        return DatabaseSettings.From(configuration);
    }

    public static ParleyDb Open(DatabaseSettings settings)
    {
        var options = new DbContextOptionsBuilder<ParleyDb>();
        DatabaseServiceCollectionExtensions.Configure(options, settings);
        return new ParleyDb(options.Options, new SystemActor($"cli:{Environment.UserName}"));
    }

    private static async Task<int> Fail(TextWriter stderr, Parley.Common.Error error)
    {
        await stderr.WriteLineAsync(error.Message);
        foreach (var (field, messages) in error.Fields ?? new Dictionary<string, string[]>())
        {
            await stderr.WriteLineAsync($"  {field}: {string.Join(" ", messages)}");
        }
        return 2;
    }
}
