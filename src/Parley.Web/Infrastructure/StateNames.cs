using Microsoft.EntityFrameworkCore;
using Parley.Data;
using Parley.Features.Registry;

namespace Parley.Web.Infrastructure;

/// <summary>
/// The names of States and regional groups for pages that hold their codes ("MEX", "GRULAC"). The registry is reference data
/// seeded at start and not edited through the application, so it is read once per process, through a context of its own (a
/// component may render while its page is still querying the page's context).
/// </summary>
public sealed class StateNames(IServiceScopeFactory scopes)
{
    private volatile IReadOnlyDictionary<string, string>? _names;

    public async Task<IReadOnlyDictionary<string, string>> AllAsync()
    {
        if (_names is { } known)
        {
            return known;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDb>();
        var names = await db.States.AsNoTracking().ToDictionaryAsync(s => s.Iso3, s => s.Name, StringComparer.OrdinalIgnoreCase);
        if (names.Count > 0)
        {
            _names = names; // an empty registry (not yet seeded) is not remembered
        }
        return names;
    }

    /// <summary>The State's short name, or the code itself when it names no State (a group, an unknown code).</summary>
    public async Task<string> NameAsync(string? code) =>
        code is null ? "" : (await AllAsync()).TryGetValue(code, out var name) ? name : code;

    public static string GroupName(string? code) =>
        RegionalGroup.All.FirstOrDefault(g => string.Equals(g.Code.ToString(), code, StringComparison.OrdinalIgnoreCase))?.Name ?? code ?? "";
}
