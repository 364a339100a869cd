using Xunit;

namespace Parley.Browser.Tests;

/// <summary>
/// A browser test runs when Debian's Chromium is installed; otherwise it is skipped with the reason,
/// unless PARLEY_REQUIRE_BROWSER=1 (CI sets it), in which case it runs and fails loudly.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium) && Environment.GetEnvironmentVariable("PARLEY_REQUIRE_BROWSER") != "1")
        {
            Skip = $"Chromium is not installed at {Chromium} (apt-get install chromium); set PARLEY_REQUIRE_BROWSER=1 to fail instead.";
        }
    }
}
