using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;

namespace Parley.Modalities;

/// <summary>
/// Turns an organisation's member list kept as a spreadsheet into the <c>membership:</c> section of a modalities file, so that a
/// body's 194 members and six regions need not be typed by hand. Columns (a header row, in any order): <c>code</c> (ISO 3166-1
/// alpha-3), <c>name</c>, <c>status</c> (member, associate or observer; member when empty), <c>since</c> (YYYY-MM-DD, optional),
/// <c>group</c> (the group's id, optional) and <c>group_name</c> (its name, on at least one row of the group).
/// </summary>
public static partial class MembershipCsv
{
    public sealed record Outcome(string? Yaml, IReadOnlyList<string> Problems, int Members, int Groups);

    private static readonly string[] Statuses = ["member", "associate", "observer"];

    public static Outcome ToYaml(TextReader csvText, string organisation, string groupingLabel)
    {
        var problems = new List<string>();
        var members = new List<(string Code, string Name, string Status, string? Since)>();
        var groups = new List<(string Id, string? Name, List<string> Members)>();
        using var csv = new CsvReader(csvText, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = a => a.Header.Trim().ToLowerInvariant(), MissingFieldFound = null, BadDataFound = null,
        });
        if (!csv.Read() || !csv.ReadHeader())
        {
            return new Outcome(null, ["the file is empty: the first row names the columns (code, name, status, since, group, group_name)."], 0, 0);
        }
        var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToList();
        foreach (var required in new[] { "code", "name" }.Where(c => !header.Contains(c)))
        {
            problems.Add($"row 1: there is no '{required}' column.");
        }
        if (problems.Count > 0)
        {
            return new Outcome(null, problems, 0, 0);
        }
        string? Field(string name) => header.Contains(name) && csv.GetField(name) is { } v && v.Trim().Length > 0 ? v.Trim() : null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var row = csv.Parser.Row;
            var code = Field("code")?.ToUpperInvariant() ?? "";
            if (!Iso3().IsMatch(code))
            {
                problems.Add($"row {row}: '{code}' is not a three-letter code (ISO 3166-1 alpha-3).");
                continue;
            }
            if (!seen.Add(code))
            {
                problems.Add($"row {row}: {code} is listed twice.");
                continue;
            }
            var status = Field("status")?.ToLowerInvariant() ?? "member";
            if (!Statuses.Contains(status))
            {
                problems.Add($"row {row}: '{status}' is not a status: use member, associate or observer.");
            }
            var since = Field("since");
            if (since is not null && !DateOnly.TryParseExact(since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                problems.Add($"row {row}: '{since}' is not a date (YYYY-MM-DD).");
            }
            members.Add((code, Field("name") ?? code, status, since));
            if (Field("group") is { } groupId)
            {
                var index = groups.FindIndex(g => g.Id == groupId);
                if (index < 0)
                {
                    groups.Add((groupId, Field("group_name"), [code]));
                }
                else
                {
                    groups[index].Members.Add(code);
                    groups[index] = groups[index] with { Name = groups[index].Name ?? Field("group_name") };
                }
            }
        }
        if (members.Count == 0)
        {
            problems.Add("the file lists no member.");
        }
        if (problems.Count > 0)
        {
            return new Outcome(null, problems, members.Count, groups.Count);
        }
        var yaml = new StringBuilder();
        yaml.Append("membership:\n  organisation: ").Append(Quote(organisation)).Append("\n  base: none\n  members:\n");
        foreach (var m in members)
        {
            yaml.Append("    - { code: ").Append(m.Code).Append(", name: ").Append(Quote(m.Name)).Append(", status: ").Append(m.Status);
            if (m.Since is not null)
            {
                yaml.Append(", since: ").Append(m.Since);
            }
            yaml.Append(" }\n");
        }
        if (groups.Count > 0)
        {
            yaml.Append("  groupings:\n    label: ").Append(Quote(groupingLabel)).Append("\n    groups:\n");
            foreach (var g in groups)
            {
                yaml.Append("      - id: ").Append(Quote(g.Id)).Append("\n        name: ").Append(Quote(g.Name ?? g.Id))
                    .Append("\n        members: [").Append(string.Join(", ", g.Members)).Append("]\n");
            }
        }
        return new Outcome(yaml.ToString(), [], members.Count, groups.Count);
    }

    /// <summary>A YAML double-quoted scalar: safe for any name ("Côte d'Ivoire", "Korea, Republic of").</summary>
    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex Iso3();
}
