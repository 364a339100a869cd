using System.Text.RegularExpressions;

namespace Parley.Features.Texts;

/// <summary>
/// The unit of negotiation is the word: a provision's text is its words separated by single spaces (punctuation stays with
/// its word, as delegations write "[delete – EU]" against words). Ranges are [start, end) word indexes.
/// </summary>
public static partial class Words
{
    public static string[] Split(string? text) => string.IsNullOrWhiteSpace(text) ? [] : WordRegex().Matches(text).Select(m => m.Value).ToArray();

    public static string Join(IEnumerable<string> words) => string.Join(' ', words);

    public static string Normalize(string? text) => Join(Split(text));

    public static string Slice(string[] words, int start, int end) => Join(words[start..end]);

    [GeneratedRegex(@"\S+")]
    private static partial Regex WordRegex();
}
