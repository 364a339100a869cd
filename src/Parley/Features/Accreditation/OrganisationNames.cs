using System.Globalization;
using System.Text;

namespace Parley.Features.Accreditation;

/// <summary>Organisation names compared the way a reviewer would: case, accents, punctuation and "The" do not count.</summary>
public static class OrganisationNames
{
    public static string Normalize(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = true;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else if (c == '&')
            {
                sb.Append(space ? "and " : " and ");
                space = true;
            }
            else if (!space)
            {
                sb.Append(' ');
                space = true;
            }
        }
        var text = sb.ToString().Trim();
        return text.StartsWith("the ", StringComparison.Ordinal) ? text[4..] : text;
    }

    /// <summary>Similarity of two normalized names in [0, 1]: 1 - edit distance / longer length.</summary>
    public static double Similarity(string a, string b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1;
        }
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return 1.0 - (double)previous[b.Length] / Math.Max(a.Length, b.Length);
    }

    /// <summary>Names at least this similar are flagged as possible duplicates.</summary>
    public const double DuplicateThreshold = 0.88;
}
