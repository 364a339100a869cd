using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.RegularExpressions;

namespace Parley.Common;

/// <summary>
/// The messages use cases answer with (a refusal, a problem with what was sent), written in English in the code and translated
/// where they reach a person: Resources/Messages*.resx are keyed by the English text itself, as gettext keys by msgid, so a
/// message needs no name and reads the same in the code and in the source file.
/// <para>
/// A message built with values (<c>$"No process '{id}'."</c>) is keyed by its template, the values numbered as in a format string
/// (<c>No process '{0}'.</c>), with the format of a date kept (<c>{1:d MMMM yyyy}</c>). To translate such a message the English
/// text is matched against the templates (the most specific first); the values are taken from it and put into the translated
/// template: a value that is itself a message is translated too, and a value written as a date with the template's format is read
/// back as a date, so the translation writes it in its own language (a translation may give its own format, e.g. {1:yyyy年M月d日}).
/// A message that matches nothing is shown as written.
/// </para>
/// </summary>
public static partial class Messages
{
    private static readonly ResourceManager Strings = new("Parley.Resources.Messages", typeof(Messages).Assembly);

    private static readonly Lazy<IReadOnlyList<Template>> Templates = new(ReadTemplates);

    public static string Translate(string english, CultureInfo culture) => Translate(english, culture, depth: 0);

    private static string Translate(string english, CultureInfo culture, int depth)
    {
        if (string.IsNullOrEmpty(english))
        {
            return english;
        }
        var pseudo = Languages.IsPseudo(culture);
        if (Strings.GetString(english, CultureInfo.InvariantCulture) is not null)
        {
            return pseudo ? Pseudo.Localize(english) : Strings.GetString(english, culture) ?? english;
        }
        if (depth > 2 || Match(english) is not { } found)
        {
            return english;
        }
        if (pseudo)
        {
            return Pseudo.Localize(english);
        }
        var translation = Strings.GetString(found.Template.Key, culture) ?? found.Template.Key;
        var args = new object[found.Values.Length];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Value(found.Values[i], found.Template.Formats[i], found.Template.Quoted[i], culture, depth);
        }
        try
        {
            return string.Format(culture, translation, args);
        }
        catch (FormatException)
        {
            return english; // a translation with broken placeholders (the translation tests refuse them) never hides the message
        }
    }

    /// <summary>The template an English message was built from and the values it was built with, or null.</summary>
    public static (Template Template, string[] Values)? Match(string english)
    {
        foreach (var template in Templates.Value)
        {
            Match m;
            try
            {
                m = template.Pattern.Match(english);
            }
            catch (RegexMatchTimeoutException)
            {
                continue; // a pathological message is shown as written rather than held up
            }
            if (m.Success)
            {
                return (template, [.. Enumerable.Range(0, template.Formats.Length).Select(i => m.Groups["v" + i.ToString(CultureInfo.InvariantCulture)].Value)]);
            }
        }
        return null;
    }

    private static object Value(string text, string? format, bool quoted, CultureInfo culture, int depth)
    {
        if (format is { Length: > 0 } && format.Any(c => c is 'd' or 'M' or 'y' or 'H' or 'm'))
        {
            // Written by the use case in the request's culture (the reader's, as a rule) or the invariant one: read back in either.
            foreach (var written in new[] { culture, CultureInfo.CurrentCulture, CultureInfo.InvariantCulture })
            {
                if (DateTime.TryParseExact(text, format, written, DateTimeStyles.AllowWhiteSpaces, out var date))
                {
                    return date;
                }
            }
            return text;
        }
        // Only a sentence is a message of its own ("'timeZone': <problem>"); a quoted value or a single word is what someone wrote
        // or a code ('no', yes, accredited) and is echoed as it is.
        return quoted || !text.Contains(' ', StringComparison.Ordinal) ? text : Translate(text, culture, depth + 1);
    }

    /// <summary>A message with values: its key (the English template), the pattern that recognises it and each value's format.</summary>
    /// <remarks><see cref="Quoted"/>: the value is written between quotes ('{0}'), an echo of what someone wrote.</remarks>
    public sealed record Template(string Key, Regex Pattern, string?[] Formats, bool[] Quoted);

    private static List<Template> ReadTemplates()
    {
        var set = Strings.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false);
        var keys = set?.Cast<System.Collections.DictionaryEntry>().Select(e => (string)e.Key).Where(k => Hole().IsMatch(k)) ?? [];
        return [.. keys.Select(Compile).OfType<Template>()
            // The most specific first: more words of its own, then fewer values.
            .OrderByDescending(t => Hole().Replace(t.Key, "").Length).ThenBy(t => t.Formats.Length).ThenBy(t => t.Key, StringComparer.Ordinal)];
    }

    /// <summary>The template for a key such as <c>Proposals on {0} closed on {1:d MMMM yyyy HH:mm} UTC.</c>; null for a key that is not one.</summary>
    public static Template? Compile(string key)
    {
        var pattern = new StringBuilder("^");
        var formats = new SortedDictionary<int, string?>();
        var quotes = new SortedDictionary<int, bool>();
        var at = 0;
        foreach (Match hole in Hole().Matches(key))
        {
            pattern.Append(Regex.Escape(Unbrace(key[at..hole.Index])));
            var index = int.Parse(hole.Groups[1].Value, CultureInfo.InvariantCulture);
            var name = "v" + index.ToString(CultureInfo.InvariantCulture);
            if (formats.ContainsKey(index))
            {
                pattern.Append(@"\k<").Append(name).Append('>');
            }
            else
            {
                formats[index] = hole.Groups[2].Success ? hole.Groups[2].Value : null;
                // A value between quotes ('{0}') does not run over a quote that ends a key ("'key': …"), so the reader's
                // "'{0}': {1}" is told apart from a message that quotes a value.
                var quoted = hole.Index > 0 && key[hole.Index - 1] == '\'';
                quotes[index] = quoted;
                pattern.Append("(?<").Append(name).Append(quoted ? ">(?:(?!': ).)+?)" : ">.+?)");
            }
            at = hole.Index + hole.Length;
        }
        pattern.Append(Regex.Escape(Unbrace(key[at..]))).Append('$');
        if (formats.Count == 0 || formats.Keys.Max() != formats.Count - 1)
        {
            return null; // not a template, or its values are not numbered 0, 1, 2…
        }
        return new Template(key, new Regex(pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)),
            [.. formats.Values], [.. quotes.Values]);
    }

    private static string Unbrace(string literal) => literal.Replace("{{", "{", StringComparison.Ordinal).Replace("}}", "}", StringComparison.Ordinal);

    [GeneratedRegex(@"(?<!\{)\{(\d+)(?::([^}]*))?\}")]
    private static partial Regex Hole();
}
