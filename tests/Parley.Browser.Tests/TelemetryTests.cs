using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Parley.Browser.Tests;

/// <summary>
/// Issue 16: with an OTLP endpoint configured, the app (started as its own process) sends traces of its requests and metrics
/// including Parley's own to that endpoint; here a small OTLP/HTTP receiver stands in for the collector and reads what arrives.
/// </summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task WithAnOtlpEndpoint_RequestsAreTraced_AndParleysMetricsAreSent()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var received = new ConcurrentDictionary<string, ConcurrentBag<byte[]>>();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var receiving = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                received.GetOrAdd(context.Request.Url!.AbsolutePath, _ => []).Add(body.ToArray());
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        });

        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["Telemetry:MetricsIntervalMs"] = "1000",
            ["Accreditation:WatchSeconds"] = "1",
        });
        using var http = new HttpClient();
        for (var i = 0; i < 5; i++)
        {
            (await http.GetAsync($"{app.BaseUrl}/api/v1/states/MEX")).EnsureSuccessStatusCode();
        }

        bool Has(string path, string text) => received.TryGetValue(path, out var bodies) && bodies.Any(b => Encoding.UTF8.GetString(b).Contains(text, StringComparison.Ordinal));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !(Has("/v1/traces", "/api/v1/states/{code}") && Has("/v1/metrics", "parley.deadlines.runs") && Has("/v1/metrics", "http.server.request.duration")))
        {
            await Task.Delay(250);
        }
        await stop.CancelAsync();
        listener.Stop();
        Assert.True(Has("/v1/traces", "/api/v1/states/{code}"), "no trace of the requests arrived: " + string.Join(", ", received.Keys));
        Assert.True(Has("/v1/traces", "parley"), "the traces do not name the service");
        Assert.True(Has("/v1/metrics", "http.server.request.duration"), "no ASP.NET Core metrics arrived");
        Assert.True(Has("/v1/metrics", "parley.deadlines.runs"), "Parley's own metrics did not arrive");
    }
}
