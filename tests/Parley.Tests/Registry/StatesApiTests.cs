using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Registry;

public sealed class StatesApiTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private async Task<JsonElement[]> GetStatesAsync(string query = "")
    {
        var response = await app.Anonymous().GetAsync("/api/v1/states" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
    }

    [Fact]
    public async Task Registry_IsPublic_AndHoldsEveryParticipant()
    {
        var all = await GetStatesAsync();
        Assert.Equal(197, all.Length);
        Assert.Contains(all, s => s.GetProperty("iso3").GetString() == "VAT" && s.GetProperty("status").GetString() == "observer-state");
        Assert.Contains(all, s => s.GetProperty("iso3").GetString() == "NIU" && s.GetProperty("status").GetString() == "specialized-agency-member");
    }

    [Theory]
    [InlineData("?status=member-state", 193)]
    [InlineData("?status=observer-state", 2)]
    [InlineData("?status=specialized-agency-member", 2)]
    [InlineData("?group=AG", 54)]
    [InlineData("?group=APG", 54)]
    [InlineData("?group=EEG", 23)]
    [InlineData("?group=GRULAC", 33)]
    [InlineData("?group=WEOG", 29)]
    [InlineData("?group=weog", 29)]
    [InlineData("?ldcAsOf=2017-03-01", 48)]
    [InlineData("?ldcAsOf=2018-01-01", 47)]
    [InlineData("?ldcAsOf=2025-01-01", 44)]
    [InlineData("?group=AG&ldcAsOf=2018-01-01", 33)]
    [InlineData("?q=mex", 1)]
    public async Task Filters_ReturnTheExpectedCounts(string query, int expected) =>
        Assert.Equal(expected, (await GetStatesAsync(query)).Length);

    [Fact]
    public async Task LdcStatus_FollowsGraduationDates()
    {
        var before = await GetStatesAsync("?ldcAsOf=2020-12-03");
        var after = await GetStatesAsync("?ldcAsOf=2020-12-04");
        Assert.Contains(before, s => s.GetProperty("iso3").GetString() == "VUT");
        Assert.DoesNotContain(after, s => s.GetProperty("iso3").GetString() == "VUT");
    }

    [Fact]
    public async Task SpecialCases_KeepTheirGroupNotes()
    {
        var tur = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/states/TUR");
        Assert.Equal("WEOG", tur.GetProperty("state").GetProperty("regionalGroup").GetString());
        Assert.Equal("APG", tur.GetProperty("state").GetProperty("alsoParticipatesIn").GetString());
        var usa = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/states/us");
        Assert.Contains("observer", usa.GetProperty("regionalGroupNote").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("?group=XYZ", "group")]
    [InlineData("?status=member", "status")]
    [InlineData("?ldcAsOf=2018-13-45", "ldcAsOf")]
    [InlineData("?ldcAsOf=yesterday", "ldcAsOf")]
    public async Task BadFilter_Is400_WithAMessageForTheField(string query, string field)
    {
        var response = await app.Anonymous().GetAsync("/api/v1/states" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages));
        Assert.NotEmpty(messages.EnumerateArray());
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownState_Is404Problem()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/states/ZZZ");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CsvExport_HasAHeaderAndOneLinePerState()
    {
        var response = await app.Anonymous().GetAsync("/api/v1/states/export.csv?group=EEG");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // BOM, so spreadsheet programs read UTF-8
        var lines = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).TrimEnd().Split('\n');
        Assert.StartsWith("ISO3,ISO2,M49,Name,Formal name,Status,Regional group", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + 23, lines.Length);
    }

    [Fact]
    public async Task StatesPage_FiltersToLdcs_WithoutJavaScript()
    {
        var html = await app.Anonymous().GetStringAsync("/states?ldcAsOf=2018-01-01");
        Assert.Contains("47 States", html, StringComparison.Ordinal);
        var bad = await app.Anonymous().GetStringAsync("/states?group=NOPE");
        Assert.Contains("Use AG, APG, EEG, GRULAC or WEOG.", bad, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegionalGroupsAndInstitutions_AreListed()
    {
        var groups = await app.Anonymous().GetFromJsonAsync<JsonElement[]>("/api/v1/regional-groups");
        Assert.Equal(5, groups!.Length);
        Assert.Equal(193, groups.Sum(g => g.GetProperty("members").GetInt32()));
        var institutions = await app.Anonymous().GetFromJsonAsync<JsonElement[]>("/api/v1/institutions");
        Assert.Equal(5, institutions!.Count(i => i.GetProperty("kind").GetString() == "RegionalCommission"));
        Assert.Contains(institutions!, i => i.GetProperty("code").GetString() == "IOM");
        Assert.Contains(institutions!, i => i.GetProperty("code").GetString() == "OPGA");
    }
}
