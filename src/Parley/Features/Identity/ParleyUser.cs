using Microsoft.AspNetCore.Identity;

namespace Parley.Features.Identity;

/// <summary>A person who signs in to Parley, with the capacity in which they act.</summary>
public sealed class ParleyUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public PrincipalKind Kind { get; set; }

    /// <summary>ISO3 of the State a delegate acts for (Member State or observer State).</summary>
    public string? StateIso3 { get; set; }

    /// <summary>Code of the organisation an observer delegate, stakeholder or donor acts for.</summary>
    public string? OrganisationCode { get; set; }

    /// <summary>A mission focal point manages the accounts of its own State's delegates.</summary>
    public bool IsFocalPoint { get; set; }

    /// <summary>A Secretariat administrator manages accounts of every kind.</summary>
    public bool IsAdministrator { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The language the account chose ("ar", "zh"…): pages after sign-in, notifications and e-mails are written in it.</summary>
    public string? Culture { get; set; }
    public DateTime CreatedAt { get; set; }

    public bool IsPrivileged => Kind.IsPrivileged();
}

public enum PrincipalKind
{
    Secretariat,
    Opga,
    CoFacilitator,
    MemberStateDelegate,
    ObserverDelegate,
    Stakeholder,
    Donor,
}

public static class PrincipalKindExtensions
{
    /// <summary>Privileged roles must sign in with a second factor (TOTP).</summary>
    public static bool IsPrivileged(this PrincipalKind kind) => kind switch
    {
        PrincipalKind.Secretariat or PrincipalKind.Opga or PrincipalKind.CoFacilitator => true,
        PrincipalKind.MemberStateDelegate or PrincipalKind.ObserverDelegate or PrincipalKind.Stakeholder or PrincipalKind.Donor => false,
    };

    public static string Slug(this PrincipalKind kind) => kind switch
    {
        PrincipalKind.Secretariat => "secretariat",
        PrincipalKind.Opga => "opga",
        PrincipalKind.CoFacilitator => "co-facilitator",
        PrincipalKind.MemberStateDelegate => "member-state-delegate",
        PrincipalKind.ObserverDelegate => "observer-delegate",
        PrincipalKind.Stakeholder => "stakeholder",
        PrincipalKind.Donor => "donor",
    };

    public static PrincipalKind? FromSlug(string? slug) =>
        Enum.GetValues<PrincipalKind>().Cast<PrincipalKind?>().FirstOrDefault(k => k!.Value.Slug() == slug);
}

/// <summary>A one-time link that creates the first Secretariat administrator. Only its hash is stored.</summary>
public sealed class SetupToken
{
    private SetupToken() { }

    public SetupToken(string tokenHash, DateTime issuedAt, DateTime expiresAt)
    {
        TokenHash = tokenHash;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
    }

    public int Id { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTime IssuedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? UsedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    public bool IsUsableAt(DateTime now) => UsedAt is null && RevokedAt is null && now < ExpiresAt;

    public void MarkUsed(DateTime now) => UsedAt = now;
    public void Revoke(DateTime now) => RevokedAt ??= now;
}
