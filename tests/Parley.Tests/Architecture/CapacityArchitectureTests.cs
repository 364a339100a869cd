using System.Text.RegularExpressions;
using Xunit;

namespace Parley.Tests.Architecture;

/// <summary>
/// Decision 011: the capacity a caller acts in is read in one place. These rules read the source, so that a new page or
/// endpoint cannot reintroduce a role check that forgets the second factor.
/// </summary>
public sealed partial class CapacityArchitectureTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Parley.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Parley.slnx not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<(string Path, string Text)> Sources() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".razor", StringComparison.Ordinal))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains("Migrations", StringComparison.Ordinal))
            .Select(p => (Path.GetRelativePath(Root, p).Replace('\\', '/'), File.ReadAllText(p)));

    [Fact]
    public void TheRawCapacityClaims_AreReadOnlyByParleyClaims()
    {
        var offenders = Sources()
            .Where(s => s.Path != "src/Parley/Features/Identity/ParleyClaims.cs")
            .Where(s => RawClaimRead().IsMatch(s.Text))
            .Select(s => s.Path).ToList();
        Assert.True(offenders.Count == 0, "Read the capacity through ParleyClaims.KindOf/StateOf/…, not the raw claim: " + string.Join(", ", offenders));
    }

    [Fact]
    public void TheClaimedKind_IsUsedOnlyToAskForTheSecondFactor_AndToSayWhoIsSignedIn()
    {
        string[] allowed = ["src/Parley/Features/Identity/ParleyClaims.cs", "src/Parley.Web/Infrastructure/AuthSchemes.cs", "src/Parley.Web/Components/Layout/MainLayout.razor"];
        var offenders = Sources().Where(s => !allowed.Contains(s.Path) && s.Text.Contains("ClaimedKindOf(", StringComparison.Ordinal)).Select(s => s.Path).ToList();
        Assert.True(offenders.Count == 0, "ClaimedKindOf decides nothing: " + string.Join(", ", offenders));
    }

    [Fact]
    public void NoCode_ChecksRolesByName()
    {
        var offenders = Sources().Where(s => s.Text.Contains("IsInRole(", StringComparison.Ordinal) || s.Text.Contains("[Authorize(Roles", StringComparison.Ordinal))
            .Select(s => s.Path).ToList();
        Assert.True(offenders.Count == 0, "Roles are capacities read through ParleyClaims.KindOf: " + string.Join(", ", offenders));
    }

    [Fact]
    public void UseCases_LearnWhoIsAsking_OnlyFromAViewer()
    {
        // The domain project never sees a ClaimsPrincipal except where the Viewer and the claims are built.
        string[] allowed = ["src/Parley/Features/Identity/ParleyClaims.cs", "src/Parley/Features/Identity/Viewer.cs", "src/Parley/Features/Identity/Policies.cs"];
        var offenders = Sources().Where(s => s.Path.StartsWith("src/Parley/", StringComparison.Ordinal) && !allowed.Contains(s.Path))
            .Where(s => s.Text.Contains("ClaimsPrincipal", StringComparison.Ordinal)).Select(s => s.Path).ToList();
        Assert.True(offenders.Count == 0, "Use cases take a Viewer: " + string.Join(", ", offenders));
    }

    [Fact]
    public void TheRule_IsSeenByTheseTests()
    {
        // Guard against a walk that finds no files (and so passes whatever the code does).
        var sources = Sources().ToList();
        Assert.Contains(sources, s => s.Path == "src/Parley/Features/Identity/ParleyClaims.cs");
        Assert.Matches(RawClaimRead(), "user.FindFirstValue(ParleyClaims.Kind)");
        Assert.Matches(RawClaimRead(), "user.HasClaim(\"parley:admin\", \"true\")");
        Assert.True(sources.Count > 100);
    }

    [GeneratedRegex(@"(FindFirst(Value)?|HasClaim|FindAll)\(\s*(ParleyClaims\.(Kind|State|Organisation|FocalPoint|Administrator)\b|""parley:)")]
    private static partial Regex RawClaimRead();
}
