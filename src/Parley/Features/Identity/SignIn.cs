using Microsoft.AspNetCore.Identity;

namespace Parley.Features.Identity;

/// <summary>Password and TOTP sign-in, shared by the sign-in page (cookie) and the token endpoint (bearer).</summary>
public static class SignIn
{
    public enum Outcome
    {
        Succeeded,
        /// <summary>Password accepted; a TOTP code is needed next.</summary>
        RequiresTwoFactor,
        /// <summary>Signed in, but a privileged role must enrol an authenticator before doing anything else.</summary>
        MustEnrollAuthenticator,
        LockedOut,
        Failed,
        /// <summary>Right password, but the address was never confirmed (self-registered accounts): nothing is issued.</summary>
        MustConfirmEmail,
    }

    /// <summary>Same answer for an unknown address, a wrong password and a deactivated account, so nothing leaks.</summary>
    /// <remarks>
    /// With <paramref name="signInWithoutSecondFactor"/> false (bearer tokens), a privileged account that has not enrolled an
    /// authenticator gets no sign-in at all: its password is checked (and counts towards lockout) but nothing is issued.
    /// </remarks>
    public static async Task<Outcome> WithPasswordAsync(SignInManager<ParleyUser> signIn, string? email, string? password,
        string? totpCode = null, bool persistent = false, bool signInWithoutSecondFactor = true)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || email.Length > 256 || password.Length > 512)
        {
            return Outcome.Failed;
        }
        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        if (user is null || !user.IsActive)
        {
            return Outcome.Failed;
        }
        if (!user.EmailConfirmed)
        {
            var confirmed = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            return confirmed.Succeeded ? Outcome.MustConfirmEmail : Map(confirmed, user);
        }
        if (!signInWithoutSecondFactor && user.IsPrivileged && !user.TwoFactorEnabled)
        {
            var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
            return check.Succeeded ? Outcome.MustEnrollAuthenticator : Map(check, user);
        }
        var result = await signIn.PasswordSignInAsync(user, password, persistent, lockoutOnFailure: true);
        if (result.RequiresTwoFactor && !string.IsNullOrWhiteSpace(totpCode))
        {
            result = await signIn.TwoFactorAuthenticatorSignInAsync(Normalize(totpCode), persistent, rememberClient: false);
        }
        return Map(result, user);
    }

    public static async Task<Outcome> WithAuthenticatorAsync(SignInManager<ParleyUser> signIn, string? code, bool persistent = false)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 12)
        {
            return Outcome.Failed;
        }
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null || !user.IsActive)
        {
            return Outcome.Failed;
        }
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(Normalize(code), persistent, rememberClient: false);
        return Map(result, user);
    }

    private static Outcome Map(SignInResult result, ParleyUser user) => result switch
    {
        { Succeeded: true } when user.IsPrivileged && !user.TwoFactorEnabled => Outcome.MustEnrollAuthenticator,
        { Succeeded: true } => Outcome.Succeeded,
        { RequiresTwoFactor: true } => Outcome.RequiresTwoFactor,
        { IsLockedOut: true } => Outcome.LockedOut,
        _ => Outcome.Failed,
    };

    private static string Normalize(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}

/// <summary>Enrolling a TOTP authenticator (RFC 6238), required before a privileged role can act.</summary>
public static class Authenticator
{
    public sealed record Enrollment(string SharedKey, string OtpAuthUri);

    public static async Task<Enrollment> GetOrCreateKeyAsync(UserManager<ParleyUser> users, ParleyUser user, string issuer = "Parley")
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // Stored where Identity's own store keeps it, but without ResetAuthenticatorKeyAsync's new security stamp: a key not
            // yet confirmed protects nothing, and a new stamp would end the password-only session showing it (decision 011).
            key = users.GenerateNewAuthenticatorKey();
            await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", key);
        }
        var label = Uri.EscapeDataString($"{issuer}:{user.Email}");
        return new Enrollment(key!, $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6");
    }

    /// <summary>Checks the code, turns two-factor on and signs the user in again with amr=mfa.</summary>
    public static async Task<bool> ConfirmAsync(SignInManager<ParleyUser> signIn, ParleyUser user, string? code)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 12)
        {
            return false;
        }
        var users = signIn.UserManager;
        var normalized = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalized))
        {
            return false;
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new System.Security.Claims.Claim(ParleyClaims.AuthenticationMethod, "mfa")]);
        return true;
    }
}
