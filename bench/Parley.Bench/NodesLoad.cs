using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Parley.Bench;

/// <summary>
/// `projector-nodes URL_A,URL_B MEETING_ID [viewers=2000] [changes=40] [kill-pid] [kill-after=20]`: viewers spread evenly over the
/// nodes watch one list of speakers while delegations inscribe one after another through node A; every change must reach every
/// viewer on every node (node A's broadcast travels to node B's viewers through the Redis backplane). With a process id, that
/// node (B) is killed after the given number of changes; its viewers notice the connection closing and reconnect to node A, as
/// they would through a load balancer, and the run goes on. Reported: the delay from the server's snapshot time to receipt for
/// every delivery, deliveries missed, and how long the orphaned viewers took to be back. Loopback only, bounded.
/// </summary>
public static class NodesLoad
{
    private sealed class Viewer
    {
        public required HubConnection Connection;
        public required int Node;
    }

    /// <summary>Drops the PostgreSQL database a connection string names (for a fresh run), connected to "postgres".</summary>
    public static async Task<int> DropDatabaseAsync(string connectionString)
    {
        var target = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var name = target.Database ?? throw new ArgumentException("The connection string names no database.");
        await using var admin = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ToString());
        await admin.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "", StringComparison.Ordinal)}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
        return 0;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var nodes = args[0].Split(',').Select(u => new Uri(u)).ToArray();
        if (nodes.Any(n => !n.IsLoopback) || nodes.Length < 2)
        {
            Console.Error.WriteLine("Give two or more loopback addresses, comma-separated.");
            return 2;
        }
        var meetingId = int.Parse(args[1], CultureInfo.InvariantCulture);
        var count = Math.Clamp(args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 2000, 1, 5000);
        var changes = Math.Clamp(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 40, 1, 60);
        int? killPid = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : null;
        var killAfter = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : changes / 2;

        using var http = new HttpClient { BaseAddress = nodes[0] };
        var states = (await http.GetFromJsonAsync<JsonElement[]>("/api/v1/states?status=member-state"))!.Select(s => s.GetProperty("iso3").GetString()!).Order().Take(changes).ToList();
        var delays = new List<double>(count * changes);
        var reconnects = new List<double>();
        var received = 0;
        var viewers = new List<Viewer>(count);
        var finishing = false;

        async Task<HubConnection> ConnectAsync(int node)
        {
            var c = new HubConnectionBuilder().WithUrl(new Uri(nodes[node], "/hubs/speakers")).Build();
            c.On<JsonElement>("list", list =>
            {
                var at = DateTime.Parse(list.GetProperty("at").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                lock (delays)
                {
                    delays.Add((DateTime.UtcNow - at).TotalMilliseconds);
                }
                Interlocked.Increment(ref received);
            });
            await c.StartAsync();
            await c.InvokeAsync("Watch", meetingId);
            return c;
        }

        var connect = Stopwatch.StartNew();
        foreach (var batch in Enumerable.Range(0, count).Chunk(50))
        {
            await Task.WhenAll(batch.Select(async n =>
            {
                var viewer = new Viewer { Connection = await ConnectAsync(n % nodes.Length), Node = n % nodes.Length };
                viewer.Connection.Closed += async _ =>
                {
                    if (Volatile.Read(ref finishing))
                    {
                        return;
                    }
                    // The node went away: back on the first node, as a load balancer would send it.
                    var lost = DateTime.UtcNow;
                    for (var attempt = 0; attempt < 20; attempt++)
                    {
                        try
                        {
                            var again = await ConnectAsync(0);
                            lock (reconnects)
                            {
                                reconnects.Add((DateTime.UtcNow - lost).TotalMilliseconds);
                                viewer.Connection = again;
                                viewer.Node = 0;
                            }
                            return;
                        }
                        catch (Exception e) when (e is HttpRequestException or IOException or TimeoutException)
                        {
                            await Task.Delay(100 * (attempt + 1));
                        }
                    }
                };
                lock (viewers)
                {
                    viewers.Add(viewer);
                }
            }));
        }
        Console.WriteLine($"{viewers.Count} viewers connected in {connect.Elapsed.TotalSeconds:F1} s: " +
            string.Join(", ", Enumerable.Range(0, nodes.Length).Select(n => $"{viewers.Count(v => v.Node == n)} on {nodes[n]}")));

        var missed = 0;
        var done = 0;
        var beforeKill = -1; // deliveries recorded while both nodes served (the rest: one node serving everyone)
        foreach (var iso in states)
        {
            if (killPid is { } pid && done == killAfter)
            {
                lock (delays)
                {
                    beforeKill = delays.Count;
                }
                var orphans = viewers.Count(v => v.Node != 0);
                Process.GetProcessById(pid).Kill();
                var wait = Stopwatch.StartNew();
                while (reconnects.Count < orphans && wait.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(20);
                }
                Console.WriteLine($"node {pid} killed after {done} changes: {reconnects.Count} of {orphans} viewers back on {nodes[0]} within {wait.Elapsed.TotalSeconds:F1} s");
            }
            using var client = new HttpClient { BaseAddress = nodes[0] };
            var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = $"delegate-{iso.ToLowerInvariant()}@example.org", password = TextLoadData.Password });
            token.EnsureSuccessStatusCode();
            client.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());
            var before = received;
            (await client.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers", new { level = "minister" })).EnsureSuccessStatusCode();
            var expected = viewers.Count;
            var waited = Stopwatch.StartNew();
            while (received < before + expected && waited.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(5);
            }
            missed += Math.Max(0, before + expected - received);
            done++;
        }

        (List<double> Both, List<double> One)? split = beforeKill < 0 ? null : (delays.Take(beforeKill).Order().ToList(), delays.Skip(beforeKill).Order().ToList());
        delays.Sort();
        double P(List<double> xs, double q) => xs.Count == 0 ? double.NaN : xs[Math.Min(xs.Count - 1, (int)(xs.Count * q))];
        Console.WriteLine("| nodes | viewers | changes | deliveries | missed | p50 ms | p95 ms | p99 ms | max ms |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {nodes.Length} | {viewers.Count} | {done} | {delays.Count} | {missed} | {P(delays, 0.5):F1} | {P(delays, 0.95):F1} | {P(delays, 0.99):F1} | {delays[^1]:F1} |"));
        if (split is { } parts)
        {
            Console.WriteLine("| served by | deliveries | p50 ms | p95 ms | p99 ms | p99 vs two nodes |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| two nodes, half the viewers each (baseline) | {parts.Both.Count} | {P(parts.Both, 0.5):F1} | {P(parts.Both, 0.95):F1} | {P(parts.Both, 0.99):F1} | 1.00 |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| one node, all viewers (after the kill) | {parts.One.Count} | {P(parts.One, 0.5):F1} | {P(parts.One, 0.95):F1} | {P(parts.One, 0.99):F1} | {P(parts.One, 0.99) / P(parts.Both, 0.99):F2} |"));
        }
        if (killPid is not null)
        {
            reconnects.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reconnections after the kill: {reconnects.Count}; p50 {P(reconnects, 0.5):F0} ms, p99 {P(reconnects, 0.99):F0} ms, max {(reconnects.Count > 0 ? reconnects[^1] : double.NaN):F0} ms"));
        }
        Volatile.Write(ref finishing, true);
        await Task.WhenAll(viewers.Select(v => v.Connection.DisposeAsync().AsTask()));
        return 0;
    }
}
