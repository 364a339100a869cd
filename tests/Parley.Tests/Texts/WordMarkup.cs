using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Parley.Features.Texts;

namespace Parley.Tests.Texts;

/// <summary>
/// Marks up a version's exported DOCX as Word does when a delegate edits with Track Changes on: a replaced word range becomes a
/// w:del of its words and a w:ins of the new ones; a deleted range takes its leading space with it; an insertion brings its own
/// space; a deleted provision has all its runs and its paragraph mark deleted; a new paragraph is inserted whole; a comment wraps
/// the change it explains. Untracked edits (plain retyping, moving a paragraph) are there too, for the comparison path.
/// </summary>
public sealed class WordMarkup(string author)
{
    private sealed record Edit(int Start, int End, string? NewText, string? Comment);

    private readonly Dictionary<string, List<Edit>> _edits = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deleted = new(StringComparer.Ordinal);
    private readonly List<(string After, string Text, string? Comment)> _added = [];
    private readonly Dictionary<string, string> _retyped = new(StringComparer.Ordinal);
    private readonly List<(string Key, string After)> _moves = [];
    private readonly List<(string Key, string After)> _cutAndPasted = [];
    private readonly List<string> _reformatted = [];
    private readonly List<string> _joined = [];
    private DateTime _at = new(2018, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private int _id = 5000;

    public WordMarkup Replace(string key, int start, int end, string text, string? comment = null) => Add(key, new Edit(start, end, text, comment));

    public WordMarkup Insert(string key, int at, string text, string? comment = null) => Add(key, new Edit(at, at, text, comment));

    public WordMarkup Delete(string key, int start, int end, string? comment = null) => Add(key, new Edit(start, end, null, comment));

    public WordMarkup DeleteProvision(string key)
    {
        _deleted.Add(key);
        return this;
    }

    public WordMarkup AddAfter(string key, string text, string? comment = null)
    {
        _added.Add((key, text, comment));
        return this;
    }

    /// <summary>Retypes the provision's text without tracking (the comparison path).</summary>
    public WordMarkup Retype(string key, string text)
    {
        _retyped[key] = text;
        return this;
    }

    /// <summary>Moves a provision's paragraph (with its bookmark) after another, without tracking.</summary>
    public WordMarkup Move(string key, string after)
    {
        _moves.Add((key, after));
        return this;
    }

    /// <summary>Cuts a provision and pastes its words as a new paragraph after another, with tracking on (a deletion and an insertion).</summary>
    public WordMarkup CutAndPaste(string key, string after)
    {
        _cutAndPasted.Add((key, after));
        return this;
    }

    /// <summary>Makes the provision's words bold with Track Changes on: a formatting change only (w:rPrChange).</summary>
    public WordMarkup Reformat(string key)
    {
        _reformatted.Add(key);
        return this;
    }

    /// <summary>Deletes the provision's last word and its paragraph mark, joining it to the next paragraph (a change across two provisions).</summary>
    public WordMarkup JoinWithNext(string key)
    {
        _joined.Add(key);
        return this;
    }

    private WordMarkup Add(string key, Edit e)
    {
        (_edits.TryGetValue(key, out var list) ? list : _edits[key] = []).Add(e);
        return this;
    }

    public byte[] Apply(byte[] docx)
    {
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var doc = WordprocessingDocument.Open(stream, true))
        {
            var main = doc.MainDocumentPart!;
            var body = main.Document!.Body!;
            var comments = main.WordprocessingCommentsPart?.Comments;
            Paragraph Find(string key) => body.Descendants<Paragraph>().Single(p => p.Descendants<BookmarkStart>().Any(b => b.Name == DocxRoundTrip.BookmarkOf(key)));
            string TextOf(Paragraph p) => p.Descendants<BookmarkStart>().First(b => b.Name!.Value!.StartsWith("pk_", StringComparison.Ordinal)).ElementsAfter()
                .SelectMany(e => e is Text t ? [t] : e.Descendants<Text>()).Aggregate("", (s, t) => s + t.Text);
            foreach (var (key, edits) in _edits)
            {
                var paragraph = Find(key);
                var original = TextOf(paragraph);
                var content = new List<OpenXmlElement>();
                var words = Words.Split(original);
                var starts = new int[words.Length];
                var ends = new int[words.Length];
                for (int i = 0, pos = 0; i < words.Length; i++)
                {
                    starts[i] = original.IndexOf(words[i], pos, StringComparison.Ordinal);
                    ends[i] = pos = starts[i] + words[i].Length;
                }
                var done = 0;
                foreach (var e in edits.OrderBy(e => e.Start))
                {
                    // Where Word's selection runs, in characters, and what is typed there.
                    var (from, to, typed) = e switch
                    {
                        { NewText: null, Start: > 0 } => (ends[e.Start - 1], ends[e.End - 1], ""),
                        { NewText: null } => (0, e.End < words.Length ? starts[e.End] : original.Length, ""),
                        _ when e.Start == e.End && e.Start > 0 => (ends[e.Start - 1], ends[e.Start - 1], " " + e.NewText),
                        _ when e.Start == e.End => (0, 0, e.NewText + " "),
                        _ => (starts[e.Start], ends[e.End - 1], e.NewText!),
                    };
                    content.Add(Plain(original[done..from]));
                    var change = new List<OpenXmlElement>();
                    if (to > from)
                    {
                        change.Add(new DeletedRun(new Run(new DeletedText(original[from..to]) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = _at, Id = Next() });
                    }
                    if (typed.Length > 0)
                    {
                        change.Add(new InsertedRun(new Run(new Text(typed) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = _at, Id = Next() });
                    }
                    content.AddRange(e.Comment is null ? change : Commented(main, ref comments, e.Comment, change));
                    done = to;
                }
                content.Add(Plain(original[done..]));
                ReplaceText(paragraph, content.Where(c => c.InnerText.Length > 0 || c is not Run));
            }
            foreach (var (key, text) in _retyped)
            {
                ReplaceText(Find(key), [Plain(text)]);
            }
            foreach (var key in _deleted)
            {
                var paragraph = Find(key);
                var original = TextOf(paragraph);
                ReplaceText(paragraph, [new DeletedRun(new Run(new DeletedText(original) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = _at, Id = Next() }]);
                MarkParagraph(paragraph, new Deleted { Author = author, Date = _at, Id = Next() });
            }
            foreach (var (after, text, comment) in _added)
            {
                var anchor = Find(after);
                var inserted = new InsertedRun(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = _at, Id = Next() };
                var paragraph = new Paragraph((ParagraphProperties?)anchor.ParagraphProperties?.CloneNode(true) ?? new ParagraphProperties());
                MarkParagraph(paragraph, new Inserted { Author = author, Date = _at, Id = Next() });
                foreach (var e in comment is null ? [inserted] : Commented(main, ref comments, comment, [inserted]))
                {
                    paragraph.Append(e);
                }
                anchor.InsertAfterSelf(paragraph);
            }
            foreach (var key in _reformatted)
            {
                foreach (var run in Find(key).Elements<Run>())
                {
                    var properties = run.RunProperties ?? run.PrependChild(new RunProperties());
                    properties.Append(new Bold());
                    properties.Append(new RunPropertiesChange(new PreviousRunProperties()) { Author = author, Date = _at, Id = Next() });
                }
            }
            foreach (var key in _joined)
            {
                var paragraph = Find(key);
                var original = TextOf(paragraph);
                var cut = original.LastIndexOf(' ');
                ReplaceText(paragraph, [Plain(original[..cut]),
                    new DeletedRun(new Run(new DeletedText(original[cut..]) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = _at, Id = Next() }]);
                MarkParagraph(paragraph, new Deleted { Author = author, Date = _at, Id = Next() });
            }
            foreach (var (key, after) in _moves)
            {
                var moving = Find(key);
                moving.Remove();
                Find(after).InsertAfterSelf(moving);
            }
            foreach (var (key, after) in _cutAndPasted)
            {
                var cut = Find(key);
                var words = TextOf(cut);
                ReplaceText(cut, [new DeletedRun(new Run(new DeletedText(words) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = _at, Id = Next() }]);
                MarkParagraph(cut, new Deleted { Author = author, Date = _at, Id = Next() });
                var pasted = new Paragraph((ParagraphProperties?)cut.ParagraphProperties?.CloneNode(true) ?? new ParagraphProperties(),
                    new InsertedRun(new Run(new Text(words) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = _at, Id = Next() });
                pasted.ParagraphProperties!.ParagraphMarkRunProperties?.Remove();
                MarkParagraph(pasted, new Inserted { Author = author, Date = _at, Id = Next() });
                Find(after).InsertAfterSelf(pasted);
            }
        }
        return stream.ToArray();
    }

    private string Next() => (++_id).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Run Plain(string text) => new(new Text(text) { Space = SpaceProcessingModeValues.Preserve });

    /// <summary>Replaces what follows the provision's bookmark (its text) by these elements, keeping the bookmark.</summary>
    private static void ReplaceText(Paragraph paragraph, IEnumerable<OpenXmlElement> content)
    {
        var start = paragraph.Descendants<BookmarkStart>().First(b => b.Name!.Value!.StartsWith("pk_", StringComparison.Ordinal));
        foreach (var run in start.ElementsAfter().OfType<Run>().ToList())
        {
            run.Remove();
        }
        OpenXmlElement at = start;
        foreach (var e in content)
        {
            at = at.InsertAfterSelf(e);
        }
    }

    private static void MarkParagraph(Paragraph paragraph, OpenXmlElement mark)
    {
        var properties = paragraph.ParagraphProperties ?? paragraph.PrependChild(new ParagraphProperties());
        var markProperties = properties.ParagraphMarkRunProperties ?? properties.AppendChild(new ParagraphMarkRunProperties());
        markProperties.RemoveAllChildren<Inserted>();
        markProperties.RemoveAllChildren<Deleted>();
        markProperties.PrependChild(mark);
    }

    private List<OpenXmlElement> Commented(MainDocumentPart main, ref Comments? comments, string text, List<OpenXmlElement> content)
    {
        if (comments is null)
        {
            var part = main.WordprocessingCommentsPart ?? main.AddNewPart<WordprocessingCommentsPart>();
            part.Comments ??= new Comments();
            comments = part.Comments;
        }
        var id = Next();
        comments.Append(new Comment(new Paragraph(new Run(new Text(text)))) { Id = id, Author = author, Date = _at, Initials = "D" });
        return [new CommentRangeStart { Id = id }, .. content, new CommentRangeEnd { Id = id }, new Run(new CommentReference { Id = id })];
    }
}
