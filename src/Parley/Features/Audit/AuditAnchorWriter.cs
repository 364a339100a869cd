using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Parley.Data;

namespace Parley.Features.Audit;

/// <summary>Writes an anchor of the audit chain every <c>Audit:AnchorMinutes</c> (default 10; 0 turns it off) and when the app stops.</summary>
public sealed class AuditAnchorWriter(IServiceProvider services, AuditAnchors anchors, TimeProvider clock, IConfiguration configuration,
    ILogger<AuditAnchorWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Audit:AnchorMinutes", 10);
        if (minutes <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (configuration.GetValue("Audit:AnchorMinutes", 10) > 0)
        {
            await WriteAsync(cancellationToken);
        }
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var anchor = await anchors.WriteAsync(scope.ServiceProvider.GetRequiredService<ParleyDb>(), clock, ct);
            if (anchor is not null)
            {
                logger.LogInformation("Audit chain anchored at entry {Sequence}", anchor.Sequence);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            logger.LogError(e, "Could not write an audit anchor to {File}", anchors.File);
        }
    }
}
