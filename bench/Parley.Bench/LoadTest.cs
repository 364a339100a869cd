using System.Diagnostics;
using System.Globalization;

namespace Parley.Bench;

/// <summary>
/// A bounded loopback load: each URL is hit by N concurrent loops for a fixed time; the first URL is the baseline.
/// Usage: load BASE_URL [seconds=10] [concurrency=8]. Refuses any host but loopback.
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

        Console.WriteLine($"| path | requests/s | p50 ms | p95 ms | errors | throughput vs baseline |");
        Console.WriteLine($"|---|---:|---:|---:|---:|---:|");
        double? baseline = null;
        foreach (var path in Paths)
        {
            await http.GetAsync(path); // warm up
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
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| `{path}` | {rps:F0} | {latencies[latencies.Count / 2]:F2} | {latencies[(int)(latencies.Count * 0.95)]:F2} | {errors} | {rps / baseline.Value:F2} |"));
        }
        return 0;
    }
}
