using System.Diagnostics;
using System.Globalization;

namespace Parley.Bench;

/// <summary>
/// A bounded loopback load: each URL is hit by N concurrent loops for a fixed time; the first URL is the baseline.
/// Usage: load BASE_URL [seconds=10] [concurrency=8]. Refuses any host but loopback.
/// PARLEY_LOAD_PATHS (comma-separated) replaces the default paths; PARLEY_LOAD_TOKEN adds a bearer token;
/// PARLEY_LOAD_ENCODING (e.g. "br" or "gzip") asks for compressed responses, which are read as sent (not decompressed).
/// </summary>
public static class LoadTest
{
    private static readonly string[] Paths =
    [
        "/health/live",
        "/api/v1/states",
        "/api/v1/states?ldcAsOf=2018-01-01",
        "/api/v1/states?group=AG&q=republic",
        "/api/v1/states/export.csv",
        "/states?ldcAsOf=2018-01-01",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var baseUri = new Uri(args.Length > 0 ? args[0] : "http://127.0.0.1:5080");
        if (!baseUri.IsLoopback)
        {
            Console.Error.WriteLine("The load test only targets loopback addresses.");
            return 2;
        }
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        if (Environment.GetEnvironmentVariable("PARLEY_LOAD_TOKEN") is { Length: > 0 } token)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        if (Environment.GetEnvironmentVariable("PARLEY_LOAD_ENCODING") is { Length: > 0 } encoding)
        {
            http.DefaultRequestHeaders.AcceptEncoding.ParseAdd(encoding);
        }
        var paths = Environment.GetEnvironmentVariable("PARLEY_LOAD_PATHS") is { Length: > 0 } custom ? custom.Split(',') : Paths;

        Console.WriteLine($"| path | bytes sent | encoding | requests/s | p50 ms | p95 ms | p99 ms | errors | throughput vs baseline | p95 vs baseline p95 |");
        Console.WriteLine($"|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        double? baselineP95 = null;
        double? baseline = null;
        foreach (var path in paths)
        {
            long bytes;
            string sentAs;
            using (var warm = await http.GetAsync(path)) // warm up, and see what one response weighs
            {
                bytes = (await warm.Content.ReadAsByteArrayAsync()).LongLength;
                sentAs = string.Join(",", warm.Content.Headers.ContentEncoding) is { Length: > 0 } e ? e : "identity";
            }
            var latencies = new List<double>();
            var errors = 0;
            var stop = Stopwatch.StartNew();
            var until = TimeSpan.FromSeconds(seconds);
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                var mine = new List<double>();
                while (stop.Elapsed < until)
                {
                    var t = Stopwatch.GetTimestamp();
                    using var response = await http.GetAsync(path);
                    await response.Content.ReadAsByteArrayAsync();
                    mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref errors);
                    }
                }
                lock (latencies)
                {
                    latencies.AddRange(mine);
                }
            }));
            latencies.Sort();
            var rps = latencies.Count / stop.Elapsed.TotalSeconds;
            baseline ??= rps;
            var p95 = latencies[(int)(latencies.Count * 0.95)];
            baselineP95 ??= p95;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{path}` | {bytes:N0} | {sentAs} | {rps:F0} | {latencies[latencies.Count / 2]:F2} | {p95:F2} | {latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))]:F2} | {errors} | {rps / baseline.Value:F2} | {p95 / baselineP95.Value:F1} |"));
        }
        return 0;
    }
}
