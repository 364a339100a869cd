using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Parley.Common;
using Parley.Features.Accreditation;
using Parley.Features.Identity;
using Parley.Features.Meetings;
using Parley.Features.Processes;
using Parley.Features.Registry;
using Parley.Features.Texts;
using Xunit;

namespace Parley.Tests.Web;

/// <summary>
/// The translator's contract: every key the program uses, literally or built from a value, is in the English source and in
/// every culture's file; a translation keeps the placeholders of its source; plural forms end with "other".
/// </summary>
public sealed partial class TranslationTests
{
    private static readonly string Repo = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    /// <summary>The two sets of strings: the interface's and the engine's (compliance facts, notices, e-mails).</summary>
    public static TheoryData<string> Sets => new() { "src/Parley.Web/Resources/SharedResource", "src/Parley/Resources/Phrases", "src/Parley/Resources/Messages" };

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(file).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    private static IEnumerable<string> Sources(string folder, params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(Path.Combine(Repo, folder), p, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Theory]
    [MemberData(nameof(Sets))]
    public void EveryCulture_HasEveryKey_WithTheSourcesPlaceholders(string set)
    {
        var english = Read(Path.Combine(Repo, set + ".resx"));
        Assert.NotEmpty(english);
        foreach (var language in Languages.Official.Where(l => l.Culture != Languages.Source))
        {
            var file = Path.Combine(Repo, $"{set}.{language.Culture}.resx");
            Assert.True(File.Exists(file), $"{language.Culture}: no {Path.GetFileName(file)}");
            var translated = Read(file);
            Assert.Empty(english.Keys.Except(translated.Keys).Select(k => $"{language.Culture} lacks {k}"));
            // A language may have more plural forms than English (Russian "few" and "many"; Arabic "zero", "two", "few", "many").
            Assert.Empty(translated.Keys.Except(english.Keys)
                .Where(k => !(PluralForm().IsMatch(k) && english.ContainsKey(k[..k.LastIndexOf('.')] + ".other")))
                .Select(k => $"{language.Culture} has {k}, which English has not"));
            foreach (var (key, text) in translated)
            {
                var source = english.GetValueOrDefault(key) ?? english[key[..key.LastIndexOf('.')] + ".other"];
                Assert.False(string.IsNullOrWhiteSpace(text) && !string.IsNullOrWhiteSpace(source), $"{language.Culture}: {key} is empty");
                // A plural form may leave the number out ("one" in Arabic); any other translation keeps every placeholder.
                var expected = Placeholders(source);
                var found = Placeholders(text);
                Assert.True(found.IsSubsetOf(expected), $"{language.Culture}: {key} has a placeholder its source has not: {text}");
                if (!PluralForm().IsMatch(key))
                {
                    Assert.True(expected.SetEquals(found), $"{language.Culture}: {key} lost a placeholder: {text}");
                }
                _ = string.Format(language.Info, text, [.. Enumerable.Range(0, 10).Select(i => (object)i)]); // well formed
            }
        }
        // A plural has its "other" form, the one every language falls back to.
        Assert.Empty(english.Keys.Where(k => PluralForm().IsMatch(k)).Select(k => k[..k.LastIndexOf('.')]).Distinct()
            .Where(b => !english.ContainsKey(b + ".other")).Select(b => $"{b} has no .other"));
    }

    [Fact]
    public void EveryKeyTheProgramUses_IsInTheSource()
    {
        var ui = Read(Path.Combine(Repo, "src/Parley.Web/Resources/SharedResource.resx"));
        var phrases = Read(Path.Combine(Repo, "src/Parley/Resources/Phrases.resx"));
        var missing = new List<string>();
        var uiPrefixes = ui.Keys.Select(k => k[..k.IndexOf('.')]).ToHashSet();
        foreach (var file in Sources("src/Parley.Web", "*.razor", "*.cs"))
        {
            var code = File.ReadAllText(file);
            var name = Path.GetFileName(file);
            // L["Key.Name"], L.Plural("Key.Name", …) and keys written in lists (new[] { "Chair.add", … }).
            foreach (Match m in LiteralKey().Matches(code))
            {
                var key = m.Groups[1].Value;
                if (uiPrefixes.Contains(key[..key.IndexOf('.')]) && !ui.ContainsKey(key) && !ui.ContainsKey(key + ".other"))
                {
                    missing.Add($"{name}: {key}");
                }
            }
            foreach (Match m in DynamicKey().Matches(code))
            {
                var prefix = m.Groups[1].Value;
                if (!Domains.TryGetValue(prefix, out var values))
                {
                    missing.Add($"{name}: L[\"{prefix}.\" + …] has no known set of values; add it to TranslationTests.Domains");
                    continue;
                }
                missing.AddRange(values.Where(v => !ui.ContainsKey($"{prefix}.{v}")).Select(v => $"{name}: {prefix}.{v}"));
            }
        }
        foreach (var file in Sources("src", "*.cs"))
        {
            var code = File.ReadAllText(file);
            foreach (Match m in PhraseKey().Matches(code))
            {
                var key = m.Groups[2].Value;
                if (!phrases.ContainsKey(key) && !phrases.ContainsKey(key + ".other"))
                {
                    missing.Add($"{Path.GetFileName(file)}: phrase {key}");
                }
            }
        }
        // Phrases whose key is built from a value.
        missing.AddRange(Enum.GetValues<RuleStatus>().Select(s => "Compliance.Was." + s.Slug()).Where(k => !phrases.ContainsKey(k)));
        missing.AddRange(Enum.GetValues<RegistrationStatus>().Select(s => "Notice.Registration." + s.ToString().ToLowerInvariant()).Where(k => !phrases.ContainsKey(k)));
        foreach (var key in new[] { "Compliance.PanelsWithExchange", "Compliance.PanelsWithoutExchange" })
        {
            missing.AddRange(new[] { key, key + "Failing" }.Where(k => !phrases.ContainsKey(k)));
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    /// <summary>
    /// A refusal or problem a use case (or the modalities reader) answers with is in the messages' source, so a translator can reach
    /// it: a constant by its text, one built with values (<c>$"No process '{id}'."</c>) by its template (<c>No process '{0}'.</c>).
    /// </summary>
    [Fact]
    public void EveryMessageOfAUseCase_ConstantOrBuiltWithValues_IsInTheMessagesSource()
    {
        var source = Read(Path.Combine(Repo, "src/Parley/Resources/Messages.resx"));
        var found = new List<(string File, string Text)>();
        foreach (var file in Sources("src", "*.cs").Where(f => !f.Contains("Migrations", StringComparison.Ordinal)))
        {
            var code = File.ReadAllText(file);
            found.AddRange(ConstantMessage().Matches(code).Select(m => (Path.GetFileName(file), Regex.Unescape(m.Groups[1].Value))));
            found.AddRange(MessageBuiltWithValues().Matches(code).Select(m => (Path.GetFileName(file), Regex.Unescape(TemplateOf(code, m.Index + m.Length)))));
        }
        Assert.True(found.Count > 400, $"only {found.Count} messages found: has the way use cases write them changed?");
        var missing = found.Where(m => !source.ContainsKey(m.Text)).Select(m => $"{m.File}: {m.Text}").Distinct().ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
        Assert.Equal("Aucun rapport de la conférence n’est encore publié.", Messages.Translate("No report of the conference is issued yet.", new CultureInfo("fr")));
        Assert.Equal("A message built with Mexico", Messages.Translate("A message built with Mexico", new CultureInfo("ar"))); // not in the file: as written
        Assert.StartsWith("⟦", Messages.Translate("No such text.", new CultureInfo("qps-ploc")), StringComparison.Ordinal);
    }

    /// <summary>The template an interpolated string (starting after its <c>$"</c>) is built from: holes numbered 0, 1, 2…, a format kept.</summary>
    private static string TemplateOf(string code, int at)
    {
        var template = new StringBuilder();
        var n = 0;
        for (var i = at; ; i++)
        {
            var c = code[i];
            if (c == '\\')
            {
                template.Append(code, i, 2);
                i++;
            }
            else if (c == '"')
            {
                return template.ToString();
            }
            else if ((c == '{' || c == '}') && code[i + 1] == c)
            {
                template.Append(c, 2);
                i++;
            }
            else if (c == '{')
            {
                int depth = 0, j = i + 1, format = -1;
                for (; ; j++)
                {
                    var d = code[j];
                    if (d is '"' or '\'')
                    {
                        for (j++; code[j] != d; j++)
                        {
                            j += code[j] == '\\' ? 1 : 0;
                        }
                    }
                    else if (d is '(' or '[' or '{')
                    {
                        depth++;
                    }
                    else if (d is ')' or ']' || (d == '}' && depth > 0))
                    {
                        depth--;
                    }
                    else if (d == '}')
                    {
                        break;
                    }
                    else if (d == ':' && depth == 0 && format < 0)
                    {
                        format = j;
                    }
                }
                template.Append('{').Append(n++).Append(format < 0 ? "" : ":" + code[(format + 1)..j]).Append('}');
                i = j;
            }
            else
            {
                template.Append(c);
            }
        }
    }

    [Theory]
    [InlineData("fr", "No process 'cop-29'.", "Aucun processus 'cop-29'.")]
    [InlineData("es", "Proposal 12: use accept, modify or reject.", "Propuesta 12: use accept, modify o reject.")]
    [InlineData("zh", "Proposals on Rev.1 closed on 13 July 2018 10:00 UTC.", "针对 Rev.1 的提案已于 UTC 2018年7月13日 10:00 截止。")]
    [InlineData("es", "Proposals on Rev.1 closed on 13 July 2018 10:00 UTC.", "Las propuestas sobre Rev.1 se cerraron el 13 de julio de 2018 10:00 UTC.")]
    [InlineData("ru", "The silence procedure ended on 2 March 2018 18:00 UTC.", "Процедура молчания завершилась 2 марта 2018 г. 18:00 UTC.")]
    // A value that is itself a message is translated too: the modalities reader's "'key': problem", a panellist's name refused.
    [InlineData("fr", "'timeZone': 'Mars/Base' is not a known IANA time zone (e.g. America/New_York).",
        "'timeZone' : 'Mars/Base' n’est pas un fuseau horaire IANA connu (p. ex. America/New_York).")]
    [InlineData("ar", "'phases': expected a single value.", "'phases': كان المتوقع قيمة واحدة.")]
    // Most specific first: "'{0}' is not a Member State." is not read as "{0} is not a Member State; …".
    [InlineData("ru", "'XYZ' is not a Member State.", "'XYZ' не является государством-членом.")]
    [InlineData("ru", "Holy See is not a Member State; create an observer delegate.", "Holy See не является государством-членом; создайте делегата-наблюдателя.")]
    // What someone wrote is echoed as written, even when it is also a word of the catalogue ("no" is "non" in an export).
    [InlineData("fr", "'stakeholders': 'no' is not one of: open, closed.", "'stakeholders' : 'no' n’est pas l’un de ceux-ci : open, closed.")]
    [InlineData("fr", "This application is accredited; it can no longer be decided.", "Cette demande est accredited ; il ne peut plus être statué sur elle.")]
    [InlineData("en", "No process 'cop-29'.", "No process 'cop-29'.")]
    [InlineData("fr", "Nothing like any message 'x'.", "Nothing like any message 'x'.")]
    public void AMessageBuiltWithValues_IsTranslatedByItsTemplate_WithItsValues(string culture, string english, string expected) =>
        Assert.Equal(expected, Messages.Translate(english, new CultureInfo(culture)));

    [Theory]
    [InlineData("en", "USD 7,200.50")]
    [InlineData("fr", "7\u202F200,50 USD")]
    [InlineData("ru", "7\u00A0200,50 долл. США")]
    [InlineData("zh", "7,200.50 美元")]
    public void ASumOfMoney_IsWrittenAsTheReadersLanguageWritesIt(string culture, string expected)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
            Assert.Equal(expected, Parley.Web.Infrastructure.Amounts.Usd(7200.50m));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    [Fact]
    public void AMessageBuiltWithValues_IsMarkedInThePseudoLocale_AndADateKeepsItsLanguage()
    {
        Assert.StartsWith("⟦", Messages.Translate("No process 'cop-29'.", new CultureInfo("qps-ploc")), StringComparison.Ordinal);
        // Written by a use case running in the reader's culture (the request's), still read back as a date and written in its language.
        foreach (var (culture, month) in new[] { ("ar", "يوليو"), ("fr", "13 juillet 2018"), ("zh", "2018年7月13日") })
        {
            var written = string.Format(new CultureInfo(culture), "The deadline passed on {0:d MMMM yyyy HH:mm} UTC; objections are no longer received.", new DateTime(2018, 7, 13, 10, 0, 0));
            Assert.Contains(month, Messages.Translate(written, new CultureInfo(culture)), StringComparison.Ordinal);
        }
        Assert.Null(Messages.Compile("A sentence without values."));
        Assert.NotNull(Messages.Compile("{0} and {1}, again {0}.")!.Pattern.Match("a and b, again a.") is { Success: true } m ? m : null);
    }

    [Fact]
    public void ThePseudoLocale_MarksEveryString_AndKeepsPlaceholders()
    {
        var pseudo = Pseudo.Localize("{0} of {1:N0} days");
        Assert.StartsWith("⟦", pseudo, StringComparison.Ordinal);
        Assert.EndsWith("⟧", pseudo, StringComparison.Ordinal);
        Assert.Contains("{0}", pseudo, StringComparison.Ordinal);
        Assert.Contains("{1:N0}", pseudo, StringComparison.Ordinal);
        Assert.DoesNotContain("days", pseudo, StringComparison.Ordinal);
        Assert.True(pseudo.Length >= "{0} of {1:N0} days".Length + 5);
        Assert.Contains("1,000", string.Format(CultureInfo.InvariantCulture, pseudo, 3, 1000), StringComparison.Ordinal);
    }

    [Fact]
    public void APhrase_IsWrittenInTheReadersLanguage_WithItsDatesAndPlurals()
    {
        var phrase = Phrase.Counted("Compliance.DaysLate", 3);
        Assert.Equal("3 days late.", phrase.Render(CultureInfo.InvariantCulture));
        Assert.Equal("1 day late.", Phrase.Counted("Compliance.DaysLate", 1).Render(new CultureInfo("en")));
        var date = Phrase.Of("Compliance.AllEnded", new DateOnly(2018, 7, 13));
        Assert.Equal("All appointments ended by 13 July 2018.", date.Render(new CultureInfo("en")));
        Assert.Contains("13 juillet 2018", date.Render(new CultureInfo("fr")), StringComparison.Ordinal);
        Assert.Contains("2018年7月13日", date.Render(new CultureInfo("zh")), StringComparison.Ordinal);
        Assert.Contains("يوليو", date.Render(new CultureInfo("ar")), StringComparison.Ordinal);
        Assert.Contains("июля", date.Render(new CultureInfo("ru")), StringComparison.Ordinal);
        Assert.Contains("julio", date.Render(new CultureInfo("es")), StringComparison.Ordinal);
        Assert.StartsWith("⟦", date.Render(new CultureInfo("qps-ploc")), StringComparison.Ordinal);
        // Russian has three forms for whole numbers: 1 день, 3 дня, 5 дней.
        var ru = new CultureInfo("ru");
        Assert.NotEqual(Phrase.Counted("Compliance.DaysLate", 1).Render(ru), Phrase.Counted("Compliance.DaysLate", 3).Render(ru)[1..].Insert(0, "1"));
        Assert.NotEqual(Phrase.Counted("Compliance.DaysLate", 3).Render(ru)[1..], Phrase.Counted("Compliance.DaysLate", 5).Render(ru)[1..]);
    }

    [Fact]
    public void EveryOfficialLanguage_SaysWhetherAPersonReviewedIt()
    {
        Assert.Equal(["ar", "en", "es", "fr", "ru", "zh"], Languages.Official.Select(l => l.Culture).Order());
        Assert.True(Languages.Official.Single(l => l.Culture == "ar").RightToLeft);
        Assert.All(Languages.Official.Where(l => l.Origin.Contains("Machine", StringComparison.OrdinalIgnoreCase)), l => Assert.False(l.Reviewed));
        Assert.Equal("zh", Languages.For(new CultureInfo("zh-CN")).Culture);
        Assert.Equal("en", Languages.For(new CultureInfo("de")).Culture);
    }

    /// <summary>The values a key built from a value may take ("Kind." + the account's kind): every one must be translated.</summary>
    private static readonly Dictionary<string, IReadOnlyList<string>> Domains = new()
    {
        ["Kind"] = [.. Enum.GetValues<PrincipalKind>().Select(k => k.Slug()), "unknown"],
        ["Status"] = [.. Enum.GetValues<ApplicationStatus>().Select(Applications.Slug), .. Enum.GetValues<StateStatus>().Select(s => s.Slug())],
        ["MeetingStatus"] = Kebab<MeetingStatus>(),
        ["Rule"] = [.. Enum.GetValues<RuleStatus>().Select(s => s.Slug())],
        ["OrgType"] = [.. Enum.GetValues<OrganisationType>().Select(Organisations.TypeSlug)],
        ["Category"] = ["group", "member-state", "observer-state", "intergovernmental-organisation", "un-entity", "stakeholder"],
        ["Chair"] = ["add", "close", "down", "end", "next", "open", "point-of-order", "start", "time", "up", "withdraw"],
        ["Gender"] = Kebab<Gender>(),
        ["InscriptionKind"] = Kebab<InscriptionKind>(),
        ["Level"] = Kebab<SpeakerLevel>(),
        ["PanelKind"] = Kebab<PanelKind>(),
        ["Perspective"] = Kebab<Perspective>(),
        ["ProposalKind"] = Kebab<ProposalKind>(),
        ["ProposalStatus"] = Kebab<ProposalStatus>(),
        ["ProvisionStatus"] = Kebab<ProvisionStatus>(),
        ["RegistrationStatus"] = Kebab<RegistrationStatus>(),
        ["Role"] = [.. Enum.GetNames<ParticipantRole>()],
        ["RunStatus"] = Kebab<Parley.Features.Fund.RunStatus>(),
        ["Today"] = ["Application", "circulate", "objections", "propose"],
        ["Vote"] = Kebab<Vote>(),
        ["Compilation.Done"] = ["oppose", "submit", "support", "withdraw"],
        ["Contrib.Kind"] = ["contribution", "input"],
        ["Contrib.Status"] = ["declined", "draft", "published", "submitted"],
        ["Fund.Status"] = Kebab<Parley.Features.Fund.TravelStatus>(),
        ["List.Status"] = Kebab<ListStatus>(),
        ["Month.Kind"] = ["Document", "Due", "Holiday", "Meeting", "PhaseEnds", "PhaseStarts"],
        ["Review.Decision"] = ["accept", "recommend", "reject"],
        ["Silence.Outcome"] = Kebab<SilenceOutcome>(),
    };

    private static string[] Kebab<T>() where T : struct, Enum =>
        [.. Enum.GetNames<T>().Select(n => string.Concat(n.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())))];

    private static HashSet<string> Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\.(zero|one|two|few|many|other)$")]
    private static partial Regex PluralForm();

    [GeneratedRegex(@"(?<![=\w])""([A-Z][A-Za-z]+\.[A-Za-z][A-Za-z0-9.\-]*[A-Za-z0-9])""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(@"L\[""([A-Za-z][A-Za-z.]*?)\.""\s*\+")]
    private static partial Regex DynamicKey();

    // Where use cases and the modalities reader write their messages: Error.X(…), errors.Add(field, …), Problem(key, …),
    // new ModalitiesProblem(line, column, …).
    private const string MessageCall = @"(?:Error\.(?:Validation|Conflict|Forbidden|NotFound)\((?:""[^""]*"",\s*)?|errors\.Add\(""[^""]*"",\s*|\bProblem\((?:key|""[^""]*""),\s*|new ModalitiesProblem\([^,()]*(?:\([^)]*\))?[^,()]*,[^,()]*(?:\([^)]*\))?[^,()]*,\s*)";

    [GeneratedRegex(MessageCall + @"""((?:[^""\\]|\\.)*)""\)")]
    private static partial Regex ConstantMessage();

    [GeneratedRegex(MessageCall + @"\$""")]
    private static partial Regex MessageBuiltWithValues();

    [GeneratedRegex(@"Phrase\.(Of|Counted)\(""([A-Za-z]+\.[A-Za-z0-9.\-]*[A-Za-z0-9])""")]
    private static partial Regex PhraseKey();
}
