using System;

namespace Hig.Optim;

/// <summary>The order in which a training run visits its mini-batches.</summary>
public enum BatchOrder
{
    /// <summary>The training set is reshuffled with the run's seed at the start of every epoch (the default).</summary>
    Shuffled = 0,

    /// <summary>Every epoch takes the batches in storage order, rows 0…b−1, b…2b−1, … (as the book's oscillator notebook).</summary>
    Sequential = 1,
}

/// <summary>How a training run is budgeted, seeded and logged. At least one budget must be set.</summary>
public sealed record TrainingOptions
{
    private readonly long? _maxIterations;
    private readonly double? _maxSeconds;
    private readonly BatchOrder _batchOrder;

    /// <summary>Seed of the mini-batch order (the data are reshuffled with it at the start of every epoch). Default 0.</summary>
    public ulong Seed { get; init; }

    /// <summary>Shuffled every epoch (default) or sequential; an incomplete last batch is skipped either way.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to an undefined value.</exception>
    public BatchOrder BatchOrder
    {
        get => _batchOrder;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "BatchOrder must be Shuffled or Sequential.");
            }

            _batchOrder = value;
        }
    }

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
