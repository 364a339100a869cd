using Microsoft.EntityFrameworkCore;
using Parley.Common;
using Parley.Data;
using Parley.Features.Identity;
using Parley.Features.Notifications;

namespace Parley.Features.Texts;

/// <summary>Use case: the co-facilitators set a provision's status (bracketed, agreed ad ref, pending, agreed, reopened).</summary>
public static partial class TextCommands
{
    public sealed record StatusRequest(string? ProvisionKey, string? Status, string? WaitsOn);

    public static string StatusSlug(ProvisionStatus s) => s switch
    {
        ProvisionStatus.AgreedAdRef => "agreed-ad-ref",
        ProvisionStatus.AgreedAdRefPending => "agreed-ad-ref-pending",
        _ => s.ToString().ToLowerInvariant(),
    };

    public static ProvisionStatus? ParseStatus(string? s) => Enum.GetValues<ProvisionStatus>().Cast<ProvisionStatus?>().FirstOrDefault(x => StatusSlug(x!.Value) == s?.Trim().ToLowerInvariant());

    /// <summary>The co-facilitators mark a provision bracketed, agreed ad ref (pending another), agreed or reopened; every change is kept.</summary>
    public static async Task<Result<ProvisionStatusEntry>> SetStatusAsync(ParleyDb db, TimeProvider clock, Viewer viewer, int versionId, StatusRequest r, CancellationToken ct = default)
    {
        if (!viewer.IsCoFacilitator)
        {
            return Error.Forbidden("Only the co-facilitators set the status of a provision.");
        }
        var version = await db.TextVersions.AsNoTracking().Include(v => v.Provisions).FirstOrDefaultAsync(v => v.Id == versionId, ct);
        if (version is null)
        {
            return Error.NotFound("No such version.");
        }
        var errors = new FieldErrors();
        var status = ParseStatus(r.Status);
        if (status is null)
        {
            errors.Add("status", $"Use one of: {string.Join(", ", Enum.GetValues<ProvisionStatus>().Select(StatusSlug))}.");
        }
        if (version.Provisions.All(p => p.Key != r.ProvisionKey))
        {
            errors.Add("provisionKey", "No such provision in this version.");
        }
        if (status == ProvisionStatus.AgreedAdRefPending && (r.WaitsOn is null || r.WaitsOn == r.ProvisionKey || version.Provisions.All(p => p.Key != r.WaitsOn)))
        {
            errors.Add("waitsOn", "Name the other provision this one waits on.");
        }
        if (errors.Any)
        {
            return errors.ToError();
        }
        var entry = new ProvisionStatusEntry
        {
            VersionId = versionId, ProvisionKey = r.ProvisionKey!, Status = status!.Value,
            WaitsOnKey = status == ProvisionStatus.AgreedAdRefPending ? r.WaitsOn : null, SetBy = viewer.Name, SetAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ProvisionStatuses.Add(entry);
        db.AuditAction = "provision.status-set";
        await db.SaveChangesAsync(ct);
        return entry;
    }
}
