namespace Parley.Common;

/// <summary>
/// What a name (of a person, an organisation, a group) may not contain: control characters (NUL included), the bidirectional
/// embedding, override and isolate controls that make "‮gpj.exe" read as "exe.jpg", and invisible characters that make two
/// names look identical (zero-width space, word joiner, byte-order mark). Zero-width (non-)joiners are kept between two
/// letters, where Persian, Arabic and Indic names need them.
/// </summary>
public static class PlainText
{
    public const string Message = "Use visible characters only: no control characters, direction overrides or invisible characters.";

    private static bool IsLoneSurrogate(string text, int i) =>
        char.IsHighSurrogate(text[i]) ? i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])
        : char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));

    public static bool IsClean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) || c is '\u061C' or '\u200B' or '\u200E' or '\u200F' or '\u2060' or '\uFEFF' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
                || c is '\uFFF9' or '\uFFFA' or '\uFFFB' || IsLoneSurrogate(text, i))
            {
                return false;
            }
            if (c is '\u200C' or '\u200D' && (i == 0 || i == text.Length - 1 || !char.IsLetter(text[i - 1]) || !char.IsLetter(text[i + 1])))
            {
                return false;
            }
        }
        return true;
    }
}

public static class PlainTextRules
{
    /// <summary>Adds <see cref="PlainText.Message"/> to the field when the value holds a character a name may not.</summary>
    public static FieldErrors PlainText(this FieldErrors errors, string field, string? value) =>
        Common.PlainText.IsClean(value) ? errors : errors.Add(field, Common.PlainText.Message);
}
