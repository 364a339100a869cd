using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Accreditation;

public sealed class ApplicationsTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private static object Registration(string name, string email, string country = "KEN") =>
        new { name, type = "ngo", country, email, focalPointName = "Amina Focal", password = ParleyFactory.Password, website = "https://example.org" };

    [Fact]
    public async Task Organisation_Registers_AndANearlyIdenticalName_IsWarnedUntilConfirmed()
    {
        var anonymous = app.Anonymous();
        var first = await anonymous.PostAsJsonAsync("/api/v1/organisations", Registration("Migrant Rights Network", $"a{Guid.NewGuid():N}@example.org"));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        var similar = await anonymous.PostAsJsonAsync("/api/v1/organisations", Registration("The Migrant Rights Network.", $"b{Guid.NewGuid():N}@example.org"));
        Assert.Equal(HttpStatusCode.BadRequest, similar.StatusCode);
        Assert.Contains("very similar name: Migrant Rights Network", await similar.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var confirmed = await anonymous.PostAsJsonAsync("/api/v1/organisations",
            new { name = "Migrant Rights Network.", type = "diaspora", country = "PHL", email = $"c{Guid.NewGuid():N}@example.org", focalPointName = "Jose", password = ParleyFactory.Password, confirmNotDuplicate = true });
        Assert.Equal(HttpStatusCode.Accepted, confirmed.StatusCode);
    }

    [Fact]
    public async Task Registering_WithAnAddressThatHasAnAccount_AnswersAsAFreshRegistration_AndTellsTheHolderByEmail()
    {
        var existing = await app.CreateUserAsync(Parley.Features.Identity.PrincipalKind.Donor);
        var fresh = $"fresh{Guid.NewGuid():N}@example.org";
        var taken = await app.Anonymous().PostAsJsonAsync("/api/v1/organisations", Registration($"Taken Address {Guid.NewGuid():N}", existing.Email));
        var free = await app.Anonymous().PostAsJsonAsync("/api/v1/organisations", Registration($"Free Address {Guid.NewGuid():N}", fresh));
        Assert.Equal(free.StatusCode, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, taken.StatusCode);
        var takenBody = await taken.Content.ReadAsStringAsync();
        Assert.Equal((await free.Content.ReadAsStringAsync()).Replace(fresh, "X", StringComparison.Ordinal), takenBody.Replace(existing.Email, "X", StringComparison.Ordinal));
        Assert.DoesNotContain("exists", takenBody, StringComparison.OrdinalIgnoreCase);

        Assert.Contains(app.MailTo(existing.Email), m => m.Contains("already has an account", StringComparison.Ordinal));
        await using var db = app.OpenDb();
        Assert.Equal(1, await db.Users.CountAsync(u => u.Email == existing.Email)); // nothing was created for it

        // The new address signs in only once confirmed; before that its right password gets no token.
        var early = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = fresh, password = ParleyFactory.Password });
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        await app.ConfirmEmailAsync(fresh);
        var late = await app.Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = fresh, password = ParleyFactory.Password });
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
    }

    [Fact]
    public async Task BadRegistration_GetsAMessagePerField()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/organisations", new { name = "", type = "club", country = "XXX", email = "not-an-email", website = "javascript:alert(1)", password = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "name", "type", "country", "email", "website", "focalPointName" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no message for {field}");
        }
    }

    [Fact]
    public async Task Tracks_AcceptApplicationsOnlyWhileOpen_AndOnlyFromAFocalPoint()
    {
        var (code, client) = await RegisterAndSignInAsync("Closed Door Institute");
        app.Clock.Set(2017, 5, 15); // special-preparatory closed on 21 April 2017
        var closed = await client.PostAsJsonAsync("/api/v1/processes/gcm/applications", new { track = "special-preparatory", mandate = "m", relevance = "r" });
        Assert.Equal(HttpStatusCode.BadRequest, closed.StatusCode);
        Assert.Contains("takes applications from 6 April 2017 to 21 April 2017", await closed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        app.Clock.Set(2017, 4, 12);
        client = await app.SignInAsync(new TestUser((await UserIdAsync(code))!, await EmailAsync(code), null));
        var missing = await client.PostAsJsonAsync("/api/v1/processes/gcm/applications", new { track = "special-preparatory" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var ok = await client.PostAsJsonAsync("/api/v1/processes/gcm/applications", new { track = "special-preparatory", mandate = "Research on migration.", relevance = "Data for the thematic sessions." });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/processes/gcm/applications", new { track = "special-preparatory", mandate = "a", relevance = "b" })).StatusCode);

        var colleague = await app.SignInAsync(await app.CreateUserAsync(PrincipalKind.Stakeholder, organisation: code)); // not the focal point
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PostAsJsonAsync("/api/v1/processes/gcm/applications", new { track = "nhri" })).StatusCode);
        var delegateClient = await app.SignInAsDelegateOfAsync("BRA");
        Assert.Equal(HttpStatusCode.Forbidden, (await delegateClient.PostAsJsonAsync("/api/v1/processes/gcm/applications", new { track = "ecosoc" })).StatusCode);
        app.Clock.Reset();
    }

    [Fact]
    public async Task InternalNotes_AreForReviewers_AndOtherOrganisationsSeeNothing()
    {
        app.Clock.Set(2017, 4, 12);
        var (code, client) = await RegisterAndSignInAsync("Notes Watch");
        var applied = await (await client.PostAsJsonAsync("/api/v1/processes/gcm/applications", new { track = "special-preparatory", mandate = "m", relevance = "r" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = applied.GetProperty("id").GetInt32();
        var secretariat = await app.SignInAsSecretariatAsync(administrator: false);
        Assert.Equal(HttpStatusCode.Created, (await secretariat.PostAsJsonAsync($"/api/v1/applications/{id}/notes", new { text = "INTERNAL: check the website" })).StatusCode);

        var reviewerView = await secretariat.GetStringAsync($"/api/v1/applications/{id}");
        Assert.Contains("INTERNAL: check the website", reviewerView, StringComparison.Ordinal);
        var ownView = await client.GetStringAsync($"/api/v1/applications/{id}");
        Assert.DoesNotContain("INTERNAL", ownView, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/v1/applications/{id}/notes", new { text = "let me in" })).StatusCode);

        var (_, other) = await RegisterAndSignInAsync("Another Org Entirely");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/v1/applications/{id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/processes/gcm/applications")).StatusCode);
        Assert.DoesNotContain("INTERNAL", await client.GetStringAsync("/api/v1/organisations/mine/applications"), StringComparison.Ordinal);
        app.Clock.Reset();
    }

    [Fact]
    public async Task Uploads_AreCheckedByContentAndSize_AndServedOnlyToTheOwnerAndReviewers()
    {
        app.Clock.Set(2017, 4, 12);
        var (_, client) = await RegisterAndSignInAsync("Upload Testers");
        var id = (await (await client.PostAsJsonAsync("/api/v1/processes/gcm/applications", new { track = "special-preparatory", mandate = "m", relevance = "r" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        static MultipartFormDataContent File(byte[] bytes, string name)
        {
            var content = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            content.Add(file, "file", name);
            return content;
        }

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");
        var uploaded = await client.PostAsync($"/api/v1/applications/{id}/files", File(pdf, "../../statute<script>.pdf"));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var row = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("statutescript.pdf", row.GetProperty("fileName").GetString());

        var disguised = await client.PostAsync($"/api/v1/applications/{id}/files", File(Encoding.ASCII.GetBytes("MZ\x90\0 this is an executable"), "statute.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        var huge = new byte[Applications.MaxFileBytes + 1];
        "%PDF-"u8.CopyTo(huge);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"/api/v1/applications/{id}/files", File(huge, "big.pdf"))).StatusCode);

        var url = $"/api/v1/applications/{id}/files/{row.GetProperty("id").GetInt32()}";
        var download = await client.GetAsync(url);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsSecretariatAsync(false)).GetAsync(url)).StatusCode);
        var (_, other) = await RegisterAndSignInAsync("Curious Neighbours");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsDelegateOfAsync("DEU")).GetAsync(url)).StatusCode);
        Assert.NotEmpty(Directory.GetFiles(app.FilesFolder, "*.bin")); // stored under Storage:Root, renamed, not in wwwroot
        app.Clock.Reset();
    }

    [Fact]
    public async Task Registration_WithAnEcosocListedName_IsAccreditedAtOnce()
    {
        var secretariat = await app.SignInAsSecretariatAsync(administrator: false);
        var csv = "name,status,since\nInternational Catholic Migration Commission,general,1952\n";
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PostAsync("/api/v1/verification/ecosoc", new StringContent(csv, Encoding.UTF8, "text/csv"))).StatusCode);
        app.Clock.Set(2017, 6, 1);
        var (code, client) = await RegisterAndSignInAsync("International Catholic Migration Commission (ICMC)");
        var mine = await client.PutAsJsonAsync("/api/v1/organisations/mine", new { name = "International Catholic Migration Commission", type = "ngo", country = "CHE", email = "icmc@example.org" });
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        var applied = await (await client.PostAsJsonAsync("/api/v1/processes/gcm/applications", new { track = "ecosoc" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("accredited", applied.GetProperty("status").GetString());
        var status = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/organisations/{code}/status");
        Assert.Equal("accredited", status.GetProperty("statuses")[0].GetProperty("status").GetString());
        app.Clock.Reset();
    }

    [Fact]
    public async Task ReviewAndImportPages_AreClosedToStakeholdersAndDelegates_AndTheImportPageReportsBadRows()
    {
        var stakeholder = await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.Stakeholder, focalPoint: true, organisation: "nobody"));
        var review = await stakeholder.GetAsync("/accreditation/gcm/review");
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        Assert.StartsWith("/account/access-denied", review.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        var delegateBrowser = await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "IND"));
        var imports = await delegateBrowser.GetAsync("/accreditation/imports");
        Assert.StartsWith("/account/access-denied", imports.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

        var secretariat = await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.Secretariat));
        var page = await secretariat.GetStringAsync("/accreditation/imports");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent("import"), "_handler" },
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("ganhri"), "source" },
            { new StringContent("true"), "dryRun" },
        };
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("name,country,status\nGood Commission,KEN,A\nBad Commission,KEN,Z\n")), "file", "ganhri.csv");
        var posted = await secretariat.PostAsync("/accreditation/imports", form);
        var html = await posted.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"import-report\"", html, StringComparison.Ordinal);
        Assert.Contains("Line 3", html, StringComparison.Ordinal);
        Assert.Contains("would be imported: 1;", html, StringComparison.Ordinal);
    }

    private async Task<string?> UserIdAsync(string code)
    {
        using var db = app.OpenDb();
        return await db.Users.Where(u => u.OrganisationCode == code && u.IsFocalPoint).Select(u => u.Id).FirstOrDefaultAsync();
    }

    private async Task<string> EmailAsync(string code)
    {
        using var db = app.OpenDb();
        return await db.Users.Where(u => u.OrganisationCode == code && u.IsFocalPoint).Select(u => u.Email!).FirstAsync();
    }

    /// <summary>Registers through the public endpoint and signs in as the new focal point.</summary>
    private async Task<(string Code, HttpClient Client)> RegisterAndSignInAsync(string name)
    {
        var email = $"r{Guid.NewGuid():N}@example.org";
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/organisations",
            new { name = $"{name} {Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 300)], type = "academic", country = "SEN", email, focalPointName = "Focal", password = ParleyFactory.Password, confirmNotDuplicate = true });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await app.ConfirmEmailAsync(email);
        string code;
        await using (var db = app.OpenDb())
        {
            code = await db.Users.Where(u => u.Email == email).Select(u => u.OrganisationCode!).FirstAsync();
        }
        var client = await app.SignInAsync(new TestUser((await UserIdAsync(code))!, email, null));
        return (code, client);
    }
}
