using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Xunit;

namespace Parley.Tests.Texts;

/// <summary>The OASIS Akoma Ntoso 3.0 schema from ../shared/standards/akoma-ntoso/ beside the repository.</summary>
public static class AknSchema
{
    public static string? Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "standards", "akoma-ntoso");
                if (File.Exists(Path.Combine(candidate, "akomantoso30.xsd")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
            return null;
        }
    }

    private static readonly Lazy<XmlSchemaSet> Schemas = new(() =>
    {
        var set = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        using var reader = XmlReader.Create(Path.Combine(Folder!, "akomantoso30.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Parse, XmlResolver = new XmlUrlResolver() });
        set.Add(null, reader);
        set.Compile();
        return set;
    });

    /// <summary>Every validation error and warning, with its line.</summary>
    public static IReadOnlyList<string> Validate(XDocument document)
    {
        var problems = new List<string>();
        var text = document.Declaration + Environment.NewLine + document.ToString();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = Schemas.Value, ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings };
        settings.ValidationEventHandler += (_, e) => problems.Add($"{e.Severity} line {e.Exception?.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(text), settings);
        while (reader.Read())
        {
        }
        return problems;
    }
}

/// <summary>Runs when the schema is beside the repository; otherwise skipped, unless PARLEY_REQUIRE_AKN_SCHEMA=1 (CI sets it).</summary>
public sealed class AknFactAttribute : FactAttribute
{
    public AknFactAttribute()
    {
        if (AknSchema.Folder is null && Environment.GetEnvironmentVariable("PARLEY_REQUIRE_AKN_SCHEMA") != "1")
        {
            Skip = "The Akoma Ntoso schema is not at ../shared/standards/akoma-ntoso/; set PARLEY_REQUIRE_AKN_SCHEMA=1 to fail instead.";
        }
    }
}
