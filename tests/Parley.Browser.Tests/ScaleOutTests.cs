using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace Parley.Browser.Tests;

/// <summary>
/// Issue 16: two app nodes on one PostgreSQL and one Redis, as behind a load balancer. A proposal submitted on node A reaches a
/// compilation viewer on node B within a second; a change to the list of speakers made on node A reaches a projector open on
/// node B; a deadline is processed by one node only, and when that node dies the other takes the work over.
/// </summary>
public sealed class ScaleOutTests
{
    [ScaleOutFact]
    public async Task TwoNodes_ShareLiveChanges_AndProcessEachDeadlineOnce()
    {
        var database = $"parley_nodes_{Guid.NewGuid():N}"[..30];
        var builder = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = ScaleOutFactAttribute.Postgres };
        builder["Database"] = database; // a database of their own, created by the first node's migrations
        var connection = builder.ConnectionString;
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Parley"] = connection ?? "",
            ["Redis:Connection"] = ScaleOutFactAttribute.Redis ?? "",
            ["Accreditation:WatchSeconds"] = "1",
            ["Texts:SilenceHours"] = "0",
        };
        // One node creates the database; the second starts on it, as a second machine would.
        await using var a = await AppProcess.StartAsync(settings);
        var b = await AppProcess.StartAsync(settings);
        try
        {
            using var playwright = await Playwright.CreateAsync();
            await using var browser = await FirstRunTests.LaunchAsync(playwright);
            var admin = await browser.NewPageAsync();
            // Each node that starts before an administrator exists prints a setup link; the newest (node B's) replaces the first.
            var key = await Journeys.BecomeAdministratorAsync(b, admin, "Omar Secretariat", "omar@un.org");
            using var apiA = await Journeys.AdministratorApiAsync(a, "omar@un.org", key);
            // The token was issued by node A; node B reads it with the data-protection keys both keep in the database.
            using var apiB = new HttpClient { BaseAddress = new Uri(b.BaseUrl), Timeout = Timeout.InfiniteTimeSpan };
            apiB.DefaultRequestHeaders.Authorization = apiA.DefaultRequestHeaders.Authorization;

            // A text, and a Mexican delegate who will propose through node A.
            var text = await (await apiA.PostAsJsonAsync("/api/v1/processes/gcm/texts", new { code = "outcome", title = "Global compact" })).Content.ReadFromJsonAsync<JsonElement>();
            var version = await (await apiA.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/versions?label=Zero%20draft&date=2018-02-05",
                new StringContent("# I. Vision\n1. We reaffirm our commitment.\n2. Migration has been part of the human experience.\n", Encoding.UTF8, "text/markdown")))
                .Content.ReadFromJsonAsync<JsonElement>();
            var versionId = version.GetProperty("id").GetInt32();
            var mexLink = await Journeys.CreateAccountAsync(apiA, new { email = "delegada@sre.gob.mx", displayName = "Delegada de México", kind = "member-state-delegate", state = "MEX" });
            var mex = await browser.NewPageAsync();
            await Journeys.SetPasswordAsync(mex, mexLink, "a long delegate passphrase");
            using var delegateA = new HttpClient { BaseAddress = new Uri(a.BaseUrl) };
            var token = await delegateA.PostAsJsonAsync("/api/v1/auth/token", new { email = "delegada@sre.gob.mx", password = "a long delegate passphrase" });
            token.EnsureSuccessStatusCode();
            delegateA.DefaultRequestHeaders.Authorization = new("Bearer", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString());

            // 1. The compilation's live events, watched on node B; the proposal submitted on node A.
            using var events = await apiB.GetAsync($"/api/v1/versions/{versionId}/events", HttpCompletionOption.ResponseHeadersRead);
            events.EnsureSuccessStatusCode();
            var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
            Assert.StartsWith(": connected", await reader.ReadLineAsync());
            var key1 = (await apiB.GetFromJsonAsync<JsonElement>($"/api/v1/versions/{versionId}")).GetProperty("provisions").EnumerateArray().Last().GetProperty("key").GetString();
            var watch = Stopwatch.StartNew();
            var proposed = await delegateA.PostAsJsonAsync($"/api/v1/versions/{versionId}/proposals", new { provisionKey = key1, kind = "replace", start = 6, end = 8, newText = "shared human experience" });
            Assert.True(proposed.IsSuccessStatusCode, await proposed.Content.ReadAsStringAsync());
            var submittedAfter = watch.Elapsed;
            string? line;
            using (var cut = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            {
                do
                {
                    line = await reader.ReadLineAsync(cut.Token);
                }
                while (line is not null && !line.StartsWith("data:", StringComparison.Ordinal));
            }
            var arrived = watch.Elapsed;
            Assert.Contains("\"proposal\"", line);
            Assert.True(arrived - submittedAfter < TimeSpan.FromSeconds(1), $"node B's viewer heard of node A's proposal {(arrived - submittedAfter).TotalMilliseconds:0} ms after it was saved");
            Console.WriteLine($"Proposal on A seen on B after {(arrived - submittedAfter).TotalMilliseconds:0} ms.");

            // 2. A projector open on node B; the chair adds a speaker through node A.
            var meeting = await apiA.PostAsJsonAsync("/api/v1/processes/gcm/meetings", new { series = "negotiations", slot = 1, days = new[] { "2018-02-20", "2018-02-21" } });
            meeting.EnsureSuccessStatusCode();
            var meetingId = (await meeting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var projector = await (await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 720 } })).NewPageAsync();
            await projector.GotoAsync($"{b.BaseUrl}/meetings/{meetingId}/projector");
            await Assertions.Expect(projector.GetByTestId("projector")).ToHaveAttributeAsync("data-live", "connected", new() { Timeout = 10_000 });
            (await apiA.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers/chair", new { action = "add", code = "MAR", label = "Morocco", category = "member-state", level = "minister" }))
                .EnsureSuccessStatusCode();
            await Assertions.Expect(projector.GetByTestId("projector-next")).ToContainTextAsync("Morocco", new() { Timeout = 1_000 });
            (await apiA.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers/chair", new { action = "next" })).EnsureSuccessStatusCode();
            await Assertions.Expect(projector.GetByTestId("projector-current")).ToContainTextAsync("Morocco", new() { Timeout = 1_000 });

            // 3. Each node runs the deadline watcher every second, but only one holds the lock: a silence that ends is closed once.
            var leaders = new[] { a, b }.Count(n => n.Output.Contains("This node runs the deadline watcher.", StringComparison.Ordinal));
            Assert.Equal(1, leaders);
            async Task<int> SilenceAsync(HttpClient api)
            {
                var started = await api.PostAsJsonAsync($"/api/v1/versions/{versionId}/silence", new { deadline = DateTime.UtcNow.AddSeconds(2) });
                Assert.True(started.IsSuccessStatusCode, await started.Content.ReadAsStringAsync());
                var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
                var deadline = DateTime.UtcNow.AddSeconds(20);
                while (DateTime.UtcNow < deadline)
                {
                    if ((await api.GetFromJsonAsync<JsonElement>($"/api/v1/silences/{id}")).GetProperty("outcome").GetString() != "open")
                    {
                        return id;
                    }
                    await Task.Delay(250);
                }
                throw new TimeoutException("No node closed the silence.");
            }
            int ClosingMails(params AppProcess[] nodes) => nodes.Sum(n => Directory.Exists(n.MailFolder)
                ? Directory.GetFiles(n.MailFolder, "*.eml").Count(f => File.ReadAllText(f).Contains("delegada@sre.gob.mx", StringComparison.Ordinal)
                    && File.ReadAllText(f).Contains("Silence procedure on", StringComparison.Ordinal))
                : 0);
            await SilenceAsync(apiA);
            await Task.Delay(3_000); // every node has had three more ticks to close it again
            Assert.Equal(1, ClosingMails(a, b));

            // 4. The node that led dies; the other takes the work over and the next silence still closes, once.
            var leader = a.Output.Contains("This node runs the deadline watcher.", StringComparison.Ordinal) ? a : b;
            var survivor = leader == a ? b : a;
            var survivorApi = leader == a ? apiB : apiA;
            var survivorMails = ClosingMails(survivor);
            await leader.DisposeAsync(); // killed, as a machine that fails: its database session ends and its lock with it
            await SilenceAsync(survivorApi);
            Assert.Contains("This node runs the deadline watcher.", survivor.Output, StringComparison.Ordinal);
            await Task.Delay(2_000);
            Assert.Equal(survivorMails + 1, ClosingMails(survivor));
        }
        catch
        {
            Console.WriteLine("--- node A ---\n" + a.Output + "\n--- node B ---\n" + b.Output);
            throw;
        }
        finally
        {
            await b.DisposeAsync();
        }
    }
}
