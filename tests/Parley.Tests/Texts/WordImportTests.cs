using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parley.Features.Identity;
using Parley.Features.Texts;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Texts;

/// <summary>
/// Issue 18: a delegation's Word file, marked up with tracked changes or simply edited, becomes draft proposals of the right kind on
/// the right provision and words, attributed to the delegation whatever Word recorded; the delegation previews and submits.
/// </summary>
public sealed class WordImportTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    private static readonly string[] Vocabulary = ["migration", "States", "cooperation", "safe", "orderly", "regular", "human", "rights", "shall", "should",
        "ensure", "promote", "the", "of", "and", "in", "all", "their", "national", "international", "law", "dignity", "protection", "access", "services"];

    /// <summary>A text of <paramref name="count"/> paragraphs of random words, proposals open on its version.</summary>
    private async Task<(int VersionId, List<ProvisionData> Provisions, byte[] Docx)> VersionAsync(string code, int count, int seed)
    {
        app.Clock.Set(2018, 2, 5);
        var random = new Random(seed);
        var secretariat = await app.SignInAsSecretariatAsync();
        var text = await (await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/texts", new { code, title = "Word round trip " + code })).ExpectJsonAsync(HttpStatusCode.Created);
        var markdown = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            if (i % 10 == 1)
            {
                // Sections carry a typed number before their words ("I. Vision"): the number is not part of the provision's text.
                markdown.Append("# ").Append(new[] { "I", "II", "III", "IV", "V" }[i / 10 % 5]).Append(". Part ").Append(Vocabulary[random.Next(Vocabulary.Length)]).Append('\n');
            }
            var words = Enumerable.Range(0, random.Next(8, 30)).Select(_ => Vocabulary[random.Next(Vocabulary.Length)]);
            markdown.Append(i).Append(". ").Append(string.Join(' ', words)).Append(".\n");
        }
        var version = await (await secretariat.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/versions?label=Zero%20draft&date=2018-02-05",
            new StringContent(markdown.ToString(), Encoding.UTF8, "text/markdown"))).ExpectJsonAsync(HttpStatusCode.Created);
        var versionId = version.GetProperty("id").GetInt32();
        var view = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/versions/{versionId}");
        var provisions = view.GetProperty("provisions").EnumerateArray().Select(p => new ProvisionData(p.GetProperty("key").GetString()!, p.GetProperty("number").GetString()!,
            Enum.Parse<ProvisionKind>(p.GetProperty("kind").ToString(), ignoreCase: true),
            p.TryGetProperty("parentKey", out var parent) && parent.ValueKind == JsonValueKind.String ? parent.GetString() : null, null, p.GetProperty("text").GetString()!)).ToList();
        return (versionId, provisions, await app.Anonymous().GetByteArrayAsync($"/api/v1/versions/{versionId}/export.docx"));
    }

    private sealed record Expected(ProposalKind Kind, string Key, int Start, int End, string? NewText, string? AfterKey);

    [Fact]
    public async Task RandomProposalsMarkedUpAsWordDoes_ReadBackAsExactlyTheSameProposals()
    {
        var (_, provisions, docx) = await VersionAsync("wordprop", 30, 7);
        for (var seed = 0; seed < 60; seed++)
        {
            var random = new Random(seed);
            var markup = new WordMarkup(random.Next(2) == 0 ? "Delegación de México" : "jsmith");
            var expected = new List<Expected>();
            var comments = new Dictionary<Expected, string>();
            var chosen = provisions.OrderBy(_ => random.Next()).Take(random.Next(1, 8)).ToList();
            foreach (var p in chosen)
            {
                var words = Words.Split(p.Text);
                if (random.Next(10) == 0)
                {
                    markup.DeleteProvision(p.Key);
                    expected.Add(new Expected(ProposalKind.DeleteProvision, p.Key, 0, 0, null, null));
                    continue;
                }
                // One to three changes, each separated from the next by at least one untouched word.
                var at = random.Next(0, 3);
                for (var n = random.Next(1, 4); n > 0 && at <= words.Length; n--)
                {
                    var newText = string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => "new" + random.Next(1000)));
                    var comment = random.Next(4) == 0 ? $"Because {seed}-{at}." : null;
                    Expected e;
                    switch (random.Next(3))
                    {
                        case 0:
                            markup.Insert(p.Key, at, newText, comment);
                            e = new Expected(ProposalKind.Insert, p.Key, at, at, newText, null);
                            at += 1;
                            break;
                        case 1 when at < words.Length:
                            var end = Math.Min(words.Length, at + random.Next(1, 4));
                            markup.Delete(p.Key, at, end, comment);
                            e = new Expected(ProposalKind.Delete, p.Key, at, end, null, null);
                            at = end + 1;
                            break;
                        default:
                            if (at >= words.Length)
                            {
                                continue;
                            }
                            var to = Math.Min(words.Length, at + random.Next(1, 4));
                            markup.Replace(p.Key, at, to, newText, comment);
                            e = new Expected(ProposalKind.Replace, p.Key, at, to, newText, null);
                            at = to + 1;
                            break;
                    }
                    expected.Add(e);
                    if (comment is not null)
                    {
                        comments[e] = comment;
                    }
                    at += random.Next(0, 4);
                }
            }
            if (random.Next(3) == 0)
            {
                var after = provisions[random.Next(provisions.Count)].Key;
                markup.AddAfter(after, "A new paragraph " + seed + ".");
                expected.Add(new Expected(ProposalKind.AddProvision, after, 0, 0, "A new paragraph " + seed + ".", after));
            }

            var file = DocxRoundTrip.Read(markup.Apply(docx))!;
            var understood = WordChanges.Understand(provisions, file);

            var found = understood.Changes.Select(c => new Expected(c.Kind, c.ProvisionKey, c.Start, c.End, c.NewText, c.AfterKey)).ToList();
            Assert.True(expected.OrderBy(x => x.ToString()).SequenceEqual(found.OrderBy(x => x.ToString())),
                $"seed {seed}: expected\n{string.Join("\n", expected)}\nfound\n{string.Join("\n", found)}\nnot placed: {string.Join("; ", understood.NotPlaced)}");
            Assert.Empty(understood.NotPlaced);
            foreach (var (e, comment) in comments)
            {
                Assert.Equal(comment, understood.Changes.Single(c => new Expected(c.Kind, c.ProvisionKey, c.Start, c.End, c.NewText, c.AfterKey) == e).Justification);
            }
        }
    }

    [Fact]
    public async Task UntrackedEdits_AreComparedWithTheVersion_MovesAndNewParagraphsAreFound()
    {
        var (_, provisions, docx) = await VersionAsync("wordplain", 8, 11);
        var p = provisions;
        var words2 = Words.Split(p[2].Text);
        var retyped = string.Join(' ', words2.Take(2)) + " carefully " + string.Join(' ', words2.Skip(3));
        var file = new WordMarkup("A. Delegate")
            .Retype(p[2].Key, retyped)
            .Move(p[1].Key, p[4].Key)
            .CutAndPaste(p[6].Key, p[7].Key)
            .AddAfter(p[3].Key, "States shall cooperate.", comment: "Our capitals insist.")
            .Apply(docx);

        var understood = WordChanges.Understand(provisions, DocxRoundTrip.Read(file)!);

        var changes = understood.Changes;
        var replace = Assert.Single(changes, c => c.ProvisionKey == p[2].Key);
        Assert.Equal((ProposalKind.Replace, 2, 3, "carefully"), (replace.Kind, replace.Start, replace.End, replace.NewText));
        Assert.Contains("comparing", replace.How);
        Assert.Contains(changes, c => c is { Kind: ProposalKind.MoveProvision } && c.ProvisionKey == p[1].Key && c.AfterKey == p[4].Key);
        Assert.Contains(changes, c => c is { Kind: ProposalKind.MoveProvision } && c.ProvisionKey == p[6].Key && c.AfterKey == p[7].Key);
        var added = Assert.Single(changes, c => c.Kind == ProposalKind.AddProvision);
        Assert.Equal((p[3].Key, "States shall cooperate.", "Our capitals insist."), (added.AfterKey, added.NewText, added.Justification));
        Assert.Equal(4, changes.Count);
    }

    [Fact]
    public async Task FormattingIsIgnoredAndSaid_AndAChangeAcrossTwoProvisionsIsNotPlaced()
    {
        var (_, p, docx) = await VersionAsync("wordedge", 6, 13);
        var file = new WordMarkup("A. Delegate").Reformat(p[1].Key).JoinWithNext(p[3].Key).Insert(p[5].Key, 1, "also").Apply(docx);

        var understood = WordChanges.Understand(p, DocxRoundTrip.Read(file)!);

        var only = Assert.Single(understood.Changes);
        Assert.Equal((ProposalKind.Insert, p[5].Key, "also"), (only.Kind, only.ProvisionKey, only.NewText));
        Assert.Contains(understood.Ignored, i => i.StartsWith("Formatting changed in paragraph", StringComparison.Ordinal));
        Assert.Contains(understood.NotPlaced, n => n.Contains("joined in Word with the paragraph after it", StringComparison.Ordinal));
    }

    private static MultipartFormDataContent Upload(byte[] file, string name = "zero-draft-mexico.docx", string? sponsor = null)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", name } };
        if (sponsor is not null)
        {
            form.Add(new StringContent(sponsor), "sponsor");
        }
        return form;
    }

    [Fact]
    public async Task ADelegationImportsItsFile_AsPrivateDrafts_PreviewsThem_AndSubmitsTheOnesItChooses()
    {
        var (versionId, p, docx) = await VersionAsync("wordhttp", 6, 3);
        var secretariat = await app.SignInAsSecretariatAsync();
        await (await secretariat.PutAsJsonAsync("/api/v1/groups", new { code = "WGRP", name = "Word Group", members = new[] { "MEX", "CHL" }, speakers = new[] { "MEX" } }))
            .ExpectJsonAsync(HttpStatusCode.OK);
        var mex = await app.SignInAsDelegateOfAsync("MEX");
        var chl = await app.SignInAsDelegateOfAsync("CHL");
        var file = new WordMarkup("jperez")
            .Replace(p[0].Key, 0, 1, "Member States", "Agreed language.")
            .Delete(p[1].Key, 2, 4)
            .Insert(p[3].Key, 1, "fully")
            .Apply(docx);

        var preview = await (await mex.PostAsync($"/api/v1/versions/{versionId}/imports", Upload(file, sponsor: "WGRP"))).ExpectJsonAsync(HttpStatusCode.Created);
        var changes = preview.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(3, changes.Count);
        Assert.All(changes, c => Assert.Equal(("draft", "WGRP"), (c.GetProperty("proposal").GetProperty("status").GetString(), c.GetProperty("proposal").GetProperty("sponsorCode").GetString())));
        Assert.Equal(["jperez"], changes[0].GetProperty("recordedAuthors").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("Agreed language.", changes[0].GetProperty("proposal").GetProperty("justification").GetString());
        Assert.Equal(["replace", "delete", "insert"], changes.Select(c => c.GetProperty("proposal").GetProperty("kind").GetString()));
        var importId = preview.GetProperty("id").GetInt32();

        // Drafts are private: Chile (a member of the group, not the drafter) sees neither the preview nor the drafts.
        Assert.Equal(HttpStatusCode.NotFound, (await chl.GetAsync($"/api/v1/imports/{importId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await chl.PostAsJsonAsync($"/api/v1/imports/{importId}/submit", new { })).StatusCode);
        Assert.Empty((await chl.GetFromJsonAsync<JsonElement>($"/api/v1/versions/{versionId}/proposals")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync($"/api/v1/imports/{importId}")).StatusCode);

        // The same through the pages, as a browser posts them: upload, then the preview lists the changes for the delegation only.
        var browser = await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "MEX"));
        var uploaded = await Forms.SubmitWithFileAsync(browser, $"/versions/{versionId}/import", "word-import", new Dictionary<string, string> { ["sponsor"] = "MEX" },
            file, "zero-draft-mexico.docx");
        Assert.Equal(HttpStatusCode.Found, uploaded.StatusCode);
        Assert.Contains("/imports/", uploaded.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var previewPage = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync(uploaded.Headers.Location));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInBrowserAsync(await app.CreateUserAsync(PrincipalKind.MemberStateDelegate, "CHL")))
            .GetAsync(uploaded.Headers.Location)).StatusCode);
        Assert.Contains("3 changes found, drafted for Mexico", previewPage, StringComparison.Ordinal);
        Assert.Contains("replace “Part” with “Member States”", previewPage.Replace("&#x201C;", "“"), StringComparison.Ordinal);
        var refusedPage = System.Net.WebUtility.HtmlDecode(await (await Forms.SubmitWithFileAsync(browser, $"/versions/{versionId}/import", "word-import",
            new Dictionary<string, string>(), "not word"u8.ToArray(), "notes.docx")).Content.ReadAsStringAsync());
        Assert.Contains("this file is not a Word document", refusedPage, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", refusedPage, StringComparison.Ordinal);

        // Mexico submits two and discards the third.
        var ids = changes.Select(c => c.GetProperty("proposal").GetProperty("id").GetInt32()).ToList();
        var after = await (await mex.PostAsJsonAsync($"/api/v1/imports/{importId}/submit", new { proposalIds = ids.Take(2), discardOthers = true })).ExpectJsonAsync(HttpStatusCode.OK);
        Assert.Equal(["submitted", "submitted", "withdrawn"], after.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("proposal").GetProperty("status").GetString()));
        var seen = (await chl.GetFromJsonAsync<JsonElement>($"/api/v1/versions/{versionId}/proposals")).EnumerateArray().ToList();
        Assert.Equal(2, seen.Count);
        Assert.All(seen, s => Assert.Equal("WGRP", s.GetProperty("sponsor").GetString()));
        var compilation = await (await chl.GetAsync($"/api/v1/versions/{versionId}/compilation")).Content.ReadAsStringAsync();
        Assert.Contains("WGRP", compilation);
        using var db = app.OpenDb();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "proposals.imported" && a.EntityType == "ProposalImport"));
    }

    [Fact]
    public async Task FilesThatAreNotTheVersionsWordFile_AreRefusedWithTheReason_AndOnlyDelegationsImport()
    {
        var (versionId, p, docx) = await VersionAsync("wordrefuse", 3, 5);
        var (_, _, otherDocx) = await VersionAsync("wordother", 3, 6);
        var mex = await app.SignInAsDelegateOfAsync("MEX");
        async Task<string> Refused(HttpClient client, MultipartFormDataContent form, HttpStatusCode status)
        {
            var response = await client.PostAsync($"/api/v1/versions/{versionId}/imports", form);
            Assert.Equal(status, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }
        Assert.Contains("not a Word document", await Refused(mex, Upload("%PDF-1.4 not word"u8.ToArray(), "x.pdf"), HttpStatusCode.BadRequest));
        Assert.Contains("another text", await Refused(mex, Upload(otherDocx), HttpStatusCode.BadRequest));
        Assert.Contains("at most 5 MB", await Refused(mex, Upload(new byte[6 * 1024 * 1024]), HttpStatusCode.BadRequest));
        Assert.Contains("not exported by Parley", await Refused(mex, Upload(TextImportTests.Docx()), HttpStatusCode.BadRequest));
        var compilation = await mex.GetByteArrayAsync($"/api/v1/versions/{versionId}/compilation.docx");
        Assert.Contains("compilation", await Refused(mex, Upload(compilation), HttpStatusCode.BadRequest));
        await Refused(mex, Upload(docx, sponsor: "EU"), HttpStatusCode.Forbidden);
        var secretariat = await app.SignInAsSecretariatAsync();
        await Refused(secretariat, Upload(docx), HttpStatusCode.Forbidden);
        await Refused(app.Anonymous(), Upload(docx), HttpStatusCode.Unauthorized);
        Assert.Empty((await mex.GetFromJsonAsync<JsonElement>($"/api/v1/versions/{versionId}/proposals")).EnumerateArray());
    }

    /// <summary>
    /// A real file: LibreOffice (scripted through its own API, Track Changes on) replaces, deletes and inserts words, adds a paragraph
    /// (renumbering the ones after it) and cuts a paragraph to paste it at the end; the file it saves imports as exactly those changes.
    /// </summary>
    [LibreOfficeScriptingFact]
    public async Task AFileMarkedUpInLibreOffice_ImportsAsTheChangesMadeThere()
    {
        app.Clock.Set(2018, 2, 5);
        var secretariat = await app.SignInAsSecretariatAsync();
        var text = await (await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/texts", new { code = "wordlo", title = "LibreOffice round trip" })).ExpectJsonAsync(HttpStatusCode.Created);
        var version = await (await secretariat.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/versions?label=Zero%20draft&date=2018-02-05",
            new StringContent("1. We reaffirm our resolve to cooperate on migration.\n2. Migration has been part of the human experience throughout history.\n" +
                "3. We commit to act together.\n4. States shall ensure access to basic services.\n5. This compact is our common framework.\n", Encoding.UTF8, "text/markdown")))
            .ExpectJsonAsync(HttpStatusCode.Created);
        var versionId = version.GetProperty("id").GetInt32();
        var keys = (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/versions/{versionId}")).GetProperty("provisions").EnumerateArray()
            .Select(p => p.GetProperty("key").GetString()!).ToList();
        var folder = Path.Combine(Path.GetTempPath(), "parley-lo-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var clean = Path.Combine(folder, "zero-draft.docx");
            await File.WriteAllBytesAsync(clean, await app.Anonymous().GetByteArrayAsync($"/api/v1/versions/{versionId}/export.docx"));
            var marked = Path.Combine(folder, "zero-draft-marked.docx");
            var psi = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Texts", "libreoffice-markup.py"), LibreOfficeFactAttribute.Soffice!, Path.Combine(folder, "profile"),
                clean, marked, "Delegación de México" })
            {
                psi.ArgumentList.Add(a);
            }
            using (var python = System.Diagnostics.Process.Start(psi)!)
            {
                var error = python.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
                await python.WaitForExitAsync(timeout.Token);
                Assert.True(python.ExitCode == 0 && File.Exists(marked), $"LibreOffice did not mark up the file (exit {python.ExitCode}): {await error}");
            }

            var mex = await app.SignInAsDelegateOfAsync("MEX");
            var preview = await (await mex.PostAsync($"/api/v1/versions/{versionId}/imports", Upload(await File.ReadAllBytesAsync(marked))))
                .ExpectJsonAsync(HttpStatusCode.Created);
            var found = preview.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("proposal")).Select(p => (
                p.GetProperty("kind").GetString(), p.GetProperty("provisionKey").GetString(), p.GetProperty("start").GetInt32(), p.GetProperty("end").GetInt32(),
                p.TryGetProperty("newText", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null,
                p.TryGetProperty("afterKey", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null)).ToList();
            (string?, string?, int, int, string?, string?)[] expected =
            [
                ("add-provision", keys[0], 0, 0, "States shall cooperate in good faith.", keys[0]),
                ("replace", keys[1], 6, 8, "shared human experience", null),
                ("insert", keys[2], 2, 2, "fully", null),
                ("move-provision", keys[3], 0, 0, null, keys[4]),
                ("delete", keys[4], 4, 5, null, null),
            ];
            Assert.True(expected.OrderBy(e => e.ToString()).SequenceEqual(found.OrderBy(e => e.ToString())),
                $"expected {string.Join("; ", expected)}\nfound {string.Join("; ", found)}\nnot placed: {preview.GetProperty("notPlaced")}\nignored: {preview.GetProperty("ignored")}");
            Assert.Contains("Delegación de México", preview.GetProperty("changes")[1].GetProperty("recordedAuthors").EnumerateArray().Select(x => x.GetString()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
