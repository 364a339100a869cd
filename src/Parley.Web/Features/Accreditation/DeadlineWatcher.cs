using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Notifications;

namespace Parley.Web.Features.Accreditation;

/// <summary>
/// Every Accreditation:WatchSeconds (60; 0 turns it off): warns Member States 48 hours before a non-objection deadline,
/// publishes each list whose deadline passed (every organisation learns its outcome at the same moment), and records the
/// outcome of each silence procedure whose deadline passed.
/// </summary>
internal sealed class DeadlineWatcher(IServiceProvider services, IConfiguration configuration, ILogger<DeadlineWatcher> logger) : BackgroundService
{
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
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ParleyDb>();
                var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
                var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
                var done = await NonObjection.RunDeadlinesAsync(db, notifier, clock, stoppingToken);
                done += await Parley.Features.Texts.TextProcedures.CloseDueAsync(db, notifier, clock, stoppingToken);
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
