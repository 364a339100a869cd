using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Web.Infrastructure;

namespace Parley.Web.Features.Identity;

public static class AccountsApi
{
    public sealed record TokenRequest(string? Email, string? Password, string? TotpCode);

    public sealed record NewDelegate(string? Email, string? DisplayName, bool FocalPoint = false);

    public sealed record CreatedAccount(ManageAccounts.AccountRow Account, string SetPasswordUrl);

    public const string SignInFailedMessage =
        "Wrong e-mail address or password, or too many failed attempts (then wait 15 minutes before trying again).";

    public static void Map(RouteGroupBuilder api)
    {
        // Bearer tokens for the API, for the same users and with the same second-factor rule as the UI.
        api.MapPost("/auth/token", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (
            TokenRequest request, SignInManager<ParleyUser> signIn) =>
        {
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            var outcome = await Parley.Features.Identity.SignIn.WithPasswordAsync(signIn, request.Email, request.Password, request.TotpCode,
                signInWithoutSecondFactor: false);
            return outcome switch
            {
                // The bearer handler has already written the token to the response.
                Parley.Features.Identity.SignIn.Outcome.Succeeded => TypedResults.Empty,
                // No token for a privileged role without its second factor: it could do nothing a plain sign-in cannot.
                Parley.Features.Identity.SignIn.Outcome.MustEnrollAuthenticator => TypedResults.Problem(statusCode: 403, title: "Forbidden",
                    detail: "This account must enrol an authenticator app (sign in on the web at /account/login) before it can get a token."),
                Parley.Features.Identity.SignIn.Outcome.RequiresTwoFactor =>
                    Error.Validation("totpCode", "This account needs the code from its authenticator app.").ToProblem(),
                Parley.Features.Identity.SignIn.Outcome.MustConfirmEmail => TypedResults.Problem(statusCode: 403, title: "Forbidden",
                    detail: "Confirm your e-mail address first: open the link we sent when you registered."),
                // A locked account answers exactly as an unknown one, so the answer does not tell which addresses exist.
                Parley.Features.Identity.SignIn.Outcome.LockedOut or Parley.Features.Identity.SignIn.Outcome.Failed =>
                    TypedResults.Problem(statusCode: 401, title: "Unauthorized", detail: SignInFailedMessage),
            };
        }).AllowAnonymous().RequireRateLimiting(AuthSchemes.SignInRateLimit).WithTags("Identity")
          .WithSummary("Exchange e-mail, password and (for privileged roles) a TOTP code for a bearer token.");

        api.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new
        {
            id = user.FindFirstValue(ClaimTypes.NameIdentifier),
            name = user.NameOf(),
            email = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name,
            kind = user.KindOf()?.Slug(),
            awaitsSecondFactor = user.AwaitsSecondFactor(),
            state = user.StateOf(),
            focalPoint = user.IsFocalPoint(),
            administrator = user.IsAdministrator(),
            secondFactor = user.UsedSecondFactor(),
        })).RequireAuthorization(Policies.SignedIn).WithTags("Identity");

        var accounts = api.MapGroup("/accounts").WithTags("Identity").RequireAuthorization(Policies.Administrator);
        accounts.MapGet("/", async (ParleyDb db, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await ManageAccounts.ListAsync(db, null, clock, ct)));
        accounts.MapPost("/", async Task<Results<Created<CreatedAccount>, ProblemHttpResult>> (
            ManageAccounts.CreateRequest request, ParleyDb db, UserManager<ParleyUser> users, TimeProvider clock, Parley.Features.Notifications.Notifier notifier, HttpContext http, CancellationToken ct) =>
        {
            var result = await ManageAccounts.CreateAsync(db, users, clock, request, ct);
            return result.IsSuccess
                ? TypedResults.Created($"/api/v1/accounts/{result.Value.Account.Id}", new CreatedAccount(result.Value.Account, await Links.SendSetPasswordAsync(http, notifier, result.Value.Link, ct: ct)))
                : result.Error!.ToProblem();
        });
        accounts.MapPost("/{id}/password-reset", async Task<Results<Ok<string>, ProblemHttpResult>> (
            string id, UserManager<ParleyUser> users, Parley.Features.Notifications.Notifier notifier, HttpContext http, CancellationToken ct) =>
        {
            var result = await ManageAccounts.IssuePasswordResetAsync(users, id);
            return result.IsSuccess ? TypedResults.Ok(await Links.SendSetPasswordAsync(http, notifier, result.Value, reset: true, ct)) : result.Error!.ToProblem();
        }).WithSummary("Issue a one-time link with which the account holder sets a new password; it is e-mailed to them and returned.");

        foreach (var (verb, active) in new[] { ("deactivate", false), ("reactivate", true) })
        {
            accounts.MapPost($"/{{id}}/{verb}", async Task<Results<Ok<ManageAccounts.AccountRow>, ProblemHttpResult>> (
                string id, ParleyDb db, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var result = await ManageAccounts.SetActiveAsync(db, clock, user.FindFirstValue(ClaimTypes.NameIdentifier), id, active, ct);
                return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
            }).WithSummary(active ? "Reactivate an account: it may sign in again." : "Deactivate an account: it can no longer sign in, and its sessions and tokens end at once.");
        }

        // A mission focal point manages its own State's delegates; the Secretariat any State's.
        var delegates = api.MapGroup("/states/{code}/delegates").WithTags("Identity").RequireAuthorization(Policies.ManageDelegates);
        delegates.MapGet("/", async (string code, ParleyDb db, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await ManageAccounts.ListAsync(db, code, clock, ct)));
        delegates.MapPost("/", async Task<Results<Created<CreatedAccount>, ProblemHttpResult>> (
            string code, NewDelegate request, ParleyDb db, UserManager<ParleyUser> users, TimeProvider clock, Parley.Features.Notifications.Notifier notifier, HttpContext http, CancellationToken ct) =>
        {
            // Only the Secretariat may appoint a focal point; a focal point adds ordinary delegates.
            if (request.FocalPoint && http.User.KindOf() != PrincipalKind.Secretariat)
            {
                return Error.Forbidden("Only the Secretariat appoints a mission focal point.").ToProblem();
            }
            var result = await ManageAccounts.CreateDelegateAsync(db, users, clock, code, request.Email, request.DisplayName, request.FocalPoint, ct);
            return result.IsSuccess
                ? TypedResults.Created($"/api/v1/accounts/{result.Value.Account.Id}", new CreatedAccount(result.Value.Account, await Links.SendSetPasswordAsync(http, notifier, result.Value.Link, ct: ct)))
                : result.Error!.ToProblem();
        });
    }
}

public static class Links
{
    public static string SetPassword(HttpContext http, ManageAccounts.PasswordLink link) =>
        $"{http.Request.Scheme}://{http.Request.Host}/account/set-password?userId={Uri.EscapeDataString(link.UserId)}&token={Uri.EscapeDataString(link.Token)}";

    /// <summary>
    /// Sends the one-time link to the account holder by e-mail (the mail service: SMTP, or the pickup folder) and returns it, so the
    /// administrator may also pass it on by hand. A mail failure is logged by the mail service and does not undo the account.
    /// </summary>
    public static async Task<string> SendSetPasswordAsync(HttpContext http, Parley.Features.Notifications.Notifier notifier, ManageAccounts.PasswordLink link,
        bool reset = false, CancellationToken ct = default)
    {
        var url = SetPassword(http, link);
        notifier.QueueMail(link.Email, Phrase.Of(reset ? "Mail.NewPassword" : "Mail.NewAccount"), Phrase.Of(reset ? "Mail.NewPasswordBody" : "Mail.NewAccountBody", url));
        await notifier.FlushAsync(ct);
        return url;
    }
}

public static class SignOutEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/account/logout", async (SignInManager<ParleyUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        }).RequireAuthorization(Policies.PasswordOnly).ExcludeFromDescription();
}
