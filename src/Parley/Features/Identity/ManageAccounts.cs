using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Registry;

namespace Parley.Features.Identity;

/// <summary>
/// Accounts are created by the Secretariat (any kind) or by a mission focal point (its own State's delegates).
/// Nobody chooses a password for someone else: a new account, like a reset, gets a one-time link to set one.
/// </summary>
public static class ManageAccounts
{
    public sealed record CreateRequest(string? Email, string? DisplayName, string? Kind, string? State, string? Organisation,
        bool FocalPoint = false, bool Administrator = false);

    public sealed record AccountRow(string Id, string Email, string DisplayName, string Kind, string? State, string? Organisation,
        bool FocalPoint, bool Administrator, bool Active, bool TwoFactor, bool LockedOut);

    /// <summary>A one-time link to set a password, to hand to the account holder.</summary>
    public sealed record PasswordLink(string UserId, string Email, string Token);

    public static async Task<Result<(AccountRow Account, PasswordLink Link)>> CreateAsync(ParleyDb db, UserManager<ParleyUser> users,
        TimeProvider clock, CreateRequest r, CancellationToken ct = default)
    {
        var errors = new FieldErrors().Require("email", r.Email).Require("displayName", r.DisplayName).PlainText("displayName", r.DisplayName);
        if (!string.IsNullOrWhiteSpace(r.Email) && !new EmailAddressAttribute().IsValid(r.Email.Trim()))
        {
            errors.Add("email", "Enter an e-mail address.");
        }
        if (r.DisplayName is { Length: > 200 })
        {
            errors.Add("displayName", "At most 200 characters.");
        }
        var kind = PrincipalKindExtensions.FromSlug(r.Kind);
        if (kind is null)
        {
            errors.Add("kind", "Use one of: " + string.Join(", ", Enum.GetValues<PrincipalKind>().Select(k => k.Slug())) + ".");
        }
        string? stateIso3 = null;
        if (kind is PrincipalKind.MemberStateDelegate or PrincipalKind.ObserverDelegate && string.IsNullOrWhiteSpace(r.Organisation))
        {
            var code = r.State?.Trim().ToUpperInvariant();
            var state = code is null ? null : await db.States.AsNoTracking().FirstOrDefaultAsync(s => s.Iso3 == code, ct);
            if (state is null)
            {
                errors.Add("state", "Choose the State this delegate acts for (ISO3 code).");
            }
            else if (kind == PrincipalKind.MemberStateDelegate && state.Status != StateStatus.MemberState
                && state.Status != StateStatus.SpecializedAgencyMember)
            {
                errors.Add("state", $"{state.Name} is not a Member State; create an observer delegate.");
            }
            else if (kind == PrincipalKind.ObserverDelegate && state.Status != StateStatus.ObserverState)
            {
                errors.Add("state", $"{state.Name} is not an observer State.");
            }
            stateIso3 = state?.Iso3;
        }
        else if (!string.IsNullOrWhiteSpace(r.State))
        {
            errors.Add("state", "Only delegates act for a State.");
        }
        if (kind is PrincipalKind.Stakeholder or PrincipalKind.Donor && string.IsNullOrWhiteSpace(r.Organisation))
        {
            errors.Add("organisation", "Name the organisation this account acts for.");
        }
        if (r.FocalPoint && stateIso3 is null)
        {
            errors.Add("focalPoint", "Only a delegate of a State can be its mission focal point.");
        }
        if (r.Administrator && kind != PrincipalKind.Secretariat)
        {
            errors.Add("administrator", "Only Secretariat accounts can administer Parley.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var user = new ParleyUser
        {
            UserName = r.Email!.Trim(),
            Email = r.Email.Trim(),
            DisplayName = r.DisplayName!.Trim(),
            Kind = kind!.Value,
            StateIso3 = stateIso3,
            OrganisationCode = string.IsNullOrWhiteSpace(r.Organisation) ? null : r.Organisation.Trim(),
            IsFocalPoint = r.FocalPoint,
            IsAdministrator = r.Administrator,
            EmailConfirmed = true,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.AuditAction = "account.created";
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            return created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail")
                ? Error.Conflict("An account with this e-mail address already exists.")
                : IdentityErrors.ToError(created);
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return (ToRow(user, lockedOut: false), new PasswordLink(user.Id, user.Email!, token));
    }

    /// <summary>A delegate account for a State, created by its focal point or the Secretariat.</summary>
    public static Task<Result<(AccountRow Account, PasswordLink Link)>> CreateDelegateAsync(ParleyDb db, UserManager<ParleyUser> users,
        TimeProvider clock, string stateIso3, string? email, string? displayName, bool focalPoint, CancellationToken ct = default)
    {
        var code = stateIso3.Trim().ToUpperInvariant();
        var observer = db.States.Any(s => s.Iso3 == code && s.Status == StateStatus.ObserverState);
        var kind = observer ? PrincipalKind.ObserverDelegate : PrincipalKind.MemberStateDelegate;
        return CreateAsync(db, users, clock, new CreateRequest(email, displayName, kind.Slug(), code, null, focalPoint), ct);
    }

    public static async Task<List<AccountRow>> ListAsync(ParleyDb db, string? stateIso3, TimeProvider clock, CancellationToken ct = default)
    {
        var query = db.Users.AsNoTracking();
        if (stateIso3 is not null)
        {
            var code = stateIso3.ToUpperInvariant();
            query = query.Where(u => u.StateIso3 == code);
        }
        var now = clock.GetUtcNow();
        var list = await query.OrderBy(u => u.DisplayName).ToListAsync(ct);
        return list.Select(u => ToRow(u, u.LockoutEnd is { } end && end > now)).ToList();
    }

    /// <summary>An administrator issues a one-time password link; the old password keeps working until it is used.</summary>
    public static async Task<Result<PasswordLink>> IssuePasswordResetAsync(UserManager<ParleyUser> users, string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Error.NotFound("No such account.");
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return new PasswordLink(user.Id, user.Email!, token);
    }

    public sealed record SetPasswordRequest(string? UserId, string? Token, string? Password, string? ConfirmPassword);

    public static async Task<Result<ParleyUser>> SetPasswordAsync(ParleyDb db, UserManager<ParleyUser> users, SetPasswordRequest r)
    {
        var errors = new FieldErrors().Require("password", r.Password);
        if (r.Password != r.ConfirmPassword)
        {
            errors.Add("confirmPassword", "The two passwords differ.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var user = string.IsNullOrWhiteSpace(r.UserId) ? null : await users.FindByIdAsync(r.UserId);
        if (user is null || string.IsNullOrWhiteSpace(r.Token))
        {
            return Error.Forbidden("This link is not valid.");
        }
        db.AuditAction = "account.password-set";
        var result = await users.ResetPasswordAsync(user, r.Token, r.Password!);
        if (!result.Succeeded)
        {
            return result.Errors.Any(e => e.Code == "InvalidToken")
                ? Error.Forbidden("This link is not valid: it was used already or has expired.")
                : IdentityErrors.ToError(result);
        }
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        return user;
    }

    /// <summary>
    /// Deactivates or reactivates an account. Deactivation ends its sessions and bearer tokens at once (a new security stamp,
    /// which every request checks); an administrator cannot deactivate their own account, nor the last active administrator.
    /// </summary>
    public static async Task<Result<AccountRow>> SetActiveAsync(ParleyDb db, TimeProvider clock, string? actingUserId,
        string userId, bool active, CancellationToken ct = default)
    {
        var user = string.IsNullOrWhiteSpace(userId) || userId.Length > 450 ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return Error.NotFound("No such account.");
        }
        if (!active && user.Id == actingUserId)
        {
            return Error.Conflict("You cannot deactivate your own account.");
        }
        if (!active && user.IsAdministrator && user.IsActive
            && !await db.Users.AnyAsync(u => u.Id != user.Id && u.IsAdministrator && u.IsActive && u.Kind == PrincipalKind.Secretariat, ct))
        {
            return Error.Conflict("This is the last active administrator; appoint another before deactivating it.");
        }
        if (user.IsActive != active)
        {
            user.IsActive = active;
            // A new stamp ends every existing session and token: each signed-in request compares it (SessionValidation).
            user.SecurityStamp = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            db.AuditAction = active ? "account.reactivated" : "account.deactivated";
            await db.SaveChangesAsync(ct);
        }
        return ToRow(user, user.LockoutEnd is { } end && end > clock.GetUtcNow());
    }

    /// <summary>The account with this e-mail address, for the command line.</summary>
    public static async Task<string?> IdByEmailAsync(ParleyDb db, string email)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync();
    }

    public static AccountRow ToRow(ParleyUser u, bool lockedOut) =>
        new(u.Id, u.Email ?? "", u.DisplayName, u.Kind.Slug(), u.StateIso3, u.OrganisationCode, u.IsFocalPoint, u.IsAdministrator,
            u.IsActive, u.TwoFactorEnabled, lockedOut);
}
