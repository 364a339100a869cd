using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Web;

/// <summary>
/// Issue 16: a client that lost the answer to a write may send it again with the same Idempotency-Key, and nothing is recorded
/// twice — one after the other, or at the same moment; the same key with another body, or from another caller, is not a retry.
/// </summary>
public sealed class IdempotencyTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private async Task<(int VersionId, string Key)> VersionAsync(string code)
    {
        var cofac = await app.SignInAsync(await app.CreateUserAsync(PrincipalKind.CoFacilitator));
        var text = await (await cofac.PostAsJsonAsync("/api/v1/processes/gcm/texts", new { code, title = "Idempotent text " + code })).ExpectJsonAsync(HttpStatusCode.Created);
        var version = await (await cofac.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/versions?label=Zero%20draft&date=2018-02-05",
            new StringContent("1. We commit to act together.\n2. States shall cooperate.\n", Encoding.UTF8, "text/markdown"))).ExpectJsonAsync(HttpStatusCode.Created);
        var versionId = version.GetProperty("id").GetInt32();
        var key = (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/versions/{versionId}")).GetProperty("provisions")[0].GetProperty("key").GetString()!;
        return (versionId, key);
    }

    private static HttpRequestMessage Post(string url, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        return request;
    }

    private async Task<int> ProposalsAsync(int versionId)
    {
        await using var db = app.OpenDb();
        return await db.Proposals.CountAsync(p => p.VersionId == versionId);
    }

    [Fact]
    public async Task ARetryWithTheSameKey_GetsTheFirstAnswer_AndWritesNothing()
    {
        var (versionId, key) = await VersionAsync("idem1");
        var mex = await app.SignInAsDelegateOfAsync("MEX");
        var body = new { kind = "delete", provisionKey = key, start = 1, end = 2 };
        var url = $"/api/v1/versions/{versionId}/proposals";

        var first = await mex.SendAsync(Post(url, body, "a3f1c2e0-retry"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await mex.SendAsync(Post(url, body, "a3f1c2e0-retry"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await ProposalsAsync(versionId));

        // The same key with another body is a mistake, said as such; without a key every request is a new one.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await mex.SendAsync(Post(url, new { kind = "delete", provisionKey = key, start = 0, end = 1 }, "a3f1c2e0-retry"))).StatusCode);
        Assert.Equal(1, await ProposalsAsync(versionId));

        // Another caller's key is another key: Chile's request with the same key is its own.
        var chl = await app.SignInAsDelegateOfAsync("CHL");
        Assert.Equal(HttpStatusCode.Created, (await chl.SendAsync(Post(url, body, "a3f1c2e0-retry"))).StatusCode);
        Assert.Equal(2, await ProposalsAsync(versionId));

        // A refusal is an answer too: replayed, not re-run.
        var refused = await mex.SendAsync(Post(url, new { kind = "delete", provisionKey = "no-such", start = 1, end = 2 }, "refused-once"));
        Assert.True((int)refused.StatusCode is >= 400 and < 500, $"{(int)refused.StatusCode}");
        var refusedAgain = await mex.SendAsync(Post(url, new { kind = "delete", provisionKey = "no-such", start = 1, end = 2 }, "refused-once"));
        Assert.Equal(refused.StatusCode, refusedAgain.StatusCode);
        Assert.True(refusedAgain.Headers.Contains("Idempotent-Replayed"));

        // A sign-in's answer is a bearer token: a key sent with it is ignored, and no token is kept in the database.
        var user = await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "PER");
        var signIn = await app.Anonymous().SendAsync(Post("/api/v1/auth/token", new { email = user.Email, password = ParleyFactory.Password }, "sign-in-key"));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.False(signIn.Headers.Contains("Idempotent-Replayed"));
        await using (var db = app.OpenDb())
        {
            Assert.False(await db.IdempotentRequests.AnyAsync(r => r.Key == "sign-in-key"));
        }

        // A key longer than 255 characters is refused before anything runs.
        Assert.Equal(HttpStatusCode.BadRequest, (await mex.SendAsync(Post(url, body, new string('k', 256)))).StatusCode);
        Assert.Equal(2, await ProposalsAsync(versionId));
    }

    [Fact]
    public async Task RetriesAtTheSameMoment_RecordOnce()
    {
        var (versionId, key) = await VersionAsync("idem2");
        var mex = await app.SignInAsDelegateOfAsync("MEX");
        var body = new { kind = "delete", provisionKey = key, start = 0, end = 1 };
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => mex.SendAsync(Post($"/api/v1/versions/{versionId}/proposals", body, "same-moment"))));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{(int)a.StatusCode}"));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await ProposalsAsync(versionId));
        var ids = new HashSet<string?>();
        foreach (var a in answers.Where(a => a.StatusCode == HttpStatusCode.Created))
        {
            ids.Add((await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").ToString());
        }
        Assert.Single(ids); // every answer names the same proposal
    }
}
