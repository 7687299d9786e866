using System;

namespace Hig.Optim;

/// <summary>How a training run is budgeted, seeded and logged. At least one budget must be set.</summary>
public sealed record TrainingOptions
{
    private readonly long? _maxIterations;
    private readonly double? _maxSeconds;

    /// <summary>Seed of the mini-batch order (the data are reshuffled with it at the start of every epoch). Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Stop after this many optimizer steps; null for no iteration budget.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative value.</exception>
    public long? MaxIterations
    {
        get => _maxIterations;
        init
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MaxIterations must be non-negative.");
            }

            _maxIterations = value;
        }
    }

    /// <summary>
    /// Stop once this many seconds of training have been spent; null for no time budget. Only training counts (batch
    /// gathering, model derivatives, optimizer steps); validation and observers are excluded, as in the HIG reference code.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative or non-finite value.</exception>
    public double? MaxSeconds
    {
        get => _maxSeconds;
        init
        {
            if (value is { } seconds && (!(seconds >= 0) || double.IsInfinity(seconds)))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "MaxSeconds must be finite and non-negative.");
            }

            _maxSeconds = value;
        }
    }

    /// <summary>Which iterations are logged; default <see cref="LogSchedule.Geometric"/>(1.05).</summary>
    public LogSchedule LogSchedule { get; init; } = LogSchedule.Geometric(1.05);
}
