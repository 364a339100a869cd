using Xunit;

namespace Parley.Browser.Tests;

/// <summary>
/// A test of several app nodes: it needs a PostgreSQL (PARLEY_TEST_POSTGRES), a Redis (PARLEY_TEST_REDIS, host:port) and
/// Chromium. Without them it is skipped with the reason, unless PARLEY_REQUIRE_SCALEOUT=1 (CI sets it on its PostgreSQL run,
/// where it starts a throwaway Redis), in which case it runs and fails loudly.
/// </summary>
public sealed class ScaleOutFactAttribute : FactAttribute
{
    public static string? Postgres => Environment.GetEnvironmentVariable("PARLEY_TEST_POSTGRES") is { Length: > 0 } p ? p : null;
    public static string? Redis => Environment.GetEnvironmentVariable("PARLEY_TEST_REDIS") is { Length: > 0 } r ? r : null;

    public ScaleOutFactAttribute()
    {
        if ((Postgres is null || Redis is null || !File.Exists(BrowserFactAttribute.Chromium)) && Environment.GetEnvironmentVariable("PARLEY_REQUIRE_SCALEOUT") != "1")
        {
            Skip = "Several nodes need PARLEY_TEST_POSTGRES, PARLEY_TEST_REDIS (e.g. 127.0.0.1:6390) and Chromium; set PARLEY_REQUIRE_SCALEOUT=1 to fail instead.";
        }
    }
}
