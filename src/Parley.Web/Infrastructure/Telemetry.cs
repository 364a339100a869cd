using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Parley.Web.Infrastructure;

/// <summary>
/// OpenTelemetry traces, metrics and logs over OTLP, only when an endpoint is configured (<c>Telemetry:OtlpEndpoint</c>, or the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>; <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> chooses grpc or http/protobuf). Traces: ASP.NET
/// Core, EF Core, HTTP client, SignalR. Metrics: the same plus the runtime and the business metrics of <see cref="ParleyMetrics"/>.
/// Without an endpoint nothing is collected or sent.
/// </summary>
public static class Telemetry
{
    public static string? Endpoint(IConfiguration configuration) =>
        configuration["Telemetry:OtlpEndpoint"] is { Length: > 0 } e ? e
        : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } standard ? standard : null;

    public static void AddParleyTelemetry(this WebApplicationBuilder builder)
    {
        if (Endpoint(builder.Configuration) is not { } endpoint)
        {
            return;
        }
        var protocol = builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        void Otlp(OtlpExporterOptions o, string signal)
        {
            o.Protocol = protocol;
            // With http/protobuf each signal has its own path under the base address; gRPC takes the address as it is.
            o.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(endpoint.TrimEnd('/') + "/v1/" + signal) : new Uri(endpoint);
        }
        var instance = $"{Environment.MachineName}-{Environment.ProcessId}";
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("parley", serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString(), serviceInstanceId: instance))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource("Microsoft.AspNetCore.SignalR.Server")
                .AddOtlpExporter(o => Otlp(o, "traces")))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(ParleyMetrics.MeterName, "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.SignalR", "Microsoft.EntityFrameworkCore")
                .AddOtlpExporter((o, reader) =>
                {
                    Otlp(o, "metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds =
                        builder.Configuration.GetValue("Telemetry:MetricsIntervalMs", 15_000);
                }))
            .WithLogging(l => l.AddOtlpExporter(o => Otlp(o, "logs")));
    }
}
