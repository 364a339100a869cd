using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Notifications;
using Parley.Features.Operations;

namespace Parley.Web.Features.Accreditation;

/// <summary>
/// Every Accreditation:WatchSeconds (60; 0 turns it off): warns Member States 48 hours before a non-objection deadline,
/// publishes each list whose deadline passed (every organisation learns its outcome at the same moment), and records the
/// outcome of each silence procedure whose deadline passed. With several app nodes on one database, only the node that holds
/// the <see cref="Leadership"/> lock runs it, so a deadline is processed once; when that node dies, another takes over at its
/// next tick.
/// </summary>
internal sealed class DeadlineWatcher(IServiceProvider services, IConfiguration configuration, ILogger<DeadlineWatcher> logger,
    Parley.Data.DatabaseSettings database, Parley.Web.Infrastructure.ParleyMetrics metrics) : BackgroundService
{
    private Leadership? _leadership;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_leadership is not null)
        {
            await _leadership.DisposeAsync();
            _leadership = null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue("Accreditation:WatchSeconds", 60);
        if (seconds <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (_leadership is not null && !await _leadership.StillHeldAsync(stoppingToken))
                {
                    await _leadership.DisposeAsync();
                    _leadership = null;
                    logger.LogWarning("Deadline watcher lost its lock on the database; another node may take over.");
                }
                if (_leadership is null)
                {
                    _leadership = await Leadership.TryTakeAsync(database, stoppingToken);
                    if (_leadership is null)
                    {
                        continue; // another node does the background work
                    }
                    logger.LogInformation("This node runs the deadline watcher.");
                }
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ParleyDb>();
                var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
                var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
                var done = await NonObjection.RunDeadlinesAsync(db, notifier, clock, stoppingToken);
                done += await Parley.Features.Texts.TextProcedures.CloseDueAsync(db, notifier, clock, stoppingToken);
                metrics.DeadlineRun(done);
                await Parley.Web.Infrastructure.IdempotencyMiddleware.PurgeAsync(db, clock.GetUtcNow().UtcDateTime, stoppingToken);
                if (done > 0)
                {
                    logger.LogInformation("Deadline watcher acted on {Count} list(s).", done);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Deadline watcher failed; it will try again.");
            }
        }
    }
}
