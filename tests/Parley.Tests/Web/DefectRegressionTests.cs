using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Parley.Common;
using Parley.Features.Identity;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Web;

/// <summary>Each defect the outside review found (issue 10), as the request that found it.</summary>
public sealed class DefectRegressionTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    [Fact]
    public async Task CultureSwitch_WithATabInTheReturnAddress_GoesHome_NotA500()
    {
        var client = app.Anonymous();
        var html = await client.GetStringAsync("/states");
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["culture"] = "fr", ["returnUrl"] = "/states\tx",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/states\tx")]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/ok path")]
    public void ReturnAddresses_OffSiteOrWithControlCharacters_BecomeHome(string url) =>
        Assert.Equal("/", Parley.Web.Infrastructure.CultureEndpoint.SafeReturn(url));

    [Fact]
    public async Task ListEntries_FortyThousandIds_Is400_NotA500()
    {
        var opga = await app.SignInAsync(await app.CreateUserAsync(PrincipalKind.Opga));
        var response = await opga.PutAsJsonAsync("/api/v1/processes/gcm/lists/special-preparatory/entries", new { add = Enumerable.Range(1, 40_000) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A small DOCX whose document part inflates to <paramref name="inflatedBytes"/> of spaces.</summary>
    private static byte[] InflatingDocx(long inflatedBytes)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                types.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }
            using var body = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)' ');
            for (long written = 0; written < inflatedBytes; written += chunk.Length)
            {
                body.Write(chunk);
            }
        }
        return buffer.ToArray();
    }

    [Fact]
    public void ArchiveGuard_RefusesWhatInflatesBeyondItsBound_AndAcceptsARealDocument()
    {
        var bomb = InflatingDocx(ArchiveGuard.MaxUncompressedBytes + (8 << 20));
        Assert.True(bomb.Length < 1 << 20, $"the test archive is {bomb.Length} bytes");
        Assert.NotNull(ArchiveGuard.Check(new MemoryStream(bomb)));
        Assert.Null(ArchiveGuard.Check(new MemoryStream(Texts.TextImportTests.Docx())));
    }

    [Fact]
    public async Task TextImportPreview_OfADocxThatInflatesToAGigabyte_IsRefusedWithoutReadingIt()
    {
        var cofacilitator = await app.SignInAsync(await app.CreateUserAsync(PrincipalKind.CoFacilitator));
        var text = await (await cofacilitator.PostAsJsonAsync("/api/v1/processes/gcm/texts", new { code = $"bomb{Guid.NewGuid():N}"[..12], title = "Bomb" })).Content.ReadFromJsonAsync<JsonElement>();
        var bomb = InflatingDocx(1L << 30);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bomb);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        form.Add(file, "file", "bomb.docx");
        var before = GC.GetTotalAllocatedBytes();
        var response = await cofacilitator.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/preview", form);
        var allocated = GC.GetTotalAllocatedBytes() - before;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unpacks to more than", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(allocated < 512L << 20, $"{allocated / (1 << 20)} MB allocated while refusing it");
    }
}
