using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Parley.Features.Identity;

public static class ParleyClaims
{
    public const string Kind = "parley:kind";
    public const string State = "parley:state";
    public const string Organisation = "parley:org";
    public const string FocalPoint = "parley:focal";
    public const string Administrator = "parley:admin";
    public const string DisplayName = "parley:name";
    public const string Culture = "parley:culture";
    public const string AuthenticationMethod = "amr";

    /// <summary>
    /// The capacity this sign-in may act in (decision 011): the account's kind, but only when the sign-in met that kind's
    /// requirements. A privileged account (Secretariat, OPGA, co-facilitator) that did not use its second factor has none,
    /// and is treated like any signed-in person without a capacity. Every privileged decision reads this, never the raw claim.
    /// </summary>
    public static PrincipalKind? KindOf(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var claimed = user.ClaimedKindOf();
        return claimed is { } kind && kind.IsPrivileged() && !user.UsedSecondFactor() ? null : claimed;
    }

    /// <summary>
    /// The kind written in the account, whether or not this sign-in may act in it. Only for sending a privileged user to
    /// enrol an authenticator and for saying who is signed in; never for deciding what someone may see or do.
    /// </summary>
    public static PrincipalKind? ClaimedKindOf(this ClaimsPrincipal user) => PrincipalKindExtensions.FromSlug(user.FindFirstValue(Kind));

    /// <summary>True when the account is privileged but this sign-in has not used its second factor.</summary>
    public static bool AwaitsSecondFactor(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.ClaimedKindOf() is { } kind && kind.IsPrivileged() && !user.UsedSecondFactor();

    public static string? StateOf(this ClaimsPrincipal user) => user.KindOf() is null ? null : user.FindFirstValue(State);
    public static string? OrganisationOf(this ClaimsPrincipal user) => user.KindOf() is null ? null : user.FindFirstValue(Organisation);
    public static bool IsFocalPoint(this ClaimsPrincipal user) => user.KindOf() is not null && user.HasClaim(FocalPoint, "true");
    public static bool IsAdministrator(this ClaimsPrincipal user) => user.KindOf() == PrincipalKind.Secretariat && user.HasClaim(Administrator, "true");
    public static string NameOf(this ClaimsPrincipal user) => user.FindFirstValue(DisplayName) ?? user.Identity?.Name ?? "anonymous";

    /// <summary>True when this sign-in used a second factor (Identity adds amr=mfa after a TOTP step).</summary>
    public static bool UsedSecondFactor(this ClaimsPrincipal user) => user.HasClaim(AuthenticationMethod, "mfa");
}

/// <summary>Puts the capacity in which a user acts into their sign-in, so policies need no database round trip.</summary>
public sealed class ParleyClaimsFactory(UserManager<ParleyUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ParleyUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ParleyUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ParleyClaims.Kind, user.Kind.Slug()));
        identity.AddClaim(new Claim(ParleyClaims.DisplayName, user.DisplayName));
        if (user.StateIso3 is { } state)
        {
            identity.AddClaim(new Claim(ParleyClaims.State, state));
        }
        if (user.OrganisationCode is { } org)
        {
            identity.AddClaim(new Claim(ParleyClaims.Organisation, org));
        }
        if (user.IsFocalPoint)
        {
            identity.AddClaim(new Claim(ParleyClaims.FocalPoint, "true"));
        }
        if (user.IsAdministrator)
        {
            identity.AddClaim(new Claim(ParleyClaims.Administrator, "true"));
        }
        if (user.Culture is { Length: > 0 } culture)
        {
            identity.AddClaim(new Claim(ParleyClaims.Culture, culture));
        }
        return identity;
    }
}
