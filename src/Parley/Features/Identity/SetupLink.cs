using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;

namespace Parley.Features.Identity;

/// <summary>
/// First run: while no Secretariat administrator exists, a one-time, expiring link creates the first one.
/// Issuing a new link revokes earlier unused ones. Only a hash of the token is stored.
/// </summary>
public static class SetupLink
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public sealed record Issued(string Token, DateTime ExpiresAt);

    public static Task<bool> AdministratorExistsAsync(ParleyDb db, CancellationToken ct = default) =>
        db.Users.AnyAsync(u => u.Kind == PrincipalKind.Secretariat && u.IsAdministrator && u.IsActive, ct);

    /// <summary>Issues a link, or returns a Conflict when an administrator already exists.</summary>
    public static async Task<Result<Issued>> IssueAsync(ParleyDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await AdministratorExistsAsync(db, ct))
        {
            return Error.Conflict("An administrator already exists; ask them for an account.");
        }
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var old in await db.SetupTokens.Where(t => t.UsedAt == null && t.RevokedAt == null).ToListAsync(ct))
        {
            old.Revoke(now);
        }
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var issued = new SetupToken(Hash(token), now, now + Lifetime);
        db.SetupTokens.Add(issued);
        db.AuditAction = "setup.link-issued";
        await db.SaveChangesAsync(ct);
        return new Issued(token, issued.ExpiresAt);
    }

    public static async Task<bool> IsValidAsync(ParleyDb db, TimeProvider clock, string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return false;
        }
        var hash = Hash(token);
        var row = await db.SetupTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        return row is not null && row.IsUsableAt(clock.GetUtcNow().UtcDateTime) && !await AdministratorExistsAsync(db, ct);
    }

    public sealed record CompleteRequest(string? Token, string? Email, string? DisplayName, string? Password, string? ConfirmPassword);

    /// <summary>Creates the first Secretariat administrator and spends the token, in one transaction.</summary>
    public static async Task<Result<ParleyUser>> CompleteAsync(ParleyDb db, UserManager<ParleyUser> users, TimeProvider clock,
        CompleteRequest request, CancellationToken ct = default)
    {
        var errors = new FieldErrors()
            .Require("email", request.Email)
            .Require("displayName", request.DisplayName).PlainText("displayName", request.DisplayName)
            .Require("password", request.Password);
        if (request.Password != request.ConfirmPassword)
        {
            errors.Add("confirmPassword", "The two passwords differ.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = Hash(request.Token ?? "");
        await using var tx = await Parley.Features.Operations.UnitOfWork.BeginAsync(db, ct);
        var token = await db.SetupTokens.FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null || !token.IsUsableAt(now) || await AdministratorExistsAsync(db, ct))
        {
            return Error.Forbidden("This setup link is not valid: it was used, replaced, or has expired.");
        }
        var user = new ParleyUser
        {
            UserName = request.Email!.Trim(),
            Email = request.Email.Trim(),
            DisplayName = request.DisplayName!.Trim(),
            Kind = PrincipalKind.Secretariat,
            IsAdministrator = true,
            EmailConfirmed = true,
            CreatedAt = now,
        };
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            return IdentityErrors.ToError(created);
        }
        token.MarkUsed(now);
        db.AuditAction = "setup.completed";
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return user;
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

internal static class IdentityErrors
{
    /// <summary>Maps Identity's error codes onto the form fields they concern.</summary>
    public static Error ToError(IdentityResult result)
    {
        var errors = new FieldErrors();
        foreach (var e in result.Errors)
        {
            var field = e.Code switch
            {
                var c when c.StartsWith("Password", StringComparison.Ordinal) => "password",
                var c when c.Contains("Email", StringComparison.Ordinal) || c.Contains("UserName", StringComparison.Ordinal) => "email",
                _ => "",
            };
            errors.Add(field, e.Description);
        }
        return errors.ToError();
    }
}
