using System.Globalization;

namespace Parley.Web.Infrastructure;

/// <summary>
/// Rehearsal clock: with Clock:Start set (e.g. 2017-04-10T09:00:00Z) the server's time begins at that instant when the app starts
/// and runs on in real time, so that a secretariat can rehearse a process on its own dates or train staff on a past one.
/// It is configuration only (never settable over HTTP) and the app says so on its console at start.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;

    public static TimeProvider From(IConfiguration configuration)
    {
        var text = configuration["Clock:Start"];
        if (string.IsNullOrWhiteSpace(text))
        {
            return System;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
        {
            throw new InvalidOperationException($"Clock:Start '{text}' is not a date and time (e.g. 2017-04-10T09:00:00Z).");
        }
        Console.WriteLine($"PARLEY-CLOCK rehearsal clock: the server's time starts at {start:O} and runs on from there.");
        return new ShiftedClock(start);
    }
}
