using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Parley.Data;
using Parley.Features.Identity;

namespace Parley.Web.Infrastructure;

/// <summary>
/// On start with no administrator, prints a one-time setup link to the console (not to the log:
/// the link is a secret and log sinks are shared). <c>Setup:Announce=false</c> turns it off.
/// </summary>
public sealed class SetupLinkAnnouncer(IServiceProvider services, IHostApplicationLifetime lifetime, IServer server,
    IConfiguration configuration, TimeProvider clock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Setup:Announce", true))
        {
            return Task.CompletedTask;
        }
        lifetime.ApplicationStarted.Register(() => _ = AnnounceAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task AnnounceAsync()
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParleyDb>();
        var issued = await SetupLink.IssueAsync(db, clock);
        if (!issued.IsSuccess)
        {
            return;
        }
        var baseUrl = configuration["Setup:BaseUrl"]
            ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? "http://localhost:5080";
        Console.WriteLine();
        Console.WriteLine("  Parley has no administrator yet. Open this one-time link to create the first one:");
        Console.WriteLine($"  PARLEY-SETUP-LINK {baseUrl.TrimEnd('/')}/setup?token={issued.Value.Token}");
        Console.WriteLine($"  It expires at {issued.Value.ExpiresAt:yyyy-MM-dd HH:mm} UTC. `parley admin create` issues a new one.");
        Console.WriteLine();
    }
}
