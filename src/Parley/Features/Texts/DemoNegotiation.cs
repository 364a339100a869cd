using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Registry;

namespace Parley.Features.Texts;

/// <summary>
/// A realistic negotiation for demos and benchmarks: a text of N provisions (sections, headings, paragraphs of about 100 words,
/// some with sub-paragraphs) and M submitted proposals by the 193 Member States and a few groups, of every kind, some overlapping.
/// Deterministic for a given seed. `parley seed negotiation --provisions 300 --proposals 10000`.
/// </summary>
public static class DemoNegotiation
{
    private static readonly string[] Vocabulary =
    [
        "migrants", "States", "cooperation", "international", "human", "rights", "safe", "orderly", "regular", "migration", "commit", "to",
        "the", "and", "of", "in", "with", "for", "national", "policies", "dignity", "protection", "return", "readmission", "labour", "mobility",
        "data", "evidence", "capacity", "building", "sovereignty", "responsibility", "sharing", "partnerships", "origin", "transit", "destination",
        "women", "children", "vulnerable", "situations", "access", "basic", "services", "integration", "inclusion", "remittances", "diaspora",
        "border", "management", "smuggling", "trafficking", "detention", "alternatives", "consular", "identity", "documents", "skills", "recognition",
    ];

    public sealed record Generated(IReadOnlyList<ProvisionData> Provisions, int Words);

    public static Generated Text(int provisions, int seed = 280)
    {
        var random = new Random(seed);
        var list = new List<ProvisionData>(provisions);
        string? section = null, paragraph = null;
        var paragraphs = 0;
        var sections = 0;
        for (var i = 0; list.Count < provisions; i++)
        {
            if (i % 30 == 0)
            {
                section = TextImport.NewKey();
                list.Add(new ProvisionData(section, $"{Roman(++sections)}.", ProvisionKind.Section, null, null, $"Part {sections}: {Sentence(random, 4)}"));
                continue;
            }
            if (i % 10 == 5)
            {
                list.Add(new ProvisionData(TextImport.NewKey(), "", ProvisionKind.Heading, section, null, $"Objective {i / 10 + 1}: {Sentence(random, 6)}"));
                continue;
            }
            if (paragraph is not null && random.Next(5) == 0)
            {
                list.Add(new ProvisionData(TextImport.NewKey(), "(x)", ProvisionKind.Subparagraph, paragraph, null, Sentence(random, random.Next(20, 60))));
                continue;
            }
            paragraph = TextImport.NewKey();
            list.Add(new ProvisionData(paragraph, (++paragraphs).ToString(System.Globalization.CultureInfo.InvariantCulture), ProvisionKind.Paragraph, section, null,
                Sentence(random, random.Next(80, 160))));
        }
        var numbered = TextCommands.Renumber(list);
        return new Generated(numbered, numbered.Sum(p => Words.Split(p.Text).Length));
    }

    private static string Sentence(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Vocabulary[random.Next(Vocabulary.Length)])) + ".";

    private static string Roman(int n) => n switch
    {
        >= 10 => "X" + Roman(n - 10),
        9 => "IX",
        >= 5 => "V" + Roman(n - 5),
        4 => "IV",
        _ => new string('I', n),
    };

    /// <summary>Proposals spread over the text by random delegations; a tenth overlap an earlier one on purpose.</summary>
    public static List<Proposal> Proposals(int textId, int versionId, IReadOnlyList<ProvisionData> provisions, IReadOnlyList<string> states,
        IReadOnlyList<string> groups, int count, DateTime at, int seed = 71)
    {
        var random = new Random(seed);
        var targets = provisions.Where(p => p.Kind is ProvisionKind.Paragraph or ProvisionKind.Subparagraph).ToList();
        var result = new List<Proposal>(count);
        for (var i = 0; i < count; i++)
        {
            var target = targets[random.Next(targets.Count)];
            var words = Words.Split(target.Text);
            var roll = random.Next(100);
            var kind = roll switch
            {
                < 35 => ProposalKind.Replace,
                < 60 => ProposalKind.Insert,
                < 80 => ProposalKind.Delete,
                < 86 => ProposalKind.Retain,
                < 91 => ProposalKind.Alternative,
                < 95 => ProposalKind.AddProvision,
                < 98 => ProposalKind.DeleteProvision,
                _ => ProposalKind.MoveProvision,
            };
            var start = random.Next(Math.Max(1, words.Length - 5));
            var end = kind switch
            {
                ProposalKind.Insert => start,
                ProposalKind.Replace or ProposalKind.Delete => Math.Min(words.Length, start + random.Next(1, 6)),
                _ => 0,
            };
            if (kind is not (ProposalKind.Replace or ProposalKind.Delete or ProposalKind.Insert))
            {
                start = 0;
            }
            var isGroup = random.Next(8) == 0 && groups.Count > 0;
            var sponsor = isGroup ? groups[random.Next(groups.Count)] : states[random.Next(states.Count)];
            result.Add(new Proposal
            {
                TextId = textId, VersionId = versionId, Kind = kind, ProvisionKey = target.Key,
                AfterKey = kind is ProposalKind.AddProvision ? target.Key : kind is ProposalKind.MoveProvision ? targets[random.Next(targets.Count)].Key : null,
                Start = start, End = end,
                OriginalWords = kind is ProposalKind.Replace or ProposalKind.Delete ? Words.Slice(words, start, end) : kind == ProposalKind.Insert ? "" : target.Text,
                NewText = kind is ProposalKind.Replace or ProposalKind.Insert ? Sentence(random, random.Next(1, 8)).TrimEnd('.')
                    : kind is ProposalKind.Alternative or ProposalKind.AddProvision ? Sentence(random, random.Next(30, 90)) : null,
                NewKind = kind == ProposalKind.AddProvision ? ProvisionKind.Paragraph : null,
                SponsorCode = sponsor, SponsorIsGroup = isGroup, DraftedByState = isGroup ? states[0] : sponsor, CreatedBy = "seed",
                Status = ProposalStatus.Submitted, CreatedAt = at, SubmittedAt = at,
                Cosponsors = random.Next(4) == 0 ? [new ProposalCosponsor { Code = states[random.Next(states.Count)] }] : [],
            });
        }
        return result;
    }

    /// <summary>Creates groups (if missing), the text, its zero draft and the proposals. Returns the version id.</summary>
    public static async Task<(int TextId, int VersionId, int Words)> SeedAsync(ParleyDb db, TimeProvider clock, string processId, string code, int provisions, int proposals, CancellationToken ct = default)
    {
        var states = await db.States.AsNoTracking().Where(s => s.Status == StateStatus.MemberState).OrderBy(s => s.Iso3).Select(s => new { s.Iso3, s.RegionalGroup }).ToListAsync(ct);
        var groupSpecs = new (string Code, string Name, RegionalGroupCode? Group)[]
        {
            ("AFRICAN-GROUP", "African Group", RegionalGroupCode.AG), ("GRULAC", "Latin American and Caribbean Group", RegionalGroupCode.GRULAC),
            ("EU", "European Union", RegionalGroupCode.WEOG), ("G77", "Group of 77 and China", null),
        };
        foreach (var (groupCode, name, regional) in groupSpecs)
        {
            if (await db.NegotiatingGroups.AnyAsync(g => g.Code == groupCode, ct))
            {
                continue;
            }
            var members = states.Where(s => regional is null ? s.RegionalGroup is RegionalGroupCode.AG or RegionalGroupCode.APG or RegionalGroupCode.GRULAC : s.RegionalGroup == regional)
                .Select(s => s.Iso3).ToList();
            db.NegotiatingGroups.Add(new NegotiatingGroup { Code = groupCode, Name = name, Members = members.Select((m, i) => new GroupMember { StateIso3 = m, MaySpeak = i == 0 }).ToList() });
        }
        var text = new NegotiatedText { ProcessId = processId, Code = code, Title = $"Demonstration text ({provisions} provisions, {proposals} proposals)", CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Texts.Add(text);
        db.AuditAction = "text.demo-seeded";
        await db.SaveChangesAsync(ct);
        var generated = Text(provisions);
        var version = TextCommands.NewVersion(text.Id, 0, "Zero draft", null, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), "demo", clock, null, generated.Provisions);
        db.TextVersions.Add(version);
        await db.SaveChangesAsync(ct);
        var all = Proposals(text.Id, version.Id, generated.Provisions, states.Select(s => s.Iso3).ToList(), groupSpecs.Select(g => g.Code).ToList(), proposals, clock.GetUtcNow().UtcDateTime);
        foreach (var chunk in all.Chunk(2000))
        {
            db.Proposals.AddRange(chunk);
            db.AuditAction = "text.demo-seeded";
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return (text.Id, version.Id, generated.Words);
    }
}
