using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Parley.Data;
using Parley.Features.Audit;
using Parley.Features.Identity;
using Parley.Web.Components;
using Parley.Web.Infrastructure;
using Scalar.AspNetCore;

namespace Parley.Web;

/// <summary>Composition of the web host: one place that says what runs and in which order.</summary>
public static class ParleyApp
{
    /// <summary>Every culture Parley answers in (Resources/languages.json): the six official languages and the pseudo-locales.</summary>
    public static readonly CultureInfo[] Cultures = [.. Parley.Common.Languages.All.Select(l => l.Info)];

    public static WebApplication Build(string[] args)
    {
        var demo = DemoMode.Requested(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args.Where(a => a != DemoMode.Flag).ToArray(),
            // Static files and resources are found next to the binaries, wherever the app is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://localhost:5080");
        }
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        if (builder.Configuration["Logging:Format"] == "json")
        {
            builder.Logging.ClearProviders().AddJsonConsole(o => o.IncludeScopes = true);
        }

        if (demo)
        {
            // Its own database, files and mail, and a rehearsal clock: nothing real is read or written (DemoMode).
            builder.Configuration.AddInMemoryCollection(DemoMode.Settings());
        }
        builder.AddParleyTelemetry();
        var services = builder.Services;
        services.AddSingleton(ShiftedClock.From(builder.Configuration));
        // Settings are read when first needed, so hosts and tests can supply them late.
        services.AddParleyDatabase();
        services.AddHostedService<DatabaseStartup>();
        services.AddHostedService<DemoSeeder>(); // does nothing unless started with --demo
        services.AddHostedService<RunningInstanceLock>();
        services.AddHttpContextAccessor();
        // Uploaded files: one absolute folder, resolved when the app starts (see FileStore).
        services.AddSingleton(sp => Parley.Common.FileStore.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => AuditAnchors.From(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<AuditAnchorWriter>();
        services.AddScoped<IAuditActor, HttpAuditActor>();

        services.AddDataProtection().SetApplicationName("Parley").PersistKeysToDbContext<ParleyDb>();

        services.AddIdentityCore<ParleyUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<ParleyDb>()
            .AddDefaultTokenProviders()
            // TOTP codes are accepted once each (replaces Identity's authenticator provider of the same name).
            .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<ParleyClaimsFactory>();
        services.AddSingleton(new AuthenticatorClock(TimeProvider.System));
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(3));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthSchemes.Smart;
                o.DefaultChallengeScheme = AuthSchemes.Smart;
                o.DefaultForbidScheme = AuthSchemes.Smart;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(AuthSchemes.Smart, "Cookie or bearer", o => o.ForwardDefaultSelector = AuthSchemes.Select)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(AuthSchemes.ConfigureCookie);

        services.AddAuthorization(Policies.Register);
        services.AddSingleton<IAuthorizationHandler, SecondFactorRequirement>();
        services.AddSingleton<IAuthorizationHandler, ManageDelegatesHandler>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Attempts only: reading the sign-in page is never limited (a mission or a conference room shares one address). Each
            // account is also locked after 5 failed attempts (Identity lockout), so the per-address limit is a flood guard, not the lock.
            o.AddPolicy(AuthSchemes.SignInRateLimit, ctx => HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method)
                ? RateLimitPartition.GetNoLimiter("reading")
                : RateLimitPartition.GetFixedWindowLimiter(
                    ctx.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = ctx.RequestServices.GetRequiredService<IConfiguration>().GetValue("RateLimits:SignInPerMinute", 60),
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }));
            o.OnRejected = async (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var message = $"Too many sign-in attempts from this address in the last minute. Nothing is wrong with your account: try again in {wait} seconds.";
                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts", detail: message).ExecuteAsync(http);
                    return;
                }
                http.Response.ContentType = "text/html; charset=utf-8";
                await http.Response.WriteAsync($"""
                    <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>Try again in a moment — Parley</title><link rel="stylesheet" href="/app.css"></head>
                    <body><main id="main" class="narrow"><h1>Try again in a moment</h1><p role="alert" data-testid="rate-limited">{System.Net.WebUtility.HtmlEncode(message)}</p>
                    <p><a href="/account/login">Back to sign-in</a></p></main></body></html>
                    """, ct);
            };
        });

        // Resources/SharedResource*.resx are named after the SharedResource class (Parley.Web.SharedResource).
        // Pages carry Arabic, Chinese and Cyrillic as characters, not as &#x…; references (a page in Chinese would be several
        // times larger, and unreadable in its source); HTML's own special characters are still encoded.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization();
        services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizerFactory, Infrastructure.ParleyLocalizerFactory>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // Which language: one chosen with the switcher (a cookie) or ?culture=, then the account's own, then the browser's.
            o.RequestCultureProviders.Insert(2, new CustomRequestCultureProvider(http =>
                Task.FromResult(http.User.FindFirst(Parley.Features.Identity.ParleyClaims.Culture)?.Value is { } chosen
                    && Parley.Common.Languages.Find(chosen) is { } language ? new ProviderCultureResult(language.Culture) : null)));
        });

        // Brotli or gzip at the fastest level (2 cores serve many readers). Safe over HTTPS here (BREACH): the only per-user
        // secrets in pages are antiforgery tokens, which are encrypted afresh for every response (decision 014).
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes
                .Concat(["application/akn+xml", "text/calendar", "text/csv", "application/problem+json"]);
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddProblemDetails();
        // Enums travel as kebab-case words ("agreed-ad-ref", "alternatives"), never as numbers.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(
            new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower)));
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddParleyOpenApi();
        services.AddAntiforgery();
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        services.AddHostedService<SetupLinkAnnouncer>();
        services.AddScoped<Parley.Features.Notifications.Notifier>();
        services.AddSingleton<Parley.Web.Infrastructure.StateNames>();
        services.AddSingleton<Parley.Features.Texts.TextEvents>();
        services.AddSingleton<Parley.Features.Texts.CompilationCache>();
        services.AddParleyScaleOut(builder.Configuration);
        services.AddSingleton<Parley.Web.Infrastructure.ParleyMetrics>();
        services.AddSingleton<Features.Meetings.SpeakersBroadcaster>();
        services.AddMemoryCache(o => o.SizeLimit = 200); // rendered compilations: a handful per version, each about a megabyte
        services.AddHostedService<Features.Accreditation.DeadlineWatcher>();

        var app = builder.Build();
        var metrics = app.Services.GetRequiredService<Parley.Web.Infrastructure.ParleyMetrics>();
        var events = app.Services.GetRequiredService<Parley.Features.Texts.TextEvents>();
        events.Published = change => metrics.TextChanged(change.Kind);
        events.Delivered = metrics.TextEventsDelivered;
        Configure(app);
        return app;
    }

    private static void Configure(WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        // A fresh scope for the error page: Blazor services of the failed render (NavigationManager) cannot render twice.
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseResponseCompression();
        app.UseStatusCodePages(StatusCodePages.WriteAsync);
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        // An address that matches nothing is a 404 for everyone, not a sign-in prompt.
        app.Use((context, next) =>
        {
            if (context.GetEndpoint() is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }
            return next(context);
        });
        app.UseAuthentication();
        app.UseMiddleware<SessionValidationMiddleware>();
        app.UseRequestLocalization(); // after sign-in is read: the account's language is one of its sources
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.UseAntiforgery();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // Fonts from the page itself, not an outside site (the CSP allows only this origin): DisableDefaultFonts.
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Parley API").WithOpenApiRoutePattern("/openapi/{documentName}.json").DisableDefaultFonts()).AllowAnonymous();

        var api = app.MapGroup("/api/v1");
        Features.Registry.StatesApi.Map(api);
        Features.Identity.AccountsApi.Map(api);
        Features.Audit.AuditApi.Map(api);
        Features.Processes.ProcessesApi.Map(api);
        Features.Accreditation.AccreditationApi.Map(api);
        Features.Texts.TextsApi.Map(api);
        Features.Meetings.MeetingsApi.Map(api);
        Features.Fund.FundApi.Map(api);
        Features.Contributions.ContributionsApi.Map(api);
        Features.Documents.DocumentsApi.Map(api);
        app.MapHub<Features.Meetings.SpeakersHub>("/hubs/speakers");
        CultureEndpoint.Map(app);
        Features.Identity.SignOutEndpoint.Map(app);

        app.MapRazorComponents<App>();
    }
}

/// <summary>Creates or migrates the database and loads reference data before the server accepts requests.</summary>
internal sealed class DatabaseStartup(IServiceProvider services) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        var files = services.GetRequiredService<Parley.Common.FileStore>();
        Directory.CreateDirectory(files.Root);
        services.GetRequiredService<ILogger<DatabaseStartup>>().LogInformation("Uploaded files are kept in {Root}", files.Root);
        await using var scope = services.CreateAsyncScope();
        await DatabaseInitializer.MigrateAndSeedAsync(scope.ServiceProvider.GetRequiredService<ParleyDb>(), cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Holds the shared "Parley is running" lock for the app's lifetime, so that `parley restore` refuses to run under it.</summary>
internal sealed class RunningInstanceLock(IConfiguration configuration, ILogger<RunningInstanceLock> logger) : IHostedService, IAsyncDisposable
{
    private Parley.Features.Operations.RunningInstance? _held;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _held = await Parley.Features.Operations.RunningInstance.AcquireSharedAsync(DatabaseSettings.From(configuration), cancellationToken);
        if (_held is null)
        {
            logger.LogWarning("Could not take the running-instance lock: a restore may be under way.");
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    /// <remarks>Stopping and disposing may run at once when a host shuts down: only one of them releases the lock.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _held, null) is { } held)
        {
            await held.DisposeAsync();
        }
    }
}

internal sealed class DatabaseHealthCheck(ParleyDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("The database cannot be reached.");
}
