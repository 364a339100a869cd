using Parley.Data;
using Parley.Features.Accreditation;
using Parley.Features.Notifications;

namespace Parley.Web.Features.Accreditation;

/// <summary>
/// Every Accreditation:WatchSeconds (60; 0 turns it off): warns Member States 48 hours before a non-objection deadline and
/// publishes each list whose deadline passed, so that every organisation learns its outcome at the same moment.
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
                var done = await NonObjection.RunDeadlinesAsync(scope.ServiceProvider.GetRequiredService<ParleyDb>(),
                    scope.ServiceProvider.GetRequiredService<Notifier>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(), stoppingToken);
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
