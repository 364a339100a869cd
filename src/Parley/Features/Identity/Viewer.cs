using System.Security.Claims;

namespace Parley.Features.Identity;

/// <summary>
/// Who is asking, and in which capacity. Built from the sign-in through <see cref="ParleyClaims.KindOf"/>, so a privileged
/// account without its second factor has no capacity here either (decision 011); anonymous is the public.
/// </summary>
public sealed record Viewer(string? UserId, PrincipalKind? Kind, string? StateIso3, string? OrganisationCode, bool FocalPoint, string Name)
{
    public static readonly Viewer Public = new(null, null, null, null, false, "public");

    /// <summary>Parley itself, acting on a deadline.</summary>
    public static readonly Viewer System = new("system", null, null, null, false, "Parley (deadline)");

    public static Viewer From(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true
        ? new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.KindOf(), user.StateOf(), user.OrganisationOf(),
            user.IsFocalPoint(), user.NameOf())
        : Public;

    public bool IsOpga => Kind == PrincipalKind.Opga;
    public bool IsSecretariat => Kind == PrincipalKind.Secretariat;
    public bool IsReviewer => IsOpga || IsSecretariat;

    /// <summary>A delegate entitled to act for a Member State (observer States do not take part in the non-objection procedure).</summary>
    public bool IsMemberStateDelegate => Kind == PrincipalKind.MemberStateDelegate && StateIso3 is not null;

    public bool IsCoFacilitator => Kind == PrincipalKind.CoFacilitator;

    public bool IsStakeholderOf(string organisationCode) => Kind == PrincipalKind.Stakeholder && OrganisationCode == organisationCode;
}
