using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Parley.Features.Identity;

/// <summary>
/// The time TOTP codes are checked against: the wall clock (authenticator apps know no rehearsal clock). A service of its
/// own so that tests can step it.
/// </summary>
public sealed class AuthenticatorClock(TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();
}

/// <summary>
/// TOTP codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) that are accepted once: a code within ±1 step of now is
/// valid only if its step is later than the last step this account used, so a code seen over a shoulder or replayed
/// from a log cannot sign in again within its window. Replaces Identity's authenticator provider, which accepts a code
/// as often as it is sent during ±2 steps.
/// </summary>
public sealed class OneTimeAuthenticatorTokenProvider(AuthenticatorClock clock) : IUserTwoFactorTokenProvider<ParleyUser>
{
    public const string LoginProvider = "[Parley]";
    public const string LastStepName = "LastTotpStep";
    private const int StepSeconds = 30;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ParleyUser> manager, ParleyUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Codes come from the person's app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ParleyUser> manager, ParleyUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ParleyUser> manager, ParleyUser user)
    {
        if (token is not { Length: 6 } || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return false;
        }
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var secret = key is null ? null : Base32Decode(key);
        if (secret is null || secret.Length == 0)
        {
            return false;
        }
        var now = clock.Now.ToUnixTimeSeconds() / StepSeconds;
        long? matched = null;
        for (var step = now - 1; step <= now + 1; step++)
        {
            if (CodeAt(secret, step) == code)
            {
                matched = step;
                break;
            }
        }
        if (matched is not { } used)
        {
            return false;
        }
        var lastText = await manager.GetAuthenticationTokenAsync(user, LoginProvider, LastStepName);
        if (long.TryParse(lastText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var last) && used <= last)
        {
            return false; // this code, or a later one, was already used
        }
        var saved = await manager.SetAuthenticationTokenAsync(user, LoginProvider, LastStepName, used.ToString(CultureInfo.InvariantCulture));
        return saved.Succeeded;
    }

    /// <summary>RFC 4226 HOTP value of a step, 6 digits.</summary>
    public static int CodeAt(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // HMAC-SHA1 is what RFC 6238 and every authenticator app use
        HMACSHA1.HashData(secret, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return binary % 1_000_000;
    }

    /// <summary>RFC 4648 base32 (the alphabet Identity writes keys in), spaces and padding ignored; null if malformed.</summary>
    public static byte[]? Base32Decode(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var output = new List<byte>(text.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '=')
            {
                continue;
            }
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. output];
    }
}
