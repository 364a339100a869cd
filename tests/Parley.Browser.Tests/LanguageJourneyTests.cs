using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit;

namespace Parley.Browser.Tests;

/// <summary>
/// Issue 17: the main journeys in Arabic, in Chinese and in the pseudo-locale — a stakeholder registers and applies, a delegate
/// proposes on the compilation, the projector follows the chair. Each page is checked as it is reached: nothing wider than the
/// screen; in the pseudo-locale, no text of the interface that did not come through the translations (its strings are marked
/// ⟦…⟧, so an unmarked word is a string no translator can reach); in Arabic, the layout measured mirrored.
/// </summary>
public sealed class LanguageJourneyTests
{
    private const string Overflow = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth";

    /// <summary>
    /// Visible words of the interface outside the pseudo-locale's marks. Content is left out: what carries its own language
    /// (lang="en" on a title left in English, the negotiated text), names set apart with &lt;bdi&gt;, codes and symbols.
    /// </summary>
    private const string Unmarked = """
        () => {
          const page = document.documentElement.lang;
          const skip = 'script,style,noscript,code,kbd,bdi,time,.symbol,[translate="no"],[data-content]';
          const own = el => { const l = el.closest('[lang]'); return !l || l.getAttribute('lang') === page; };
          const visible = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
          // Month names come from the culture's own data (the pseudo-locale's are English), not from the translations.
          const months = /\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|UTC)\b/g;
          const unmark = s => { let t = s, before; do { before = t; t = t.replace(/⟦[^⟦⟧]*⟧/g, ' '); } while (t !== before); return t; };
          const bad = s => /[A-Za-z]{3,}/.test(unmark(s).replace(/(https?:\/)?\/\S+/g, ' ').replace(months, ' '));
          const out = new Set();
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const el = n.parentElement;
            if (!el || el.closest(skip) || !own(el) || !visible(el)) continue;
            if (bad(n.textContent)) out.add(el.tagName.toLowerCase() + ': ' + n.textContent.trim().slice(0, 300));
          }
          for (const el of document.querySelectorAll('[aria-label],[placeholder],[title]')) {
            if (el.closest(skip) || !own(el)) continue;
            for (const a of ['aria-label', 'placeholder', 'title']) {
              const v = el.getAttribute(a);
              if (v && bad(v)) out.add(el.tagName.toLowerCase() + '[' + a + ']: ' + v.slice(0, 100));
            }
          }
          return [...out];
        }
        """;

    /// <summary>Where the page's landmarks sit: the brand, the first navigation link and the main heading, left edges and right edges.</summary>
    private const string Layout = """
        () => {
          const box = e => { if (!e) return null; const r = e.getBoundingClientRect(); return { left: r.left, right: r.right }; };
          const text = s => { const e = document.querySelector(s); if (!e) return null; const r = document.createRange(); r.selectNodeContents(e); return box(r); };
          const ths = [...document.querySelectorAll('main table:not([dir]) thead th')];
          return { width: document.documentElement.clientWidth, dir: getComputedStyle(document.body).direction,
                   brand: box(document.querySelector('.brand')), nav: box(document.querySelector('nav[aria-label] li')), h1: text('main h1'),
                   firstTh: box(ths[0]), lastTh: box(ths[ths.length - 1]) };
        }
        """;

    private sealed record Box(double Left, double Right);
    private sealed record Landmarks(double Width, string Dir, Box? Brand, Box? Nav, Box? H1, Box? FirstTh, Box? LastTh);

    [BrowserFact]
    public async Task TheMainJourneys_InArabicChineseAndPseudo_AreWhollyTranslated_FitTheScreen_AndArabicIsMirrored()
    {
        var start = new DateTimeOffset(2017, 4, 10, 9, 0, 0, TimeSpan.Zero);
        var shift = start - DateTimeOffset.UtcNow;
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Clock:Start"] = start.ToString("O"), ["Accreditation:WatchSeconds"] = "0", ["Localization:PseudoLocales"] = "true",
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await FirstRunTests.LaunchAsync(playwright);
        var admin = await browser.NewPageAsync();
        var key = await Journeys.BecomeAdministratorAsync(app, admin, "Omar Secretariat", "omar@un.org");
        using var api = await Journeys.AdministratorApiAsync(app, "omar@un.org", key, shift);
        var meeting = await api.PostAsJsonAsync("/api/v1/processes/gcm/meetings", new { series = "thematic", slot = 1, days = new[] { "2017-05-08", "2017-05-09" } });
        meeting.EnsureSuccessStatusCode();
        var meetingId = (await meeting.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var text = await (await api.PostAsJsonAsync("/api/v1/processes/gcm/texts", new { code = "outcome", title = "Global compact for safe, orderly and regular migration" })).Content.ReadFromJsonAsync<JsonElement>();
        var version = await (await api.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/versions?label=Zero%20draft&date=2017-04-05",
            new StringContent("# I. Vision\n1. We reaffirm our commitment to the purposes and principles of the Charter of the United Nations.\n2. We commit to cooperate on migration.\n",
                Encoding.UTF8, "text/markdown"))).Content.ReadFromJsonAsync<JsonElement>();
        var versionId = version.GetProperty("id").GetInt32();

        var problems = new List<string>();
        var mirrored = 0;
        IPage? current = null;
        async Task CheckAsync(IPage page, string culture, string step)
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Equal(culture, await page.EvaluateAsync<string>("() => document.documentElement.lang"));
            var overflow = await page.EvaluateAsync<int>(Overflow);
            if (overflow > 0)
            {
                problems.Add($"{culture} {step}: {overflow}px wider than the screen");
            }
            if (culture.StartsWith("qps", StringComparison.Ordinal))
            {
                problems.AddRange((await page.EvaluateAsync<string[]>(Unmarked)).Select(u => $"{culture} {step} ({new Uri(page.Url).AbsolutePath}): untranslated {u}"));
            }
            if (culture is "ar" or "qps-plocm")
            {
                var l = (await page.EvaluateAsync<JsonElement>(Layout)).Deserialize<Landmarks>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
                Assert.Equal("rtl", l.Dir);
                // Mirrored: the brand sits at the right edge and the navigation to its left; headings and table headers start at the right.
                Assert.True(l.Brand is null || l.Brand.Right > l.Width * 0.8, $"{step}: the brand is not at the right ({l.Brand?.Right} of {l.Width})");
                if (l.Brand is not null && l.Nav is not null && l.Width > 900)
                {
                    Assert.True(l.Nav.Right < l.Brand.Left + 1, $"{step}: the navigation is not left of the brand");
                }
                if (l.H1 is not null)
                {
                    Assert.True(l.Width - l.H1.Right < l.H1.Left, $"{step}: the heading's text does not start at the right");
                }
                if (l.FirstTh is not null && l.LastTh is not null && l.FirstTh != l.LastTh)
                {
                    Assert.True(l.FirstTh.Left > l.LastTh.Left, $"{step}: a table's first column is not at the right");
                }
                mirrored++;
            }
        }

        var cultures = new[] { "qps-ploc", "ar", "zh" };
        try
        {
            foreach (var culture in cultures)
            {
                var n = Array.IndexOf(cultures, culture);
                // ---- A stakeholder registers and applies, in their language (the browser's). ----
                var stakeholder = await (await browser.NewContextAsync(new() { Locale = culture, ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
                current = stakeholder;
                var email = $"focal{n}@migrants.example.org";
                await stakeholder.GotoAsync(app.BaseUrl + "/organisations/register");
                await CheckAsync(stakeholder, culture, "register");
                await stakeholder.Locator("#name").FillAsync(new[] { "Red de Migrantes del Sur", "Réseau Sahel Mobilité", "Asia Pacific Forum on Women and Migration" }[n]);
                await stakeholder.Locator("#type").SelectOptionAsync("migrant-organisation");
                await stakeholder.Locator("#country").FillAsync("ARG");
                await stakeholder.Locator("#focal").FillAsync("Lucía Focal");
                await stakeholder.Locator("#email").FillAsync(email);
                await stakeholder.Locator("#password").FillAsync("a long stakeholder passphrase");
                await stakeholder.Locator("main form button[type=submit]").Last.ClickAsync();
                await Assertions.Expect(stakeholder.GetByTestId("registered")).ToBeVisibleAsync();
                await CheckAsync(stakeholder, culture, "registered");
                await stakeholder.GotoAsync(app.LinkInMail(email, "/account/confirm-email"));
                await Assertions.Expect(stakeholder.GetByTestId("email-confirmed")).ToBeVisibleAsync();
                await stakeholder.GotoAsync(app.BaseUrl + "/account/login?returnUrl=/organisations/mine");
                await CheckAsync(stakeholder, culture, "sign-in");
                await stakeholder.Locator("#email").FillAsync(email);
                await stakeholder.Locator("#password").FillAsync("a long stakeholder passphrase");
                await stakeholder.Locator("main form button[type=submit]").First.ClickAsync();
                await stakeholder.WaitForURLAsync("**/organisations/mine");
                await CheckAsync(stakeholder, culture, "my organisation");
                await stakeholder.Locator("#track").SelectOptionAsync("gcm|special-preparatory");
                await stakeholder.Locator("#mandate").FillAsync("Defends the rights of migrants in South America.");
                await stakeholder.Locator("#relevance").FillAsync("Works on regular pathways and labour migration.");
                await stakeholder.GetByTestId("apply").ClickAsync();
                await Assertions.Expect(stakeholder.GetByTestId("applications").Locator("td[data-status]")).ToHaveAttributeAsync("data-status", "submitted");
                await CheckAsync(stakeholder, culture, "applied");
                await stakeholder.GotoAsync(app.BaseUrl + "/accreditation/gcm");
                await CheckAsync(stakeholder, culture, "accreditation");
                if (culture != "qps-ploc")
                {
                    await Screenshots.SaveAsync(stakeholder, $"{culture}-stakeholder-applied");
                }

                // ---- A delegate proposes on the compilation. ----
                var link = await Journeys.CreateAccountAsync(api, new { email = $"delegate{n}@sre.gob.mx", displayName = "Delegada de México", kind = "member-state-delegate", state = "MEX" });
                var delegatePage = await (await browser.NewContextAsync(new() { Locale = culture, ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
                current = delegatePage;
                await delegatePage.GotoAsync(link);
                await CheckAsync(delegatePage, culture, "set password");
                await delegatePage.Locator("#password").FillAsync("a long delegate passphrase");
                await delegatePage.Locator("#confirmPassword").FillAsync("a long delegate passphrase");
                await delegatePage.Locator("main form button[type=submit]").First.ClickAsync();
                await delegatePage.WaitForURLAsync("**/account/login**");
                await delegatePage.Locator("#email").FillAsync($"delegate{n}@sre.gob.mx");
                await delegatePage.Locator("#password").FillAsync("a long delegate passphrase");
                await delegatePage.Locator("main form button[type=submit]").First.ClickAsync();
                await delegatePage.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
                await delegatePage.GotoAsync(app.BaseUrl + "/");
                await CheckAsync(delegatePage, culture, "delegate's home");
                await delegatePage.GotoAsync($"{app.BaseUrl}/versions/{versionId}/compilation");
                await CheckAsync(delegatePage, culture, "compilation");
                await delegatePage.Locator(".compiled:has(p.paragraph) a[href*='/propose']").First.ClickAsync();
                await CheckAsync(delegatePage, culture, "propose");
                await delegatePage.Locator("#kind").SelectOptionAsync("replace");
                await delegatePage.Locator("#phrase").FillAsync("reaffirm");
                await delegatePage.Locator("#newText").FillAsync($"solemnly reaffirm {n}");
                await delegatePage.GetByTestId("submit-proposal").ClickAsync();
                await Assertions.Expect(delegatePage.GetByTestId("compilation")).ToContainTextAsync($"solemnly reaffirm {n}");
                // The negotiated text keeps its own language and direction inside the page.
                Assert.Equal("ltr", await delegatePage.GetByTestId("compilation").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
                await CheckAsync(delegatePage, culture, "proposed");
                if (culture != "qps-ploc")
                {
                    await Screenshots.SaveAsync(delegatePage, $"{culture}-compilation");
                }

                // ---- The projector follows the chair. ----
                var projector = await (await browser.NewContextAsync(new() { Locale = culture, ViewportSize = new() { Width = 1920, Height = 1080 } })).NewPageAsync();
                current = projector;
                await projector.GotoAsync($"{app.BaseUrl}/meetings/{meetingId}/projector");
                await CheckAsync(projector, culture, "projector");
                await projector.WaitForTimeoutAsync(500); // its live connection is up
                (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers/chair", new { action = "add", code = "MAR", label = "Morocco", category = "member-state", level = "minister" })).EnsureSuccessStatusCode();
                (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers/chair", new { action = "next" })).EnsureSuccessStatusCode();
                await Assertions.Expect(projector.GetByTestId("projector-current")).ToContainTextAsync("Morocco", new() { Timeout = 5_000 });
                await CheckAsync(projector, culture, "projector following");
                if (culture == "ar")
                {
                    // The speaker's name starts where the section starts: at its right edge (an English name inside Arabic stays put).
                    var gap = await projector.EvaluateAsync<double>("""
                        () => { const s = document.querySelector('.projector-now').getBoundingClientRect();
                                const r = document.createRange(); r.selectNodeContents(document.querySelector('[data-testid=projector-current] .who'));
                                return s.right - r.getBoundingClientRect().right; }
                        """);
                    Assert.True(gap < 10, $"the speaker's name stands {gap}px away from the right edge of its section");
                }
                if (culture != "qps-ploc")
                {
                    await Screenshots.SaveAsync(projector, $"{culture}-projector");
                }
                (await api.PostAsJsonAsync($"/api/v1/meetings/{meetingId}/speakers/chair", new { action = "end" })).EnsureSuccessStatusCode();

                // ---- The same pages on a phone. ----
                var phone = await (await browser.NewContextAsync(new() { Locale = culture, ViewportSize = new() { Width = 390, Height = 844 } })).NewPageAsync();
                current = phone;
                foreach (var path in new[] { "/", "/processes/gcm", "/processes/gcm/compliance", "/accreditation/gcm", $"/versions/{versionId}/compilation", "/states" })
                {
                    await phone.GotoAsync(app.BaseUrl + path);
                    await CheckAsync(phone, culture, "phone " + path);
                }
                if (culture != "qps-ploc")
                {
                    await phone.GotoAsync(app.BaseUrl + "/processes/gcm/compliance");
                    await Screenshots.SaveAsync(phone, $"{culture}-compliance-phone");
                }
            }
            // The right-to-left pseudo-locale, where Arabic's layout is checked with strings anyone can read.
            var rtl = await (await browser.NewContextAsync(new() { Locale = "qps-plocm", ViewportSize = new() { Width = 1280, Height = 900 } })).NewPageAsync();
            current = rtl;
            foreach (var path in new[] { "/", "/processes/gcm", "/processes/gcm/compliance", $"/versions/{versionId}/compilation", $"/meetings/{meetingId}/speakers" })
            {
                await rtl.GotoAsync(app.BaseUrl + path);
                await CheckAsync(rtl, "qps-plocm", path);
            }
            Assert.True(mirrored >= 15, $"only {mirrored} pages measured mirrored");
            Assert.True(problems.Count == 0, string.Join("\n", problems.Distinct()));
        }
        catch
        {
            if (current is not null)
            {
                await current.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "parley-browser-languages-failure.png"), FullPage = true });
            }
            Console.WriteLine(app.Output);
            throw;
        }
    }
}
