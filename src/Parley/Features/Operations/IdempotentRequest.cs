using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;
using Parley.Data;

namespace Parley.Features.Operations;

/// <summary>
/// A write sent with an <c>Idempotency-Key</c>, and the answer it got: a retry with the same key (by the same caller, to the same
/// method and address, with the same body) gets that answer again instead of writing twice. The record is written in the same
/// transaction as the write itself, so either both are kept or neither (decision 021).
/// </summary>
public sealed class IdempotentRequest
{
    public int Id { get; set; }

    /// <summary>Who sent it and where: the caller's account id (or "anonymous"), the method and the path.</summary>
    public string Scope { get; set; } = "";

    public string Key { get; set; } = "";

    /// <summary>SHA-256 of the body, hex: the same key with another body is refused (422), not replayed.</summary>
    public string RequestHash { get; set; } = "";

    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[] Body { get; set; } = [];
    public DateTime CreatedAt { get; set; }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<IdempotentRequest> b)
    {
        b.HasIndex(r => new { r.Scope, r.Key }).IsUnique();
        b.HasIndex(r => r.CreatedAt);
        b.Property(r => r.Scope).HasMaxLength(700);
        b.Property(r => r.Key).HasMaxLength(255);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.Property(r => r.ContentType).HasMaxLength(200);
        b.Property(r => r.Location).HasMaxLength(500);
    }
}

/// <summary>
/// A use case's own transaction, or a savepoint inside the one already open (a write made under an <c>Idempotency-Key</c> runs in
/// the request's transaction): committing or rolling back then affects only what the use case did.
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private readonly string? _savepoint;

    private UnitOfWork(IDbContextTransaction transaction, string? savepoint)
    {
        _transaction = transaction;
        _savepoint = savepoint;
    }

    public static async Task<UnitOfWork> BeginAsync(ParleyDb db, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is { } outer)
        {
            var name = "uow_" + Guid.NewGuid().ToString("N")[..12];
            await outer.CreateSavepointAsync(name, ct);
            return new UnitOfWork(outer, name);
        }
        return new UnitOfWork(await db.Database.BeginTransactionAsync(ct), null);
    }

    public async Task CommitAsync(CancellationToken ct = default)
    {
        if (_savepoint is null)
        {
            await _transaction.CommitAsync(ct);
        }
        else
        {
            await _transaction.ReleaseSavepointAsync(_savepoint, ct);
        }
    }

    public async Task RollbackAsync(CancellationToken ct = default)
    {
        if (_savepoint is null)
        {
            await _transaction.RollbackAsync(ct);
        }
        else
        {
            await _transaction.RollbackToSavepointAsync(_savepoint, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_savepoint is null)
        {
            await _transaction.DisposeAsync(); // the outer transaction belongs to whoever opened it
        }
    }
}
