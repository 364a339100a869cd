using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using Parley.Data;
using Parley.Features.Identity;
using Xunit;

namespace Parley.Tests.Infrastructure;

/// <summary>The real application, over a real database, driven through HTTP. One per test class.</summary>
public class ParleyFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "correct horse battery staple";
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>The application's clock; tests move it to walk a process through time.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>
    /// The clock TOTP codes are checked against. Each code is accepted once, so every sign-in a test makes takes the next
    /// 30-second step: <see cref="NextCode"/> moves this clock on and computes the code for it.
    /// </summary>
    public TestClock TotpClock { get; } = new();

    private readonly object _totpLock = new();

    public string? NextCode(TestUser user)
    {
        if (user.TotpKey is null)
        {
            return null;
        }
        lock (_totpLock)
        {
            var next = TotpClock.GetUtcNow().AddSeconds(30);
            TotpClock.Set(next);
            return user.CurrentCode(next.UtcDateTime);
        }
    }

    protected virtual int SignInPerMinute => 10_000;

    /// <summary>False leaves Storage:Root unset, as a newcomer's configuration does (files go to ./data/files).</summary>
    protected virtual bool SetsStorageRoot => true;

    /// <summary>Where this application's e-mails are written (.eml files), and its uploads stored.</summary>
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "parley-tests", Guid.NewGuid().ToString("N"));

    public string MailFolder => Path.Combine(_scratch, "mail");

    public string FilesFolder => Path.Combine(_scratch, "files");

    public string AnchorFile => Path.Combine(_scratch, "audit-anchors.txt");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _ = Server; // start the host: migrates and seeds
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
        if (Directory.Exists(_scratch))
        {
            Directory.Delete(_scratch, recursive: true);
        }
        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Settings.Provider.ToString());
        builder.UseSetting("ConnectionStrings:Parley", Database.Settings.ConnectionString);
        builder.UseSetting("Setup:Announce", "false");
        builder.UseSetting("Accreditation:WatchSeconds", "0");
        builder.UseSetting("Mail:PickupFolder", MailFolder);
        builder.UseSetting("Audit:AnchorFile", AnchorFile);
        builder.UseSetting("Audit:AnchorMinutes", "0");
        if (SetsStorageRoot)
        {
            builder.UseSetting("Storage:Root", FilesFolder);
        }
        builder.UseSetting("RateLimits:SignInPerMinute", SignInPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(new AuthenticatorClock(TotpClock));
        });
    }

    private ResponseSchemas? _schemas;

    /// <summary>
    /// A client of the app with cookies, no redirects followed, and every JSON answer from /api/v1 checked against its declared
    /// schema (PARLEY_CHECK_SCHEMAS=0 turns the check off, to see a test's own failure first).
    /// </summary>
    public HttpClient Anonymous()
    {
        if (Environment.GetEnvironmentVariable("PARLEY_CHECK_SCHEMAS") == "0")
        {
            return CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        }
        return CreateDefaultClient(new Uri("http://localhost"), new ResponseSchemaHandler(Schemas), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler());
    }

    private ResponseSchemas Schemas()
    {
        if (_schemas is null)
        {
            using var plain = CreateClient();
            _schemas = new ResponseSchemas(plain.GetStringAsync("/openapi/v1.json").GetAwaiter().GetResult());
        }
        return _schemas;
    }

    /// <summary>Creates an account directly (as the Secretariat would) with a known password; privileged roles get a TOTP key.</summary>
    public async Task<TestUser> CreateUserAsync(PrincipalKind kind, string? state = null, bool focalPoint = false,
        bool administrator = false, string? email = null, string? organisation = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParleyUser>>();
        email ??= $"{kind.Slug()}-{Guid.NewGuid():N}@example.org";
        var user = new ParleyUser
        {
            UserName = email,
            Email = email,
            DisplayName = $"Test {kind.Slug()}",
            Kind = kind,
            StateIso3 = state,
            OrganisationCode = organisation,
            IsFocalPoint = focalPoint,
            IsAdministrator = administrator,
            EmailConfirmed = true,
            CreatedAt = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        string? key = null;
        if (kind.IsPrivileged())
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        return new TestUser(user.Id, email, key);
    }

    /// <summary>A privileged account whose holder has not yet enrolled an authenticator: a password and nothing else.</summary>
    public async Task<TestUser> CreateUnenrolledUserAsync(PrincipalKind kind, bool administrator = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ParleyUser>>();
        var email = $"noauth-{kind.Slug()}-{Guid.NewGuid():N}@example.org";
        var user = new ParleyUser
        {
            UserName = email, Email = email, DisplayName = $"Unenrolled {kind.Slug()}", Kind = kind, IsAdministrator = administrator,
            EmailConfirmed = true, CreatedAt = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return new TestUser(user.Id, email, null);
    }

    /// <summary>Signs in through the login page with the password alone: the cookie a privileged account gets before enrolling.</summary>
    public async Task<HttpClient> SignInBrowserWithoutSecondFactorAsync(TestUser user)
    {
        var (browser, login) = await PasswordStepAsync(user);
        Assert.StartsWith("/account/authenticator", login.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        return browser;
    }

    /// <summary>The sign-in page's first step, as a browser without JavaScript posts it.</summary>
    private async Task<(HttpClient Browser, HttpResponseMessage Login)> PasswordStepAsync(TestUser user)
    {
        var browser = Anonymous();
        var login = await Forms.SubmitAsync(browser, "/account/login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email,
            ["Input.Password"] = Password,
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, login.StatusCode);
        return (browser, login);
    }

    /// <summary>A client carrying a bearer token for the user, obtained through the real token endpoint.</summary>
    public async Task<HttpClient> SignInAsync(TestUser user)
    {
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = Password, totpCode = NextCode(user) });
        if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized && user.TotpKey is not null)
        {
            // Seen once in CI (PostgreSQL, full parallel run): a privileged sign-in refused with the right password and code, not
            // reproduced alone. Said in the output, and tried once more with the next step's code, as a person would.
            Console.WriteLine($"Sign-in of {user.Email} refused once ({await response.Content.ReadAsStringAsync()}); trying the next code.");
            response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = user.Email, password = Password, totpCode = NextCode(user) });
        }
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public Task<HttpClient> SignInAsDelegateOfAsync(string iso3, bool focalPoint = false) =>
        CreateUserAsync(PrincipalKind.MemberStateDelegate, iso3, focalPoint).ContinueWith(t => SignInAsync(t.Result)).Unwrap();

    public async Task<HttpClient> SignInAsSecretariatAsync(bool administrator = true) =>
        await SignInAsync(await CreateUserAsync(PrincipalKind.Secretariat, administrator: administrator));

    /// <summary>Signs in through the login pages with a cookie, as a browser without JavaScript does.</summary>
    public async Task<HttpClient> SignInBrowserAsync(TestUser user)
    {
        var (browser, login) = await PasswordStepAsync(user);
        if (user.TotpKey is not null)
        {
            var twoFactor = await Forms.SubmitAsync(browser, login.Headers.Location!.PathAndQuery(), "login-2fa",
                new Dictionary<string, string> { ["Input.Code"] = NextCode(user)! });
            Assert.Equal(System.Net.HttpStatusCode.Redirect, twoFactor.StatusCode);
        }
        return browser;
    }

    public ParleyDb OpenDb() => Database.Open();

    /// <summary>The text of every e-mail the app wrote to this address, newest first.</summary>
    public IReadOnlyList<string> MailTo(string email) =>
        (Directory.Exists(MailFolder) ? Directory.GetFiles(MailFolder, "*.eml") : [])
            .OrderByDescending(f => f)
            .Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, email, StringComparison.OrdinalIgnoreCase)))
            .Select(m => m.Subject + "\n" + m.TextBody)
            .ToList();

    /// <summary>Opens the confirmation link e-mailed to a newly registered address, as its holder does.</summary>
    public async Task ConfirmEmailAsync(string email)
    {
        var link = MailTo(email).Select(t => Regex.Match(t, "https?://\\S*/account/confirm-email\\S*")).FirstOrDefault(m => m.Success)
            ?? throw new InvalidOperationException($"No confirmation e-mail to {email}.");
        var page = await Anonymous().GetAsync(new Uri(link.Value).PathAndQuery);
        Assert.Contains("data-testid=\"email-confirmed\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>A clock that reads the real time until a test sets it.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset? _now;

    public override DateTimeOffset GetUtcNow() => _now ?? base.GetUtcNow();

    public void Set(DateTimeOffset now) => _now = now;

    public void Set(int year, int month, int day) => _now = new DateTimeOffset(year, month, day, 12, 0, 0, TimeSpan.Zero);

    public void Reset() => _now = null;
}

public static class UriExtensions
{
    /// <summary>Path and query of a Location header, whether the server sent it absolute or relative.</summary>
    public static string PathAndQuery(this Uri location) =>
        location.IsAbsoluteUri ? location.PathAndQuery : new Uri(new Uri("http://localhost"), location).PathAndQuery;
}

public sealed record TestUser(string Id, string Email, string? TotpKey)
{
    public string? CurrentCode(DateTime? at = null) =>
        TotpKey is null ? null : new Totp(Base32Encoding.ToBytes(TotpKey)).ComputeTotp(at ?? DateTime.UtcNow);
}

/// <summary>Posting a server-rendered form the way a browser does: hidden fields (antiforgery, handler) plus the inputs.</summary>
public static partial class Forms
{
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string pageUrl, string formName, IDictionary<string, string> fields,
        string? action = null)
    {
        var page = await client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        var form = FormRegex().Matches(html).Select(m => m.Value)
            .FirstOrDefault(f => action is null
                ? f.Contains($"name=\"_handler\" value=\"{formName}\"", StringComparison.Ordinal)
                : f.Contains($"action=\"{action}\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No form '{formName}' on {pageUrl} ({(int)page.StatusCode}).");
        var values = HiddenRegex().Matches(form).ToDictionary(m => System.Net.WebUtility.HtmlDecode(m.Groups["name"].Value), m => System.Net.WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (k, v) in fields)
        {
            values[k] = v;
        }
        return await client.PostAsync(action ?? pageUrl, new FormUrlEncodedContent(values));
    }

    /// <summary>
    /// Posting a server-rendered form with a file, as a browser posts <c>enctype="multipart/form-data"</c>: the form is the one that
    /// carries <paramref name="marker"/> as a hidden value (its handler name, or an action's value); its hidden fields, the inputs,
    /// and the file as "file".
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitWithFileAsync(HttpClient client, string pageUrl, string marker, IDictionary<string, string> fields,
        byte[] file, string fileName)
    {
        var html = await client.GetStringAsync(pageUrl);
        var form = FormRegex().Matches(html).Select(m => m.Value).FirstOrDefault(f => f.Contains($"value=\"{marker}\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No form carrying '{marker}' on {pageUrl}.");
        using var post = new MultipartFormDataContent();
        foreach (Match hidden in HiddenRegex().Matches(form))
        {
            post.Add(new StringContent(System.Net.WebUtility.HtmlDecode(hidden.Groups["value"].Value)), System.Net.WebUtility.HtmlDecode(hidden.Groups["name"].Value));
        }
        foreach (var (k, v) in fields)
        {
            post.Add(new StringContent(v), k);
        }
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(fileName.EndsWith(".pdf", StringComparison.Ordinal)
            ? "application/pdf" : "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        post.Add(content, "file", fileName);
        return await client.PostAsync(pageUrl, post);
    }

    [GeneratedRegex("<form[\\s\\S]*?</form>")]
    private static partial Regex FormRegex();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenRegex();
}
