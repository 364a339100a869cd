using System.Security.Claims;
using Parley.Features.Audit;
using Parley.Features.Identity;

namespace Parley.Web.Infrastructure;

/// <summary>The signed-in user of the current request, for the audit trail.</summary>
public sealed class HttpAuditActor(IHttpContextAccessor accessor) : IAuditActor
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public string ActorId => User?.FindFirstValue(ClaimTypes.NameIdentifier) ?? (accessor.HttpContext is null ? "system" : "anonymous");
    public string ActorName => User?.Identity?.IsAuthenticated == true ? User.NameOf() : ActorId;
    public string? RequestId => accessor.HttpContext?.TraceIdentifier;
}
