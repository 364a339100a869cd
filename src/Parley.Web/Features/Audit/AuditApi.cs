using Parley.Data;
using Parley.Features.Audit;
using Parley.Features.Identity;

namespace Parley.Web.Features.Audit;

public static class AuditApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Policies.Secretariat);
        audit.MapGet("/", async (ParleyDb db, string? actor, string? action, string? entityType, string? entityId,
                DateTime? from, DateTime? to, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await BrowseAudit.HandleAsync(db, new(actor, action, entityType, entityId, from, to, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("The audit trail, newest first.");
        audit.MapGet("/verify", async (ParleyDb db, AuditAnchors anchors, CancellationToken ct) => TypedResults.Ok(await BrowseAudit.VerifyAsync(db, anchors, ct)))
            .WithSummary("Checks the hash chain against its anchors: whether it holds, and how many entries the caller may read (confidential entries are not counted).");
    }
}
