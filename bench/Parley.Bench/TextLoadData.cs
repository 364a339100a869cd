using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Texts;

namespace Parley.Bench;

/// <summary>
/// `texts-db FILE`: a SQLite database with the 71/280 process, a 300-provision text with 10,000 proposals, and a Member State
/// delegate (load@example.org / "load test passphrase") for the loopback load test of the compilation.
/// </summary>
public static class TextLoadData
{
    public const string Email = "load@example.org";
    public const string Password = "load test passphrase";

    public static async Task<int> CreateAsync(string file)
    {
        var builder = new DbContextOptionsBuilder<ParleyDb>();
        DatabaseServiceCollectionExtensions.Configure(builder, new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}"));
        await using var db = new ParleyDb(builder.Options);
        await DatabaseInitializer.MigrateAndSeedAsync(db);
        var (_, versionId, words) = await DemoNegotiation.SeedAsync(db, TimeProvider.System, "gcm", $"load-{DateTime.UtcNow:HHmmss}", 300, 10_000);
        var user = new ParleyUser
        {
            UserName = Email, NormalizedUserName = Email.ToUpperInvariant(), Email = Email, NormalizedEmail = Email.ToUpperInvariant(), DisplayName = "Load test",
            Kind = PrincipalKind.MemberStateDelegate, StateIso3 = "MEX", EmailConfirmed = true, CreatedAt = DateTime.UtcNow, SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        user.PasswordHash = new PasswordHasher<ParleyUser>().HashPassword(user, Password);
        if (!await db.Users.AnyAsync(u => u.NormalizedEmail == user.NormalizedEmail))
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }
        Console.WriteLine($"version {versionId}: 300 provisions, {words} words, 10000 proposals; sign in as {Email} / \"{Password}\"");
        return 0;
    }
}
