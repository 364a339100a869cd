using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Features.Notifications;
using Parley.Features.Registry;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Accreditation;

/// <summary>Organisations and applications made quickly for scenarios: through the use cases, without a password hash per organisation.</summary>
public static class AccreditationData
{
    public sealed record Applicant(string Code, int ApplicationId, string Country, string Group);

    /// <summary>Registers <paramref name="count"/> organisations spread over the five regional groups and applies each through the track.</summary>
    public static async Task<List<Applicant>> ApplyManyAsync(ParleyFactory app, string track, int count, string prefix = "Org")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDb>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var byGroup = (await db.States.AsNoTracking().Where(s => s.Status == StateStatus.MemberState && s.RegionalGroup != null).ToListAsync())
            .GroupBy(s => s.RegionalGroup!.Value).OrderBy(g => g.Key).Select(g => g.Select(s => s.Iso3).ToList()).ToList();
        var types = Enum.GetValues<OrganisationType>();
        var result = new List<Applicant>();
        for (var i = 0; i < count; i++)
        {
            var countries = byGroup[i % byGroup.Count];
            var country = countries[i / byGroup.Count % countries.Count];
            var code = $"t{Guid.NewGuid():N}"[..16];
            var organisation = new Organisation(code, $"{prefix} {i:D4} for {country} {Guid.NewGuid():N}"[..40], null, types[i % 6], country, null, $"{code}@example.org", DateTime.UtcNow);
            organisation.AddRepresentative($"Rep {i} A", null, i % 2 == 0 ? Gender.Female : Gender.Male, country);
            organisation.AddRepresentative($"Rep {i} B", null, Gender.Female, country);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            var viewer = new Viewer($"user-{code}", PrincipalKind.Stakeholder, null, code, true, $"Focal {code}");
            var applied = await Applications.ApplyAsync(db, notifier, app.Clock, viewer, "gcm",
                new Applications.ApplyRequest(track, "Protects the rights of migrants.", "Works on the themes of the thematic sessions."));
            Assert.True(applied.IsSuccess, applied.Error?.Message);
            result.Add(new Applicant(code, applied.Value.Id, country, applied.Value.RegionalGroup!));
        }
        return result;
    }

    public static async Task<HttpClient> SignInStakeholderAsync(ParleyFactory app, string organisationCode) =>
        await app.SignInAsync(await app.CreateUserAsync(PrincipalKind.Stakeholder, focalPoint: true, organisation: organisationCode));

    public static async Task RecommendAsync(HttpClient reviewer, int applicationId)
    {
        var current = await reviewer.GetFromJsonAsync<Applications.ApplicationRow>($"/api/v1/applications/{applicationId}");
        var response = await reviewer.PostAsJsonAsync($"/api/v1/applications/{applicationId}/decision", new { decision = "recommend", version = current!.Version });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
