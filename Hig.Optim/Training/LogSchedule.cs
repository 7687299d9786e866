using System;

namespace Hig.Optim;

/// <summary>
/// Which iterations of a training run are logged (validation loss evaluated, observer told with <c>IsLogged</c>).
/// Iteration 0 (the initial state) and the last iteration are always logged by the trainer. Schedules depend on the
/// iteration count only, never on time, so runs with an iteration budget log the same rows every time.
/// </summary>
public sealed class LogSchedule
{
    private readonly Func<long, long> _next;

    private LogSchedule(Func<long, long> next, string description)
    {
        _next = next;
        Description = description;
    }

    /// <summary>How the schedule was built, for logs and summaries.</summary>
    public string Description { get; }

    /// <summary>Logs every <paramref name="interval"/>-th iteration.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interval"/> is less than 1.</exception>
    public static LogSchedule Every(long interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, 1);
        return new LogSchedule(last => last + interval, $"every {interval}");
    }

    /// <summary>
    /// Logs iterations 1, 2, 3, … and then each iteration at least <paramref name="ratio"/> times the previous logged
    /// one, so consecutive logged iterations differ by a factor of at most max(ratio, 1 + 1/iteration): the time at
    /// which a threshold is first crossed is resolved to within that factor.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ratio"/> is not greater than 1.</exception>
    public static LogSchedule Geometric(double ratio)
    {
        if (!(ratio > 1.0) || double.IsInfinity(ratio))
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "The ratio of a geometric schedule must be a finite number greater than 1.");
        }

        return new LogSchedule(last => Math.Max(last + 1, (long)Math.Ceiling(last * ratio)), $"geometric ×{ratio}");
    }

    /// <summary>
    /// This schedule, and also every iteration in <paramref name="iterations"/> (for example the update counts a
    /// comparison reads the loss at). The schedule continues from an included iteration as from any logged one
    /// (Every(10).Including(15) logs 10, 15, 25, …). Iterations below 1 are ignored; one given twice is logged once.
    /// </summary>
    public LogSchedule Including(params long[] iterations)
    {
        ArgumentNullException.ThrowIfNull(iterations);
        long[] extra = (long[])iterations.Clone();
        Array.Sort(extra);
        Func<long, long> inner = _next;
        long Next(long last)
        {
            long next = inner(last);
            foreach (long i in extra)
            {
                if (i > last)
                {
                    return Math.Min(next, i);
                }
            }

            return next;
        }

        return new LogSchedule(Next, extra.Length == 0 ? Description : $"{Description}, and at {string.Join(", ", extra)}");
    }

    /// <summary>The next logged iteration after <paramref name="lastLogged"/>.</summary>
    public long Next(long lastLogged) => _next(lastLogged);

    /// <inheritdoc/>
    public override string ToString() => Description;
}
