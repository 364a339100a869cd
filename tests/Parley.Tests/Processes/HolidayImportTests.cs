using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Processes;

/// <summary>Holidays of any duty station and any year come in from an iCalendar file.</summary>
public sealed class HolidayImportTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private const string Ics = """
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Test//Holidays//EN
        BEGIN:VEVENT
        UID:1@test
        DTSTART;VALUE=DATE:20300412
        DTEND;VALUE=DATE:20300416
        SUMMARY:Easter
        END:VEVENT
        BEGIN:VEVENT
        UID:2@test
        DTSTART;VALUE=DATE:20301020
        SUMMARY:Mashujaa Day
        END:VEVENT
        BEGIN:VEVENT
        UID:3@test
        DTSTART;VALUE=DATE:20300101
        RRULE:FREQ=YEARLY
        SUMMARY:New Year
        END:VEVENT
        END:VCALENDAR
        """;

    [Fact]
    public async Task AnICalendarFile_AddsEachDayOfItsAllDayEvents_KeepsKnownDays_AndSaysWhatItSkipped()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var response = await secretariat.PostAsync("/api/v1/holidays/import?calendar=UNON-T", new StringContent(Ics.Replace("\n", "\r\n", StringComparison.Ordinal), Encoding.UTF8, "text/calendar"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(5, body.GetProperty("added").GetInt32()); // 12–15 April (DTEND exclusive) and 20 October
        Assert.Contains("recurring", body.GetProperty("skipped")[0].GetString(), StringComparison.Ordinal);
        var again = await (await secretariat.PostAsync("/api/v1/holidays/import?calendar=UNON-T", new StringContent(Ics, Encoding.UTF8, "text/calendar"))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 5), (again.GetProperty("added").GetInt32(), again.GetProperty("known").GetInt32()));
        var holidays = await app.Anonymous().GetFromJsonAsync<JsonElement>("/api/v1/holidays?calendar=UNON-T");
        Assert.Equal(5, holidays.GetArrayLength());

        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostAsync("/api/v1/holidays/import?calendar=UNON-T", new StringContent("not a calendar", Encoding.UTF8, "text/calendar"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.SignInAsDelegateOfAsync("KEN")).PostAsync("/api/v1/holidays/import?calendar=X", new StringContent(Ics, Encoding.UTF8, "text/calendar"))).StatusCode);
    }
}
