using System.Net;
using System.Net.Http.Json;
using Parley.Common;
using Parley.Tests.Infrastructure;
using Xunit;

namespace Parley.Tests.Common;

public sealed class PlainTextTests(ParleyFactory app) : IClassFixture<ParleyFactory>
{
    [Theory]
    [InlineData("Migrants\0 Rights")]
    [InlineData("Safe\u202Egpj.exe")]
    [InlineData("Open\u2066Borders\u2069")]
    [InlineData("Mi\u200Bgrants")]
    [InlineData("\uFEFFMigrants")]
    [InlineData("Word\u2060Joiner")]
    [InlineData("Tab\there")]
    [InlineData("\u200CLeading joiner")]
    public void Names_WithControlBidiOrInvisibleCharacters_AreRefused(string name) => Assert.False(PlainText.IsClean(name));

    [Fact]
    public void Names_WithALoneSurrogate_AreRefused()
    {
        // Built in code: a lone surrogate does not survive as test data.
        Assert.False(PlainText.IsClean("lone " + (char)0xD800 + " surrogate"));
        Assert.False(PlainText.IsClean("lone " + (char)0xDC00));
    }

    [Theory]
    [InlineData("Red Crescent of Iran — انجمن هلال‌احمر")] // ZWNJ between Persian letters
    [InlineData("Ñandú & Co. (Asociación)")]
    [InlineData("移民权利中心")]
    [InlineData("Организация 𝔘𝔫𝔦𝔠𝔬𝔡𝔢")]
    public void Names_InAnyScript_AreAccepted(string name) => Assert.True(PlainText.IsClean(name));

    [Fact]
    public async Task RegisteringAnOrganisation_WithABidiOverrideInItsName_Is400OnThatField()
    {
        var response = await app.Anonymous().PostAsJsonAsync("/api/v1/organisations", new
        {
            name = "Friends of \u202Esnoitan", type = "ngo", country = "FRA", email = $"bidi{Guid.NewGuid():N}@example.org",
            focalPointName = "Zero\u200BWidth", password = ParleyFactory.Password,
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("focalPointName", out _));
    }

    [Fact]
    public async Task ANegotiatingGroup_WithANulInItsName_Is400()
    {
        var secretariat = await app.SignInAsSecretariatAsync();
        var response = await secretariat.PutAsJsonAsync("/api/v1/groups", new { code = "NUL", name = "Group\0of one", members = new[] { "MEX" }, speakers = new[] { "MEX" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
