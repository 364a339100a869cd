using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Parley.Features.Texts;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Texts;

/// <summary>
/// Issue 18, the file's side: the clean version's DOCX carries each provision's key in a bookmark and the version's identity in its
/// properties; a copy marked up with tracked changes, as Word writes them, reads back as each provision's text before and after,
/// with the changes' authors, even when Word renumbered the paragraphs.
/// </summary>
public sealed class DocxRoundTripTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    [Fact]
    public async Task TheCleanDocx_CarriesKeysAndIdentity_AndAMarkedUpCopyReadsBackBeforeAndAfter()
    {
        app.Clock.Set(2018, 2, 5);
        var secretariat = await app.SignInAsSecretariatAsync();
        var text = await (await secretariat.PostAsJsonAsync("/api/v1/processes/gcm/texts", new { code = "roundtrip", title = "Round trip" })).ExpectJsonAsync(HttpStatusCode.Created);
        var version = await (await secretariat.PostAsync($"/api/v1/texts/{text.GetProperty("id").GetInt32()}/versions?label=Zero%20draft&date=2018-02-05",
            new StringContent("1. We reaffirm our commitment to cooperation on migration.\n2. Migration has been part of the human experience.\n3. We commit to act.\n",
                Encoding.UTF8, "text/markdown"))).ExpectJsonAsync(HttpStatusCode.Created);
        var versionId = version.GetProperty("id").GetInt32();
        var view = await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/versions/{versionId}");
        var keys = view.GetProperty("provisions").EnumerateArray().Select(p => p.GetProperty("key").GetString()!).ToList();
        var docx = await app.Anonymous().GetByteArrayAsync($"/api/v1/versions/{versionId}/export.docx");

        var clean = DocxRoundTrip.Read(docx)!;
        Assert.Equal(versionId, clean.VersionId);
        Assert.Equal("roundtrip", clean.Text);
        Assert.Equal(keys, clean.Provisions.Select(p => p.Key));
        Assert.All(clean.Provisions, p => Assert.False(p.Changed));
        Assert.Equal("Migration has been part of the human experience.", clean.Provisions[1].Original);

        // Mexico marks up provision 2 as Word does: "human" deleted, "shared human" inserted; and deletes "to act" in provision 3.
        var marked = Mark(docx, keys[1], "human", "shared human", "Delegación de México");
        marked = Mark(marked, keys[2], " to act", "", "Delegación de México");
        var back = DocxRoundTrip.Read(marked)!;
        Assert.Equal("Migration has been part of the human experience.", back.Provisions[1].Original);
        Assert.Equal("Migration has been part of the shared human experience.", back.Provisions[1].Edited);
        Assert.Equal(["Delegación de México"], back.Provisions[1].Authors);
        Assert.Equal(("We commit to act.", "We commit."), (back.Provisions[2].Original, back.Provisions[2].Edited));
        Assert.False(back.Provisions[0].Changed);
        Assert.Null(DocxRoundTrip.Read("not a word file"u8.ToArray()));
    }

    /// <summary>Replaces the first occurrence of <paramref name="old"/> in a provision's paragraph by a tracked deletion and insertion.</summary>
    private static byte[] Mark(byte[] docx, string key, string old, string replacement, string author)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var doc = WordprocessingDocument.Open(stream, true))
        {
            var body = doc.MainDocumentPart!.Document!.Body!;
            var paragraph = body.Descendants<Paragraph>().Single(p => p.Descendants<BookmarkStart>().Any(b => b.Name == DocxRoundTrip.BookmarkOf(key)));
            var run = paragraph.Descendants<Run>().Single(r => r.InnerText.Contains(old, StringComparison.Ordinal));
            var full = run.InnerText;
            var at = full.IndexOf(old, StringComparison.Ordinal);
            var date = new DateTime(2018, 2, 20, 10, 0, 0, DateTimeKind.Utc);
            var parts = new List<OpenXmlElement>
            {
                new Run(new Text(full[..at]) { Space = SpaceProcessingModeValues.Preserve }),
                new DeletedRun(new Run(new DeletedText(old) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = date, Id = "901" },
            };
            if (replacement.Length > 0)
            {
                parts.Add(new InsertedRun(new Run(new Text(replacement) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = date, Id = "902" });
            }
            parts.Add(new Run(new Text(full[(at + old.Length)..]) { Space = SpaceProcessingModeValues.Preserve }));
            foreach (var part in parts)
            {
                run.InsertBeforeSelf(part);
            }
            run.Remove();
        }
        return stream.ToArray();
    }
}
