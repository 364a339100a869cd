using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Parley.Features.Texts;

/// <summary>
/// Reading back a version's DOCX that a delegation (or the co-facilitators) edited in Word (issue 18): which version it came from
/// (custom properties), and each paragraph as a sequence of pieces — untracked text, tracked insertions (and moves to), tracked
/// deletions (and moves from) — with the comments that cover them, the bookmarks it carries (a provision's key, a proposal's
/// identity) and whether Word marked its paragraph mark inserted or deleted, or changed only formatting. Understanding what the
/// pieces mean is <see cref="WordChanges"/>'s job; this is the file's side only.
/// </summary>
public static class DocxRoundTrip
{
    public const string VersionProperty = "ParleyVersion";
    public const string TextProperty = "ParleyText";
    public const string ProcessProperty = "ParleyProcess";
    public const string LabelProperty = "ParleyLabel";
    public const string KindProperty = "ParleyKind";
    private const string Prefix = "pk_";
    public const string ProposalPrefix = "prop_";

    /// <summary>The bookmark that carries a provision's stable key (letters and digits, under Word's 40-character limit).</summary>
    public static string BookmarkOf(string key) => Prefix + key;

    public enum PieceKind { Common, Inserted, Deleted }

    /// <summary>Some text of a paragraph: untracked, or tracked by an author; the comments open over it; the proposal bookmarks around it.</summary>
    public sealed record Piece(PieceKind Kind, string Text, string? Author, IReadOnlyList<string> Comments, IReadOnlyList<int> Proposals, bool Moved = false);

    /// <summary>
    /// A paragraph of the returned file. <see cref="LabelPieces"/> counts the pieces before the provision's text (a typed label and
    /// its tab) that are not the provision's own words.
    /// </summary>
    public sealed record ReturnedParagraph(string? Key, IReadOnlyList<Piece> Pieces, int LabelPieces, bool MarkInserted, bool MarkDeleted, bool FormattingChanged,
        IReadOnlyList<int> EmptyProposals)
    {
        public IEnumerable<Piece> Content => Pieces.Skip(LabelPieces);

        public string Original => Normal(string.Concat(Content.Where(p => p.Kind != PieceKind.Inserted).Select(p => p.Text)));

        public string Edited => Normal(string.Concat(Content.Where(p => p.Kind != PieceKind.Deleted).Select(p => p.Text)));

        public bool Tracked => Content.Any(p => p.Kind != PieceKind.Common) || MarkInserted || MarkDeleted;
    }

    public sealed record ReturnedProvision(string Key, string Original, string Edited, IReadOnlyList<string> Authors)
    {
        public bool Changed => Original != Edited;
    }

    public sealed record Returned(int? VersionId, string? Text, string? Process, string? Kind, IReadOnlyList<ReturnedParagraph> Paragraphs,
        IReadOnlyDictionary<string, string> Comments)
    {
        /// <summary>Each provision found by its bookmark, its text before and after, and who made the tracked changes.</summary>
        public IReadOnlyList<ReturnedProvision> Provisions => Paragraphs.Where(p => p.Key is not null)
            .Select(p => new ReturnedProvision(p.Key!, p.Original, p.Edited, p.Content.Where(x => x.Author is not null).Select(x => x.Author!).Distinct().ToList())).ToList();
    }

    /// <summary>Reads the file; null when it is not a Word document.</summary>
    public static Returned? Read(byte[] bytes)
    {
        try
        {
            using var doc = WordprocessingDocument.Open(new MemoryStream(bytes), false);
            var properties = doc.CustomFilePropertiesPart?.Properties?.Elements<DocumentFormat.OpenXml.CustomProperties.CustomDocumentProperty>()
                .GroupBy(p => p.Name?.Value ?? "").ToDictionary(g => g.Key, g => g.First().InnerText, StringComparer.Ordinal) ?? [];
            int? versionId = int.TryParse(properties.GetValueOrDefault(VersionProperty), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
            var comments = doc.MainDocumentPart?.WordprocessingCommentsPart?.Comments?.Elements<Comment>()
                .Where(c => c.Id?.Value is not null)
                .GroupBy(c => c.Id!.Value!)
                .ToDictionary(g => g.Key, g => Normal(string.Join(' ', g.First().Descendants<Paragraph>().Select(p => p.InnerText))), StringComparer.Ordinal) ?? [];
            var walker = new Walker();
            var paragraphs = (doc.MainDocumentPart?.Document?.Body?.Descendants<Paragraph>() ?? [])
                .Where(p => !p.Ancestors<Paragraph>().Any()) // a text box's paragraphs are read with the paragraph that holds them
                .Select(walker.Read).ToList();
            return new Returned(versionId, properties.GetValueOrDefault(TextProperty), properties.GetValueOrDefault(ProcessProperty),
                properties.GetValueOrDefault(KindProperty), paragraphs, comments);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or ArgumentException or IOException
            or System.Xml.XmlException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Walks paragraphs in document order, keeping the comments and proposal bookmarks open across them.</summary>
    private sealed class Walker
    {
        private readonly List<string> _comments = [];
        private readonly Dictionary<string, int> _proposalBookmarks = new(StringComparer.Ordinal); // bookmark id → proposal id
        private readonly List<int> _openProposals = [];

        public ReturnedParagraph Read(Paragraph paragraph)
        {
            var pieces = new List<Piece>();
            string? key = null;
            var labelPieces = 0;
            var empty = new List<int>();
            var lastAdded = new Dictionary<int, int>(); // proposal id → pieces count when its bookmark started
            foreach (var e in paragraph.Descendants())
            {
                switch (e)
                {
                    case BookmarkStart b when b.Name?.Value is { } name && name.StartsWith(Prefix, StringComparison.Ordinal) && key is null:
                        key = name[Prefix.Length..];
                        // The provision's words start here. Untracked text before it is the typed label ("I.", "12 bis" and its tab);
                        // tracked text after that label is the delegation's, typed at the start of the provision: kept.
                        labelPieces = pieces.FindLastIndex(p => p.Kind == PieceKind.Common) + 1;
                        break;
                    case BookmarkStart b when b.Name?.Value is { } name && name.StartsWith(ProposalPrefix, StringComparison.Ordinal)
                        && int.TryParse(name.AsSpan(ProposalPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var proposal) && b.Id?.Value is { } id:
                        _proposalBookmarks[id] = proposal;
                        _openProposals.Add(proposal);
                        lastAdded[proposal] = pieces.Count;
                        break;
                    case BookmarkEnd end when end.Id?.Value is { } id && _proposalBookmarks.Remove(id, out var closed):
                        _openProposals.Remove(closed);
                        if (lastAdded.TryGetValue(closed, out var from) && pieces.Skip(from).All(p => p.Text.Trim().Length == 0))
                        {
                            empty.Add(closed);
                        }
                        break;
                    case CommentRangeStart c when c.Id?.Value is { } id:
                        _comments.Add(id);
                        break;
                    case CommentRangeEnd c when c.Id?.Value is { } id:
                        _comments.Remove(id);
                        break;
                    case DeletedText d:
                        Add(PieceKind.Deleted, d.Text, Tracker(d));
                        break;
                    case Text t:
                        var (kind, by, moved) = Tracked(t);
                        Add(kind, t.Text, by, moved);
                        break;
                    case TabChar or Break or CarriageReturn:
                        var (k, a, m) = Tracked(e);
                        Add(k, e is TabChar && key is null ? "\t" : " ", a, m);
                        break;
                }
            }
            var mark = paragraph.ParagraphProperties?.ParagraphMarkRunProperties;
            var formatting = paragraph.Descendants<RunPropertiesChange>().Any() || paragraph.Descendants<ParagraphPropertiesChange>().Any();
            return new ReturnedParagraph(key, pieces, key is null ? 0 : labelPieces, mark?.GetFirstChild<Inserted>() is not null || mark?.GetFirstChild<MoveTo>() is not null,
                mark?.GetFirstChild<Deleted>() is not null || mark?.GetFirstChild<MoveFrom>() is not null, formatting, empty);

            void Add(PieceKind kind, string text, string? author, bool moved = false)
            {
                if (text.Length == 0)
                {
                    return;
                }
                var last = pieces.Count > 0 ? pieces[^1] : null;
                if (last is not null && !(key is not null && pieces.Count == labelPieces) && last.Kind == kind && last.Author == author && last.Moved == moved && last.Text != "\t" && text != "\t"
                    && last.Comments.SequenceEqual(_comments) && last.Proposals.SequenceEqual(_openProposals))
                {
                    pieces[^1] = last with { Text = last.Text + text };
                }
                else
                {
                    pieces.Add(new Piece(kind, text, author, _comments.ToList(), _openProposals.ToList(), moved));
                }
            }
        }

        private static string? Tracker(OpenXmlElement e) => e.Ancestors<DeletedRun>().FirstOrDefault()?.Author?.Value
            ?? e.Ancestors<MoveFromRun>().FirstOrDefault()?.Author?.Value;

        private static (PieceKind Kind, string? Author, bool Moved) Tracked(OpenXmlElement e)
        {
            foreach (var a in e.Ancestors())
            {
                switch (a)
                {
                    case InsertedRun i:
                        return (PieceKind.Inserted, i.Author?.Value, false);
                    case MoveToRun m:
                        return (PieceKind.Inserted, m.Author?.Value, true);
                    case DeletedRun d:
                        return (PieceKind.Deleted, d.Author?.Value, false);
                    case MoveFromRun m:
                        return (PieceKind.Deleted, m.Author?.Value, true);
                    case Paragraph:
                        return (PieceKind.Common, null, false);
                }
            }
            return (PieceKind.Common, null, false);
        }
    }

    internal static string Normal(string s) => string.Join(' ', s.Split([' ', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries));
}
