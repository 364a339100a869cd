using System.Globalization;

namespace Parley.Common;

/// <summary>A text and the language it is in (so a page can mark a title left in its original language).</summary>
public sealed record Localized(string Text, string Language);

/// <summary>
/// A name or title with versions in several languages (from the modalities file or entered by the Secretariat): read in the
/// reader's language when there is a version in it, else in the original.
/// </summary>
public sealed record Name(string Original, IReadOnlyDictionary<string, string>? Versions = null, string Language = Languages.Source)
{
    public Localized In(CultureInfo culture)
    {
        var language = Languages.For(culture);
        return !language.Pseudo && Versions is not null && Versions.TryGetValue(language.Culture, out var version) && version.Length > 0
            ? new(version, language.Culture)
            : new(Original, Language);
    }

    public override string ToString() => In(CultureInfo.CurrentUICulture).Text;
}
