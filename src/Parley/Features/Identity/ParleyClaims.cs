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
    public const string AuthenticationMethod = "amr";

    public static PrincipalKind? KindOf(this ClaimsPrincipal user) => PrincipalKindExtensions.FromSlug(user.FindFirstValue(Kind));
    public static string? StateOf(this ClaimsPrincipal user) => user.FindFirstValue(State);
    public static bool IsFocalPoint(this ClaimsPrincipal user) => user.HasClaim(FocalPoint, "true");
    public static bool IsAdministrator(this ClaimsPrincipal user) => user.HasClaim(Administrator, "true");
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
        return identity;
    }
}
