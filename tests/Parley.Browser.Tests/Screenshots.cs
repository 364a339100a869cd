using Microsoft.Playwright;

namespace Parley.Browser.Tests;

/// <summary>
/// The screenshots in docs/screenshots are taken by the browser tests themselves: with PARLEY_SCREENSHOTS set to a folder, the
/// tests that reach a page worth showing save it there (`PARLEY_SCREENSHOTS=$PWD/docs/screenshots dotnet test tests/Parley.Browser.Tests`).
/// Without the setting nothing is written.
/// </summary>
public static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name, bool fullPage = false)
    {
        if (Environment.GetEnvironmentVariable("PARLEY_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
        }
    }
}
