using System.Text.Json;
using Parley.Features.Texts;
using StackExchange.Redis;

namespace Parley.Web.Infrastructure;

/// <summary>
/// Several app nodes behind one address (decision 021). With <c>Redis:Connection</c> set, SignalR's messages (the lists of
/// speakers, the projector) go through the Redis backplane and the compilation's change events through Redis pub/sub, so a
/// viewer on any node sees a change made on any node. Without it, one node works alone as before. Data-protection keys are
/// in the database either way; background work runs on the node holding the database lock (<see cref="Parley.Features.Operations.Leadership"/>).
/// </summary>
public static class ScaleOut
{
    public const string ChannelPrefix = "parley";

    public static string? RedisConnection(IConfiguration configuration) =>
        configuration["Redis:Connection"] is { Length: > 0 } c ? c : null;

    public static void AddParleyScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR();
        if (RedisConnection(configuration) is not { } redis)
        {
            return;
        }
        var options = ConfigurationOptions.Parse(redis);
        options.AbortOnConnectFail = false; // a node starts while Redis restarts, and reconnects by itself
        options.ClientName = $"parley-{Environment.MachineName}-{Environment.ProcessId}";
        var multiplexer = ConnectionMultiplexer.Connect(options);
        services.AddSingleton<IConnectionMultiplexer>(multiplexer);
        signalR.AddStackExchangeRedis(o =>
        {
            o.Configuration.ChannelPrefix = RedisChannel.Literal(ChannelPrefix);
            o.ConnectionFactory = _ => Task.FromResult<IConnectionMultiplexer>(multiplexer);
        });
        services.AddHostedService<TextEventsRelay>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
    }
}

/// <summary>Carries the compilation's change events between nodes over one Redis channel.</summary>
internal sealed class TextEventsRelay(IConnectionMultiplexer redis, TextEvents events, ILogger<TextEventsRelay> logger) : IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal($"{ScaleOut.ChannelPrefix}:texts");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(Channel, (_, message) =>
        {
            if (message.HasValue && JsonSerializer.Deserialize<TextEvents.Change>((string)message!, JsonSerializerOptions.Web) is { } change)
            {
                events.Deliver(change);
            }
        });
        events.Outbound = change =>
        {
            var payload = JsonSerializer.Serialize(change, JsonSerializerOptions.Web);
            subscriber.PublishAsync(Channel, payload, CommandFlags.FireAndForget).ContinueWith(
                t => logger.LogWarning(t.Exception, "A text change could not be sent to the other nodes."), TaskContinuationOptions.OnlyOnFaulted);
        };
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        events.Outbound = null;
        await redis.GetSubscriber().UnsubscribeAsync(Channel);
    }
}

internal sealed class RedisHealthCheck(IConnectionMultiplexer redis) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0.#} ms.");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("Redis cannot be reached.");
        }
    }
}
