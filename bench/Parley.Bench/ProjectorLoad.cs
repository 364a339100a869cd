using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Processes;
using Parley.Features.Registry;

namespace Parley.Bench;

/// <summary>
/// `meetings-db FILE`: a database with a thematic session and 60 Member State delegates (delegate-ISO3@example.org / "load test passphrase").
/// `projector BASE_URL MEETING_ID [viewers=1000] [changes=40]`: that many SignalR viewers watch the list of speakers while delegates
/// inscribe one by one; for every change and every viewer, the delay from the server's snapshot time to receipt is recorded.
/// Loopback only, bounded in viewers and changes.
/// </summary>
public static class ProjectorLoad
{
    public static async Task<int> CreateDbAsync(string file)
    {
        var builder = new DbContextOptionsBuilder<ParleyDb>();
        // A SQLite file, or a PostgreSQL connection string ("Host=…") for the test of several nodes.
        DatabaseServiceCollectionExtensions.Configure(builder, file.StartsWith("Host=", StringComparison.OrdinalIgnoreCase)
            ? new DatabaseSettings(DatabaseProvider.Postgres, file)
            : new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}"));
        await using var db = new ParleyDb(builder.Options);
        await DatabaseInitializer.MigrateAndSeedAsync(db);
        var meeting = await ProcessCommands.ScheduleMeetingAsync(db, TimeProvider.System, "bench", "gcm", new("thematic", 1, null, null, null, null, ["2017-05-08", "2017-05-09"], 3, true));
        var states = await db.States.AsNoTracking().Where(s => s.Status == StateStatus.MemberState).OrderBy(s => s.Iso3).Take(60).Select(s => s.Iso3).ToListAsync();
        var hasher = new PasswordHasher<ParleyUser>();
        foreach (var iso in states)
        {
            var email = $"delegate-{iso.ToLowerInvariant()}@example.org";
            var user = new ParleyUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = $"Delegate {iso}",
                Kind = PrincipalKind.MemberStateDelegate, StateIso3 = iso, EmailConfirmed = true, CreatedAt = DateTime.UtcNow, SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            user.PasswordHash = hasher.HashPassword(user, TextLoadData.Password);
            db.Users.Add(user);
        }
        await db.SaveChangesAsync();
        Console.WriteLine($"meeting {meeting.Value.Id}; delegates delegate-<iso3>@example.org for {states.Count} States / \"{TextLoadData.Password}\"");
        return 0;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var baseUri = new Uri(args[0]);
        if (!baseUri.IsLoopback)
        {
            Console.Error.WriteLine("The load test only targets loopback addresses.");
            return 2;
        }
        var meetingId = int.Parse(args[1], CultureInfo.InvariantCulture);
        var viewers = Math.Clamp(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000, 1, 5000);
        var changes = Math.Clamp(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 40, 1, 60);
        using var http = new HttpClient { BaseAddress = baseUri };
        var states = (await http.GetFromJsonAsync<JsonElement[]>("/api/v1/states?status=member-state"))!.Select(s => s.GetProperty("iso3").GetString()!).Order().Take(changes).ToList();

        var delays = new List<double>(viewers * changes);
        var received = 0;
        var connections = new List<HubConnection>(viewers);
        var connect = Stopwatch.StartNew();
        foreach (var batch in Enumerable.Range(0, viewers).Chunk(50))
        {
            await Task.WhenAll(batch.Select(async _ =>
            {
                var c = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "/hubs/speakers")).Build();
                c.On<JsonElement>("list", list =>
                {
                    var at = DateTime.Parse(list.GetProperty("at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                    var delay = (DateTime.UtcNow - at).TotalMilliseconds;
                    lock (delays)
                    {
                        delays.Add(delay);
                    }
                    Interlocked.Increment(ref received);
                });
                await c.StartAsync();
                await c.InvokeAsync("Watch", meetingId);
                lock (connections)
                {
                    connections.Add(c);
                }
            }));
        }
        Console.WriteLine($"{connections.Count} viewers connected in {connect.Elapsed.TotalSeconds:F1} s");

        foreach (var iso in states)
        {
            using var client = new HttpClient { BaseAddress = baseUri };
            var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = $"delegate-{iso.ToLowerInvariant()}@example.org", password = TextLoadData.Password });
            token.EnsureSuccessStatusCode();
            client.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
            var before = received;
            var inscribed = await client.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers", new { level = "minister" });
            inscribed.EnsureSuccessStatusCode();
            var wait = Stopwatch.StartNew();
            while (received < before + connections.Count && wait.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(5);
            }
        }
        delays.Sort();
        double P(double q) => delays[Math.Min(delays.Count - 1, (int)(delays.Count * q))];
        Console.WriteLine($"| viewers | changes | deliveries | expected | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine($"|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {connections.Count} | {states.Count} | {delays.Count} | {connections.Count * states.Count} | {P(0.5):F1} | {P(0.95):F1} | {P(0.99):F1} | {delays[^1]:F1} |"));
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        return 0;
    }
}
