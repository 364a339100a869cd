using System.Diagnostics;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Parley.Features.Texts;
using Xunit;

namespace Parley.Tests.Texts;

/// <summary>Runs when LibreOffice (Debian's libreoffice-writer-nogui) is installed; otherwise skipped, unless PARLEY_REQUIRE_LIBREOFFICE=1 (CI sets it).</summary>
public sealed class LibreOfficeFactAttribute : FactAttribute
{
    public static string? Soffice => new[] { "/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice" }.FirstOrDefault(File.Exists);

    public LibreOfficeFactAttribute()
    {
        if (Soffice is null && Environment.GetEnvironmentVariable("PARLEY_REQUIRE_LIBREOFFICE") != "1")
        {
            Skip = "LibreOffice is not installed (apt-get install libreoffice-writer-nogui); set PARLEY_REQUIRE_LIBREOFFICE=1 to fail instead.";
        }
    }
}

/// <summary>
/// Runs when LibreOffice and its Python bridge (Debian's python3-uno) are installed, to script LibreOffice itself; otherwise skipped,
/// unless PARLEY_REQUIRE_LIBREOFFICE=1 (CI sets it and installs both).
/// </summary>
public sealed class LibreOfficeScriptingFactAttribute : FactAttribute
{
    public LibreOfficeScriptingFactAttribute()
    {
        if ((LibreOfficeFactAttribute.Soffice is null || !File.Exists("/usr/lib/python3/dist-packages/uno.py"))
            && Environment.GetEnvironmentVariable("PARLEY_REQUIRE_LIBREOFFICE") != "1")
        {
            Skip = "LibreOffice or its Python bridge is not installed (apt-get install libreoffice-writer-nogui python3-uno); set PARLEY_REQUIRE_LIBREOFFICE=1 to fail instead.";
        }
    }
}

/// <summary>The program delegations actually open our DOCX with, besides Word: it reads them, prints them, and keeps who changed what and when.</summary>
public sealed class LibreOfficeTests
{
    private static async Task<string> ConvertAsync(string input, string format, string outDir)
    {
        Directory.CreateDirectory(outDir);
        var profile = Path.Combine(Path.GetTempPath(), "parley-lo-profile-" + Guid.NewGuid().ToString("N"));
        var psi = new ProcessStartInfo(LibreOfficeFactAttribute.Soffice ?? "soffice")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--norestore", $"-env:UserInstallation=file://{profile}", "--convert-to", format, "--outdir", outDir, input })
        {
            psi.ArgumentList.Add(a);
        }
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        var result = Path.Combine(outDir, Path.GetFileNameWithoutExtension(input) + "." + format.Split(':')[0]);
        Assert.True(File.Exists(result), $"LibreOffice made no {format} (exit {process.ExitCode}): {await output} {await error}");
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // a profile left behind in the temporary folder is harmless
        }
        return result;
    }

    private static List<(string Author, DateTime Date)> Changes(string docx)
    {
        using var doc = WordprocessingDocument.Open(docx, false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        return body.Descendants<InsertedRun>().Select(i => (i.Author!.Value!, i.Date!.Value))
            .Concat(body.Descendants<DeletedRun>().Select(d => (d.Author!.Value!, d.Date!.Value))).ToList();
    }

    [LibreOfficeFact]
    public async Task TheCompilationAndTheComparison_PrintToPdf_AndTheirTrackedChangesReadBackWithAuthorsAndDates()
    {
        var folder = Path.Combine(Path.GetTempPath(), "parley-lo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var provisions = TextImport.FromText(TextImportTests.ZeroDraft).Provisions;
            var p3 = provisions.First(p => p.Number == "3");
            var p1 = provisions.First(p => p.Number == "1");
            var submitted = new DateTime(2018, 2, 21, 9, 30, 0, DateTimeKind.Utc);
            var proposals = new List<ProposalView>
            {
                new(1, ProposalKind.Replace, p3.Key, null, 2, 3, "undertake", null, ["European Union"], "submitted", false, SubmittedAt: submitted),
                new(2, ProposalKind.Delete, p1.Key, null, 3, 6, null, null, ["Mexico"], "submitted", false, SubmittedAt: submitted.AddHours(1)),
            };
            var version = new TextQueries.VersionView(1, 7, "Global compact for safe, orderly and regular migration", "gcm", 0, "Zero draft", "A/CONF.231/ZD",
                new DateOnly(2018, 2, 5), "Co-facilitators", null, false, true, provisions, new Dictionary<string, TextQueries.StatusView>(), [(1, "Zero draft")]);
            var compilation = new TextQueries.CompilationView(version, Compilation.Build(provisions, proposals), 2, ["European Union", "Mexico"]);
            var compilationFile = Path.Combine(folder, "compilation.docx");
            await File.WriteAllBytesAsync(compilationFile, TextExports.CompilationDocx(compilation, new DateTime(2026, 11, 29, 0, 0, 0, DateTimeKind.Utc)));
            var later = version with { Id = 2, Label = "Rev.1", Provisions = provisions.Select(p => p.Number == "3" ? p with { Text = p.Text + " and review it" } : p).ToList() };
            var comparisonFile = Path.Combine(folder, "comparison.docx");
            await File.WriteAllBytesAsync(comparisonFile, TextExports.ComparisonDocx(TextQueries.Compare(version, later), later, new Dictionary<string, string> { [p3.Key] = "European Union" }));

            foreach (var file in new[] { compilationFile, comparisonFile })
            {
                var pdf = await ConvertAsync(file, "pdf", Path.Combine(folder, "pdf"));
                Assert.Equal("%PDF"u8.ToArray(), (await File.ReadAllBytesAsync(pdf))[..4]);
            }

            // Word's format, written back by LibreOffice: the same authors, on the same dates.
            var roundTrip = await ConvertAsync(compilationFile, "docx:MS Word 2007 XML", Path.Combine(folder, "back"));
            var before = Changes(compilationFile);
            var after = Changes(roundTrip);
            Assert.NotEmpty(after);
            Assert.Equal(before.Select(c => c.Author).Distinct().Order(), after.Select(c => c.Author).Distinct().Order());
            Assert.Contains(after, c => c.Author == "European Union" && c.Date == submitted);
            Assert.Contains(after, c => c.Author == "Mexico" && c.Date == submitted.AddHours(1));

            // The comparison too: the incorporated sponsor's change, dated at the revision.
            var comparisonBack = Changes(await ConvertAsync(comparisonFile, "docx:MS Word 2007 XML", Path.Combine(folder, "back")));
            Assert.Contains(comparisonBack, c => c.Author == "European Union" && c.Date == new DateTime(2018, 2, 5));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
