using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Parley.Features.Identity;

/// <summary>
/// Every page and endpoint names one of these (or allows anonymous access explicitly).
/// The fallback policy — signed in, with a second factor when the role is privileged — applies to anything that names none.
/// </summary>
public static class Policies
{
    /// <summary>Signed in; privileged roles must have used their second factor.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Signed in, second factor not yet required: only for enrolling the authenticator and signing out.</summary>
    public const string PasswordOnly = "password-only";

    public const string Secretariat = "secretariat";
    public const string Administrator = "administrator";
    public const string Opga = "opga";
    public const string Delegation = "delegation";

    /// <summary>Resource-based: the resource is the ISO3 code of the State whose delegates are managed.</summary>
    public const string ManageDelegates = "manage-delegates";

    public static void Register(AuthorizationOptions options)
    {
        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().AddRequirements(new SecondFactorRequirement()).Build();
        options.DefaultPolicy = signedIn;
        options.FallbackPolicy = signedIn;
        options.AddPolicy(SignedIn, signedIn);
        options.AddPolicy(PasswordOnly, p => p.RequireAuthenticatedUser());
        options.AddPolicy(Secretariat, p => p.Combine(signedIn).RequireAssertion(c => c.User.KindOf() == PrincipalKind.Secretariat));
        options.AddPolicy(Administrator, p => p.Combine(signedIn).RequireAssertion(c => c.User.IsAdministrator()));
        options.AddPolicy(Opga, p => p.Combine(signedIn).RequireAssertion(c => c.User.KindOf() == PrincipalKind.Opga));
        options.AddPolicy(Delegation, p => p.Combine(signedIn)
            .RequireAssertion(c => c.User.KindOf() is PrincipalKind.MemberStateDelegate or PrincipalKind.ObserverDelegate));
        options.AddPolicy(ManageDelegates, p => p.Combine(signedIn).AddRequirements(new ManageDelegatesRequirement()));
    }
}

/// <summary>Privileged roles (Secretariat, OPGA, co-facilitators) act only after a TOTP step.</summary>
public sealed class SecondFactorRequirement : AuthorizationHandler<SecondFactorRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        // KindOf is null for a privileged account that has not used its second factor (and for anyone without a kind).
        if (context.User.KindOf() is not null)
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}

/// <summary>The Secretariat manages any State's delegates; a mission focal point only its own State's.</summary>
public sealed class ManageDelegatesRequirement : IAuthorizationRequirement;

public sealed class ManageDelegatesHandler : AuthorizationHandler<ManageDelegatesRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ManageDelegatesRequirement requirement)
    {
        // Declared on an endpoint the resource is the request and the State comes from its {code} route value;
        // called from a use case the resource is the ISO3 code itself.
        var state = context.Resource switch
        {
            string iso3 => iso3,
            Microsoft.AspNetCore.Http.HttpContext http => http.GetRouteValue("code") as string,
            _ => null,
        };
        if (MayManageDelegatesOf(context.User, state))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }

    public static bool MayManageDelegatesOf(ClaimsPrincipal user, string? stateIso3)
    {
        var kind = user.KindOf();
        if (kind == PrincipalKind.Secretariat)
        {
            return true;
        }
        return stateIso3 is not null
            && (kind is PrincipalKind.MemberStateDelegate or PrincipalKind.ObserverDelegate)
            && user.IsFocalPoint()
            && string.Equals(user.StateOf(), stateIso3, StringComparison.OrdinalIgnoreCase);
    }
}
