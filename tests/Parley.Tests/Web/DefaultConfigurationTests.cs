using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Parley.Common;
using Parley.Tests.Accreditation;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Web;

/// <summary>The application as a newcomer configures it: no Storage:Root at all.</summary>
public sealed class DefaultStorageFactory : ParleyFactory
{
    protected override bool SetsStorageRoot => false;
}

public sealed class DefaultConfigurationTests(DefaultStorageFactory app) : IClassFixture<DefaultStorageFactory>
{
    [Fact]
    public void WithNoStorageRoot_FilesGoToAnAbsoluteDataFilesFolder()
    {
        var store = app.Services.GetRequiredService<FileStore>();
        Assert.True(Path.IsPathRooted(store.Root));
        Assert.Equal(Path.GetFullPath(FileStore.DefaultRoot), store.Root);
    }

    [Fact]
    public async Task WithNoStorageRoot_AnUploadedDocument_Downloads()
    {
        app.Clock.Set(2017, 4, 10);
        var applicant = (await AccreditationData.ApplyManyAsync(app, "special-preparatory", 1))[0];
        var stakeholder = await AccreditationData.SignInStakeholderAsync(app, applicant.Code);
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(pdf);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, "file", "statute.pdf");
        var uploaded = await stakeholder.PostAsync($"/api/v1/applications/{applicant.ApplicationId}/files", form);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var fileId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        string? stored = null;
        try
        {
            var download = await stakeholder.GetAsync($"/api/v1/applications/{applicant.ApplicationId}/files/{fileId}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            await using var db = app.OpenDb();
            stored = db.ApplicationFiles.Where(f => f.Id == fileId).Select(f => f.StorageName).FirstOrDefault();
            if (stored is not null)
            {
                File.Delete(app.Services.GetRequiredService<FileStore>().PathOf(stored));
            }
            app.Clock.Reset();
        }
    }
}
