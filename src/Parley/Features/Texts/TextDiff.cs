namespace Parley.Features.Texts;

/// <summary>A word-level difference: the words [OldStart, OldEnd) of the old text became the given new words.</summary>
public sealed record WordEdit(int OldStart, int OldEnd, int NewStart, int NewEnd)
{
    public bool IsInsert => OldStart == OldEnd;
    public bool IsDelete => NewStart == NewEnd;
}

/// <summary>Word-level diff: common prefix and suffix trimmed, then a longest common subsequence on what is left.</summary>
public static class TextDiff
{
    /// <summary>The edits that turn <paramref name="a"/> into <paramref name="b"/>, in order, non-overlapping, adjacent changes merged.</summary>
    public static IReadOnlyList<WordEdit> Edits(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }
        var n = a.Length - prefix - suffix;
        var m = b.Length - prefix - suffix;
        if (n == 0 && m == 0)
        {
            return [];
        }
        if (n == 0 || m == 0 || (long)n * m > 4_000_000)
        {
            return [new WordEdit(prefix, prefix + n, prefix, prefix + m)];
        }
        // LCS table on the middle part.
        var lcs = new int[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                lcs[i, j] = a[prefix + i] == b[prefix + j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var edits = new List<WordEdit>();
        int x = 0, y = 0;
        int? startX = null, startY = null;
        void Flush()
        {
            if (startX is { } sx)
            {
                edits.Add(new WordEdit(prefix + sx, prefix + x, prefix + startY!.Value, prefix + y));
                startX = startY = null;
            }
        }
        while (x < n || y < m)
        {
            if (x < n && y < m && a[prefix + x] == b[prefix + y])
            {
                Flush();
                x++;
                y++;
            }
            else
            {
                startX ??= x;
                startY ??= y;
                if (y < m && (x == n || lcs[x, y + 1] >= lcs[x + 1, y]))
                {
                    y++;
                }
                else
                {
                    x++;
                }
            }
        }
        Flush();
        return edits;
    }

    /// <summary>Where each old word went in the new text (-1 when it was deleted or replaced): used to carry proposals forward.</summary>
    public static int[] Map(string[] a, string[] b)
    {
        var map = new int[a.Length];
        var edits = Edits(a, b);
        int ai = 0, shift = 0;
        foreach (var e in edits)
        {
            for (; ai < e.OldStart; ai++)
            {
                map[ai] = ai + shift;
            }
            for (; ai < e.OldEnd; ai++)
            {
                map[ai] = -1;
            }
            shift += (e.NewEnd - e.NewStart) - (e.OldEnd - e.OldStart);
        }
        for (; ai < a.Length; ai++)
        {
            map[ai] = ai + shift;
        }
        return map;
    }
}
