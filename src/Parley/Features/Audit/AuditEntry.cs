using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Parley.Features.Audit;

/// <summary>
/// One recorded state change. Entries form a hash chain: each hash covers the entry's content
/// and the previous entry's hash, so altering or deleting a stored row breaks every later link.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry() { }

    internal AuditEntry(long sequence, DateTime at, string actorId, string actorName, string action,
        string entityType, string entityId, string? before, string? after, string? requestId, string previousHash)
    {
        Sequence = sequence;
        At = TruncateToMicroseconds(at);
        ActorId = actorId;
        ActorName = actorName;
        Action = action;
        EntityType = entityType;
        EntityId = entityId;
        Before = before;
        After = after;
        RequestId = requestId;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public long Id { get; private set; }
    public long Sequence { get; private set; }
    public DateTime At { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";
    public string? Before { get; private set; }
    public string? After { get; private set; }
    public string? RequestId { get; private set; }
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    public string ComputeHash()
    {
        var canonical = string.Join('\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture),
            DateTime.SpecifyKind(At, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
            ActorId, ActorName, Action, EntityType, EntityId,
            Before ?? "\u2400", After ?? "\u2400", RequestId ?? "\u2400", PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>PostgreSQL keeps microseconds; truncating first makes the hash identical on every store.</summary>
    private static DateTime TruncateToMicroseconds(DateTime at)
    {
        var utc = at.Kind == DateTimeKind.Utc ? at : at.ToUniversalTime();
        return new DateTime(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
    }
}

/// <summary>Who is acting, for the audit trail. The web host reads it from the request; the CLI from the OS user.</summary>
public interface IAuditActor
{
    string ActorId { get; }
    string ActorName { get; }
    string? RequestId { get; }
}

public sealed class SystemActor(string name = "system") : IAuditActor
{
    public string ActorId => "system";
    public string ActorName { get; } = name;
    public string? RequestId => null;
}
