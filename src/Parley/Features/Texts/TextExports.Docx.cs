using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Parley.Features.Texts;

/// <summary>
/// Word exports. Every proposal is a real tracked change (w:ins / w:del) authored by its first sponsor and dated when it was
/// submitted, inside a bookmark named prop_&lt;id&gt; and a comment naming all its sponsors; attributions, Alt labels, statuses
/// and notes are comments or typed labels, never tracked text (decision 015). Paragraph numbers are Word numbering.
/// </summary>
public static partial class TextExports
{
    private sealed record TitleBlock(string Title, string Subtitle, string? Symbol, DateOnly Date, string Round, DateTime? StatusAsOf, string Legend);

    private sealed partial class DocxBuilder
    {
        private const int Indent = 567; // 1 cm in twentieths of a point
        private int _change, _bookmark, _numbering;
        private readonly List<Comment> _comments = [];
        private readonly List<NumberingInstance> _instances = [];
        private int? _nextParagraph;
        private char? _nextSub;
        private readonly string? _symbol;

        public DocxBuilder(string? symbol) => _symbol = symbol;

        /// <summary>Custom document properties written with the file (the version's identity, for the round trip).</summary>
        public IReadOnlyDictionary<string, string>? Identity { get; init; }

        /// <summary>The content inside a named bookmark.</summary>
        public IEnumerable<OpenXmlElement> Bookmarked(string name, IEnumerable<OpenXmlElement> content)
        {
            var id = (++_bookmark).ToString(CultureInfo.InvariantCulture);
            return [new BookmarkStart { Name = name, Id = id }, .. content, new BookmarkEnd { Id = id }];
        }

        public Body Body { get; } = new();

        /// <summary>The title block a UN document carries: title, what this is, symbol, date, round, and the moment of its statuses.</summary>
        public void Heading(TitleBlock t)
        {
            Body.Append(Para("Title", Plain(t.Title)));
            Body.Append(Para("Subtitle", Plain(t.Subtitle)));
            foreach (var (name, value) in new (string, string?)[]
            {
                ("Symbol", t.Symbol), ("Date", t.Date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)), ("Round", t.Round),
                ("Status as of", t.StatusAsOf?.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)),
            })
            {
                if (value is not null)
                {
                    Body.Append(Para("TitleBlock", Plain(name + ": ", bold: true), Plain(value)));
                }
            }
            Body.Append(Para("TitleBlock", Plain(t.Legend)));
        }

        public static Paragraph Para(string? style, params OpenXmlElement[] runs)
        {
            var p = new Paragraph();
            if (style is not null)
            {
                p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
            }
            p.Append(runs);
            return p;
        }

        public static Run Plain(string text, bool bold = false)
        {
            var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
            if (bold)
            {
                run.PrependChild(new RunProperties(new Bold()));
            }
            return run;
        }

        private static Run Tab() => new(new TabChar());

        private string NextChange() => (++_change).ToString(CultureInfo.InvariantCulture);

        public InsertedRun Inserted(string text, string author, DateTime at) =>
            new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = at, Id = NextChange() };

        public DeletedRun Deleted(string text, string author, DateTime at) =>
            new(new Run(new DeletedText(text) { Space = SpaceProcessingModeValues.Preserve })) { Author = author, Date = at, Id = NextChange() };

        /// <summary>
        /// Content inside bookmarks named prop_&lt;id&gt; (one per proposal it shows, so each can be found by its identity) and,
        /// when there is a note, inside a comment by <paramref name="author"/>.
        /// </summary>
        public List<OpenXmlElement> Proposal(IEnumerable<int> ids, string author, DateTime at, string? note, params OpenXmlElement[] content)
        {
            var marks = ids.Select(id => ((++_bookmark).ToString(CultureInfo.InvariantCulture), $"prop_{id}")).ToList();
            var result = new List<OpenXmlElement>();
            result.AddRange(marks.Select(m => new BookmarkStart { Id = m.Item1, Name = m.Item2 }));
            result.AddRange(note is null ? content : Commented(author, at, note, content));
            result.AddRange(marks.Select(m => new BookmarkEnd { Id = m.Item1 }));
            return result;
        }

        /// <summary>A comment around content: the way Word users see who proposes what and what the co-facilitators noted.</summary>
        public List<OpenXmlElement> Commented(string author, DateTime at, string text, IEnumerable<OpenXmlElement> content)
        {
            var id = _comments.Count.ToString(CultureInfo.InvariantCulture);
            _comments.Add(new Comment(new Paragraph(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve })))
            {
                Id = id, Author = author, Date = at, Initials = Initials(author),
            });
            return [new CommentRangeStart { Id = id }, .. content, new CommentRangeEnd { Id = id }, new Run(new CommentReference { Id = id })];
        }

        private static string Initials(string name) =>
            string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsUpper(w[0])).Select(w => w[0])) is { Length: > 0 } i ? i[..Math.Min(i.Length, 8)] : "P";

        [GeneratedRegex(@"^\(([a-z])\)$")]
        private static partial Regex Letter();

        /// <summary>
        /// A provision of the text. Paragraph numbers that follow each other are one Word numbered list ("%1."), restarted where
        /// the text's numbering jumps; sub-paragraphs "(a)", "(b)"… are its second level. Any other number ("12 bis") is typed
        /// with the same hanging indent, because Word numbering cannot say it.
        /// </summary>
        public void Provision(ProvisionKind kind, string number, IEnumerable<OpenXmlElement> content)
        {
            switch (kind)
            {
                case ProvisionKind.Section or ProvisionKind.Heading:
                    Body.Append(Para(kind == ProvisionKind.Section ? "Heading1" : "Heading2", [.. number.Length > 0 ? [Plain(number + " ")] : Array.Empty<OpenXmlElement>(), .. content]));
                    return;
                case ProvisionKind.Paragraph when int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
                    if (_nextParagraph != n)
                    {
                        StartList(n);
                    }
                    _nextParagraph = n + 1;
                    _nextSub = 'a';
                    Body.Append(Numbered(0, content));
                    return;
                case ProvisionKind.Subparagraph when _nextSub is { } expected && Letter().Match(number) is { Success: true } m && m.Groups[1].Value[0] == expected:
                    _nextSub = (char)(expected + 1);
                    Body.Append(Numbered(1, content));
                    return;
                case ProvisionKind.Paragraph:
                    _nextSub = null; // its sub-paragraphs cannot continue a Word list either
                    Labeled(kind, number.Length > 0 ? [Plain(number + ".")] : [], content);
                    return;
                default:
                    Labeled(kind, [Plain(number)], content);
                    return;
            }
        }

        /// <summary>A paragraph with a typed label ("12 bis.", "12 Alt 1", or a number Word cannot count), indented like the list.</summary>
        public void Labeled(ProvisionKind kind, IReadOnlyList<OpenXmlElement> label, IEnumerable<OpenXmlElement> content, (string Author, DateTime At)? insertedBy = null)
        {
            var level = kind == ProvisionKind.Subparagraph ? 2 : 1;
            var properties = new ParagraphProperties(new ParagraphStyleId { Val = "Provision" },
                new Indentation { Left = (Indent * level).ToString(CultureInfo.InvariantCulture), Hanging = Indent.ToString(CultureInfo.InvariantCulture) });
            if (insertedBy is { } by)
            {
                // The whole paragraph is new: its mark is a tracked insertion too, so rejecting it leaves no empty line.
                properties.Append(new ParagraphMarkRunProperties(new Inserted { Author = by.Author, Date = by.At, Id = NextChange() }));
            }
            var p = new Paragraph(properties);
            if (label.Count > 0)
            {
                p.Append(label);
                p.Append(Tab());
            }
            p.Append(content);
            Body.Append(p);
        }

        private void StartList(int start)
        {
            var id = ++_numbering;
            _instances.Add(new NumberingInstance(new AbstractNumId { Val = 1 },
                new LevelOverride(new StartOverrideNumberingValue { Val = start }) { LevelIndex = 0 }) { NumberID = id });
        }

        private Paragraph Numbered(int level, IEnumerable<OpenXmlElement> content)
        {
            var p = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Provision" },
                new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = _numbering })));
            p.Append(content);
            return p;
        }

        public byte[] Save()
        {
            using var stream = new MemoryStream();
            using (var doc = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
            {
                var main = doc.AddMainDocumentPart();
                var styles = main.AddNewPart<StyleDefinitionsPart>();
                styles.Styles = new Styles(
                    Style("Normal", "Normal", null, 22, false),
                    Style("Title", "Title", "Normal", 32, true),
                    Style("Subtitle", "Subtitle", "Normal", 26, false),
                    Style("TitleBlock", "Title Block", "Normal", 20, false),
                    Style("Heading1", "heading 1", "Normal", 26, true),
                    Style("Heading2", "heading 2", "Normal", 24, true),
                    Style("Provision", "Provision", "Normal", 22, false),
                    Style("Footer", "footer", "Normal", 18, false));
                var numbering = main.AddNewPart<NumberingDefinitionsPart>();
                numbering.Numbering = new Numbering(new AbstractNum(
                    Level(0, NumberFormatValues.Decimal, "%1.", Indent),
                    Level(1, NumberFormatValues.LowerLetter, "(%2)", Indent * 2)) { AbstractNumberId = 1 });
                // At least one instance, so that the part is never empty of lists (a text with no numbered paragraph).
                if (_instances.Count == 0)
                {
                    StartList(1);
                }
                numbering.Numbering.Append(_instances);
                if (_comments.Count > 0)
                {
                    var comments = main.AddNewPart<WordprocessingCommentsPart>();
                    comments.Comments = new Comments(_comments);
                }
                var footer = main.AddNewPart<FooterPart>();
                footer.Footer = new Footer(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Footer" }, new Justification { Val = JustificationValues.Center }),
                    Plain(_symbol is null ? "Page " : $"{_symbol} — page "), Field("PAGE"), Plain(" of "), Field("NUMPAGES")));
                Body.Append(new SectionProperties(
                    new FooterReference { Type = HeaderFooterValues.Default, Id = main.GetIdOfPart(footer) },
                    new PageSize { Width = 11906U, Height = 16838U },
                    new PageMargin { Top = 1417, Right = 1417U, Bottom = 1417, Left = 1417U, Header = 708U, Footer = 708U, Gutter = 0U }));
                main.Document = new Document(Body);
                main.Document.Save();
                if (Identity is { Count: > 0 })
                {
                    var custom = doc.AddCustomFilePropertiesPart();
                    custom.Properties = new DocumentFormat.OpenXml.CustomProperties.Properties();
                    var pid = 2; // property ids start at 2 by the specification
                    foreach (var (name, value) in Identity)
                    {
                        custom.Properties.Append(new DocumentFormat.OpenXml.CustomProperties.CustomDocumentProperty(new DocumentFormat.OpenXml.VariantTypes.VTLPWSTR(value))
                        {
                            FormatId = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}", PropertyId = pid++, Name = name,
                        });
                    }
                    custom.Properties.Save();
                }
            }
            return stream.ToArray();
        }

        private static SimpleField Field(string name) => new(new Run(new Text("1"))) { Instruction = $" {name} " };

        private static Level Level(int index, NumberFormatValues format, string text, int left) =>
            new(new StartNumberingValue { Val = 1 }, new NumberingFormat { Val = format }, new LevelText { Val = text },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = left.ToString(CultureInfo.InvariantCulture), Hanging = Indent.ToString(CultureInfo.InvariantCulture) }))
            { LevelIndex = index };

        private static Style Style(string id, string name, string? basedOn, int halfPoints, bool bold)
        {
            var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
            style.Append(new StyleName { Val = name });
            if (basedOn is not null)
            {
                style.Append(new BasedOn { Val = basedOn });
            }
            // Schema order inside rPr: w:b comes before w:sz (the Open XML validator refuses the reverse).
            var run = new StyleRunProperties();
            if (bold)
            {
                run.Append(new Bold());
            }
            run.Append(new FontSize { Val = halfPoints.ToString(CultureInfo.InvariantCulture) });
            style.Append(run);
            return style;
        }
    }

    /// <summary>The office that issues versions and compiles proposals: the author of what no delegation proposed.</summary>
    public const string CoFacilitators = "Co-facilitators";

    private const string CompilationLegend = "Tracked changes are the delegations' proposals, each by its first sponsor and dated when submitted; " +
        "comments name every sponsor and carry the notes (retain, move, delete the paragraph, agreed ad ref). Alternatives follow their paragraph " +
        "as \"Alt\" paragraphs; new paragraphs are numbered \"bis\", \"ter\". Nothing here is agreed unless marked so.";

    /// <summary>
    /// The clean version, made for the round trip (issue 18): each provision's text sits inside a bookmark named after its stable key
    /// (<see cref="DocxRoundTrip.BookmarkOf"/>), and the document's custom properties carry the version's identity, so that a file a
    /// delegation returns with tracked changes can be matched to provisions even after Word renumbered or moved them.
    /// </summary>
    public static byte[] CleanDocx(TextQueries.VersionView v)
    {
        var b = new DocxBuilder(v.Symbol) { Identity = IdentityOf(v, "clean") };
        b.Heading(new TitleBlock(v.TextTitle, v.Label, v.Symbol, v.Date, v.Label, null, $"Issued by {v.Author}."));
        foreach (var p in v.Provisions)
        {
            b.Provision(p.Kind, p.Number, b.Bookmarked(DocxRoundTrip.BookmarkOf(p.Key), [DocxBuilder.Plain(p.Text)]));
        }
        return b.Save();
    }

    /// <summary>The version's identity in a DOCX's custom properties, read back by <see cref="DocxRoundTrip"/>.</summary>
    private static Dictionary<string, string> IdentityOf(TextQueries.VersionView v, string kind) => new()
    {
        [DocxRoundTrip.VersionProperty] = v.Id.ToString(CultureInfo.InvariantCulture),
        [DocxRoundTrip.TextProperty] = v.TextCode ?? v.TextId.ToString(CultureInfo.InvariantCulture),
        [DocxRoundTrip.ProcessProperty] = v.Process,
        [DocxRoundTrip.LabelProperty] = v.Label,
        [DocxRoundTrip.KindProperty] = kind,
    };

    private static DateTime At(ProposalView p, DateTime fallback) => p.SubmittedAt ?? fallback;

    private static string Sponsor(IReadOnlyList<string> sponsors) => sponsors.Count > 0 ? sponsors[0] : "Unknown delegation";

    /// <summary>"European Union, with Mexico, Chile: delete" — who proposes (the first the author, the others co-sponsors) and what.</summary>
    private static string Note(IReadOnlyList<string> sponsors, string? what) =>
        (sponsors.Count > 1 ? $"{sponsors[0]}, with {string.Join(", ", sponsors.Skip(1))}" : Sponsor(sponsors)) + (what is null ? "" : ": " + what);

    /// <summary>The label of a provision without its final full stop ("12", "(a)"), for "12 Alt 1".</summary>
    private static string Bare(ProvisionData p) => p.Label.TrimEnd('.');

    /// <summary>The compilation: proposals as tracked changes by their sponsors; alternatives, deletions of a paragraph that has word-level
    /// proposals, and new paragraphs as their own "Alt" and "bis" paragraphs after it.</summary>
    public static byte[] CompilationDocx(TextQueries.CompilationView c, DateTime at)
    {
        var v = c.Version;
        var b = new DocxBuilder(v.Symbol) { Identity = IdentityOf(v, "compilation") };
        b.Heading(new TitleBlock(v.TextTitle, $"Compilation of proposals on {v.Label}", v.Symbol, v.Date, v.Label, at, CompilationLegend));
        var labels = v.Provisions.ToDictionary(x => x.Key, x => x.Label, StringComparer.Ordinal);
        foreach (var cp in c.Provisions)
        {
            var p = cp.Provision;
            var content = new List<OpenXmlElement>();
            var alternatives = new List<List<OpenXmlElement>>();
            if (cp.DeleteProvision.Count > 0 && !cp.HasWordLevel)
            {
                var first = cp.DeleteProvision[0];
                content.AddRange(b.Proposal(cp.DeleteProvision.Select(d => d.Id), Sponsor(first.Sponsors), At(first, at),
                    string.Join("; ", cp.DeleteProvision.Select(d => Note(d.Sponsors, "delete the paragraph"))), b.Deleted(p.Text, Sponsor(first.Sponsors), At(first, at))));
            }
            else
            {
                foreach (var s in cp.Segments)
                {
                    content.AddRange(Segment(b, cp, s, at, alternatives));
                }
                if (cp.DeleteProvision.Count > 0)
                {
                    // The words keep their proposals; deleting the whole paragraph is an alternative to all of them.
                    var first = cp.DeleteProvision[0];
                    alternatives.Add(b.Proposal(cp.DeleteProvision.Select(d => d.Id), Sponsor(first.Sponsors), At(first, at),
                        string.Join("; ", cp.DeleteProvision.Select(d => Note(d.Sponsors, "delete the paragraph"))), b.Deleted(p.Text, Sponsor(first.Sponsors), At(first, at))));
                }
            }
            foreach (var r in cp.Retain)
            {
                content = b.Proposal([r.Id], Sponsor(r.Sponsors), At(r, at), Note(r.Sponsors, "retain"), [.. content]);
            }
            foreach (var m in cp.Move)
            {
                var where = m.AfterKey is { } to && labels.TryGetValue(to, out var target) ? $"move after {target.TrimEnd('.')}" : "move";
                content = b.Proposal([m.Id], Sponsor(m.Sponsors), At(m, at), Note(m.Sponsors, where), [.. content]);
            }
            if (v.Statuses.TryGetValue(p.Key, out var status) && status.Status != "bracketed")
            {
                var waits = status.WaitsOn is { } w && labels.TryGetValue(w, out var waitsOn) ? " " + waitsOn.TrimEnd('.') : "";
                content = b.Commented(status.SetBy, status.SetAt, status.Status.Replace('-', ' ').Replace("ad ref pending", "ad ref, pending", StringComparison.Ordinal) + waits, content);
            }
            // The provision's key around its words, as in the clean version: the co-facilitators' edited copy is read back by it.
            b.Provision(p.Kind, p.Number, b.Bookmarked(DocxRoundTrip.BookmarkOf(p.Key), content));
            var alt = 0;
            foreach (var a in alternatives)
            {
                b.Labeled(p.Kind, [DocxBuilder.Plain($"{Bare(p)} Alt {++alt}")], a);
            }
            foreach (var a in cp.WholeAlternatives)
            {
                b.Labeled(p.Kind, [DocxBuilder.Plain($"{Bare(p)} Alt {++alt}")],
                    b.Proposal([a.Id], Sponsor(a.Sponsors), At(a, at), Note(a.Sponsors, null), b.Inserted(a.NewText ?? "", Sponsor(a.Sponsors), At(a, at))));
            }
            for (var i = 0; i < cp.AddedAfter.Count; i++)
            {
                var a = cp.AddedAfter[i];
                var kind = a.NewKind ?? ProvisionKind.Paragraph;
                var number = cp.NewNumber(i) + (kind == ProvisionKind.Paragraph ? "." : "");
                var by = (Sponsor(a.Sponsors), At(a, at));
                b.Labeled(kind, [b.Inserted(number, by.Item1, by.Item2)],
                    b.Proposal([a.Id], by.Item1, by.Item2, Note(a.Sponsors, "new"), b.Inserted(a.NewText ?? "", by.Item1, by.Item2)), by);
            }
        }
        return b.Save();
    }

    /// <summary>One run of a provision; an overlap of proposals leaves the words in the paragraph and adds one Alt paragraph per proposal.</summary>
    private static List<OpenXmlElement> Segment(DocxBuilder b, CompiledProvision cp, Segment s, DateTime at, List<List<OpenXmlElement>> alternatives)
    {
        var space = ReferenceEquals(s, cp.Segments[0]) ? "" : " ";
        if (s.Kind == SegmentKind.Text)
        {
            return [DocxBuilder.Plain(space + s.OldWords)];
        }
        if (s.Kind != SegmentKind.Alternatives)
        {
            return Change(b, s, s.Alternatives[0], space, at);
        }
        var first = alternatives.Count + 1;
        foreach (var a in s.Alternatives)
        {
            // The whole paragraph again, with only this proposal's change tracked; the other proposals' words as they stand.
            var content = new List<OpenXmlElement>();
            foreach (var other in cp.Segments)
            {
                var gap = ReferenceEquals(other, cp.Segments[0]) ? "" : " ";
                if (ReferenceEquals(other, s))
                {
                    content.AddRange(Change(b, s, a, gap, at));
                }
                else if (other.OldWords.Length > 0)
                {
                    content.Add(DocxBuilder.Plain(gap + other.OldWords));
                }
            }
            alternatives.Add(content);
        }
        var last = alternatives.Count;
        var see = $"Alternatives: see {Bare(cp.Provision)} Alt {first}{(last > first ? "–" + last : "")} ({string.Join("; ", s.Alternatives.Select(a => string.Join(", ", a.Sponsors)))})";
        return s.OldWords.Length == 0 ? [] : b.Commented("Compilation", at, see, [DocxBuilder.Plain(space + s.OldWords)]);
    }

    /// <summary>One proposal's change over exactly the words it proposes (within an overlap, the others' words stay plain).</summary>
    private static List<OpenXmlElement> Change(DocxBuilder b, Segment s, Alternative a, string space, DateTime at)
    {
        var author = Sponsor(a.Sponsors);
        var when = At(a.Proposal, at);
        var (before, own, after) = s.Split(a);
        var result = new List<OpenXmlElement>();
        var runs = new List<OpenXmlElement>();
        if (before.Length > 0)
        {
            result.Add(DocxBuilder.Plain(space + before));
            space = " ";
        }
        if (own.Length > 0)
        {
            runs.Add(b.Deleted(space + own, author, when));
        }
        if (a.NewWords is { Length: > 0 } words)
        {
            runs.Add(b.Inserted((runs.Count > 0 ? " " : space) + words, author, when));
        }
        result.AddRange(b.Proposal(a.ProposalIds, author, when, Note(a.Sponsors, a.NewWords is null ? "delete" : null), [.. runs]));
        if (after.Length > 0)
        {
            result.Add(DocxBuilder.Plain(" " + after));
        }
        return result;
    }

    /// <summary>
    /// A comparison as tracked changes, dated at the later version: each change authored by the delegations whose proposals were
    /// incorporated into that provision where that is known (<paramref name="authors"/>, by provision key), otherwise by the later
    /// version's author. A renumbered provision shows its old number deleted and its new one inserted.
    /// </summary>
    public static byte[] ComparisonDocx(TextQueries.Comparison cmp, TextQueries.VersionView later, IReadOnlyDictionary<string, string>? authors = null)
    {
        var b = new DocxBuilder(later.Symbol);
        var at = later.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        const string editor = CoFacilitators; // the office that issues versions, not the person who pressed the button
        b.Heading(new TitleBlock(later.TextTitle, $"{cmp.ToLabel} compared with {cmp.FromLabel}", later.Symbol, later.Date, later.Label, null,
            $"Changes are tracked as of {later.Label}: by the delegations whose proposals were incorporated where known, otherwise by {editor}. " +
            "A renumbered paragraph shows its old number deleted before its new one."));
        static string Label(ProvisionKind kind, string? number) => number is null or "" ? "" : kind == ProvisionKind.Paragraph ? number + "." : number;
        foreach (var c in cmp.Changes)
        {
            var author = authors is not null && authors.TryGetValue(c.Key, out var who) ? who : editor;
            var oldLabel = Label(c.ProvisionKind, c.OldNumber);
            var newLabel = Label(c.ProvisionKind, c.NewNumber);
            var label = new List<OpenXmlElement>();
            switch (c.Kind)
            {
                case TextQueries.ChangeKind.Added when newLabel.Length > 0:
                    label.Add(b.Inserted(newLabel, author, at));
                    break;
                case TextQueries.ChangeKind.Deleted when oldLabel.Length > 0:
                    label.Add(b.Deleted(oldLabel, author, at));
                    break;
                case TextQueries.ChangeKind.Added or TextQueries.ChangeKind.Deleted:
                    break;
                default:
                    if (c.Renumbered)
                    {
                        if (oldLabel.Length > 0)
                        {
                            label.Add(b.Deleted(oldLabel, editor, at));
                        }
                        if (newLabel.Length > 0)
                        {
                            label.Add(b.Inserted(oldLabel.Length > 0 ? " " + newLabel : newLabel, editor, at));
                        }
                    }
                    else if (newLabel.Length > 0)
                    {
                        label.Add(DocxBuilder.Plain(newLabel));
                    }
                    break;
            }
            var runs = new List<OpenXmlElement>();
            switch (c.Kind)
            {
                case TextQueries.ChangeKind.Added:
                    runs.Add(b.Inserted(c.NewText, author, at));
                    break;
                case TextQueries.ChangeKind.Deleted:
                    runs.Add(b.Deleted(c.OldText, author, at));
                    break;
                default:
                    var oldWords = Words.Split(c.OldText);
                    var newWords = Words.Split(c.NewText);
                    var position = 0;
                    string Gap() => runs.Count > 0 ? " " : "";
                    foreach (var e in c.Edits)
                    {
                        if (e.OldStart > position)
                        {
                            runs.Add(DocxBuilder.Plain(Gap() + Words.Slice(oldWords, position, e.OldStart)));
                        }
                        if (e.OldEnd > e.OldStart)
                        {
                            runs.Add(b.Deleted(Gap() + Words.Slice(oldWords, e.OldStart, e.OldEnd), author, at));
                        }
                        if (e.NewEnd > e.NewStart)
                        {
                            runs.Add(b.Inserted(Gap() + Words.Slice(newWords, e.NewStart, e.NewEnd), author, at));
                        }
                        position = e.OldEnd;
                    }
                    if (position < oldWords.Length)
                    {
                        runs.Add(DocxBuilder.Plain(Gap() + Words.Slice(oldWords, position, oldWords.Length)));
                    }
                    break;
            }
            if (c.ProvisionKind is ProvisionKind.Section or ProvisionKind.Heading)
            {
                b.Body.Append(DocxBuilder.Para(c.ProvisionKind == ProvisionKind.Section ? "Heading1" : "Heading2", [.. label, DocxBuilder.Plain(label.Count > 0 ? " " : ""), .. runs]));
            }
            else
            {
                b.Labeled(c.ProvisionKind, label, runs, c.Kind == TextQueries.ChangeKind.Added ? (author, at) : null);
            }
        }
        return b.Save();
    }
}
