using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Tests.Accreditation;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Meetings;

/// <summary>
/// §8: informal dialogues to which the co-facilitators invite stakeholders. The series is by invitation only in the modalities file:
/// an invited organisation registers its representatives, an accredited one that is not invited cannot; the co-facilitators record
/// the dialogue's summary; nobody else invites.
/// </summary>
public sealed class InformalDialogueTests : IAsyncLifetime
{
    private readonly ParleyFactory _app = new();

    public Task InitializeAsync() => _app.InitializeAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task OnlyInvitedOrganisationsRegister_AndTheCoFacilitatorsRecordTheSummary()
    {
        _app.Clock.Set(2017, 4, 10);
        var organisations = await AccreditationData.ApplyManyAsync(_app, "ecosoc", 2, prefix: "Dialogue NGO");
        using (var db = _app.OpenDb())
        {
            foreach (var application in db.Applications.Where(a => a.TrackId == "ecosoc"))
            {
                application.Decide(ApplicationStatus.Accredited, "test", "Verified.", DateTime.UtcNow);
            }
            await db.SaveChangesAsync();
        }
        _app.Clock.Set(2017, 6, 1);
        var secretariat = await _app.SignInAsSecretariatAsync();
        var created = await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/meetings", new { series = "dialogues", days = new[] { "2017-06-12" }, title = "Informal dialogue on remittances" });
        var meetingId = (await created.ExpectJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetInt32();
        await (await secretariat.PutAsJsonAsync($"/api/v1/meetings/{meetingId}/setup", new { capacity = 80, stakeholderQuota = 2, languages = "English", interpretationAsAvailable = true })).ExpectJsonAsync(HttpStatusCode.OK);

        var cofacilitator = await _app.SignInAsync(await _app.CreateUserAsync(PrincipalKind.CoFacilitator));
        var delegate_ = await _app.SignInAsDelegateOfAsync("MEX");
        Assert.Equal(HttpStatusCode.Forbidden, (await delegate_.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/invitations", new { organisations = new[] { organisations[0].Code } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cofacilitator.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/invitations", new { organisations = new[] { "no-such-org" } })).StatusCode);
        var invited = await (await cofacilitator.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/invitations", new { organisations = new[] { organisations[0].Code } })).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.Equal(organisations[0].Code, Assert.Single(invited.EnumerateArray()).GetProperty("organisation").GetString());

        object People(string who) => new { participants = new[] { new { name = $"{who} representative", role = "representative", gender = "female", listPublicly = true } } };
        var guest = await AccreditationData.SignInStakeholderAsync(_app, organisations[0].Code);
        await (await guest.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/registrations", People("Guest"))).ExpectJsonAsync(HttpStatusCode.Created);
        var uninvited = await AccreditationData.SignInStakeholderAsync(_app, organisations[1].Code);
        var refused = await uninvited.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/registrations", People("Uninvited"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("by invitation of the co-facilitators", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var list = await _app.Anonymous().GetAsync($"/api/v1/meetings/{meetingId}/invitations");
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal("pending", (await (await secretariat.GetAsync($"/api/v1/meetings/{meetingId}/invitations")).ExpectJsonAsync(HttpStatusCode.OK))[0].GetProperty("registration").GetString());

        // The co-facilitators record the dialogue's summary; not a plenary's; a delegate neither.
        await (await cofacilitator.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/summaries", new { kind = "dialogue", title = "Summary of the dialogue", text = "Participants proposed lower remittance costs." })).ExpectJsonAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Forbidden, (await cofacilitator.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/summaries", new { kind = "plenary", title = "x", text = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await delegate_.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/summaries", new { kind = "dialogue", title = "x", text = "y" })).StatusCode);
        var summaries = await _app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/meetings/{meetingId}/summaries");
        Assert.Equal("dialogue", Assert.Single(summaries.EnumerateArray()).GetProperty("kind").GetString());

        // A thematic session is not by invitation: inviting to it is refused.
        var session = await (await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/meetings", new { series = "thematic", slot = 1, days = new[] { "2017-05-08", "2017-05-09" } })).ExpectJsonAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.BadRequest, (await cofacilitator.PostAsJsonAsync($"/api/v1/meetings/{session.GetProperty("id").GetInt32()}/invitations", new { organisations = new[] { organisations[1].Code } })).StatusCode);
    }
}
