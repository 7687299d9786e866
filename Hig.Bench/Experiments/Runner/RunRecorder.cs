// RunRecorder: the training observer of a run. On every logged step it measures what the CSV shows — the loss over
// the whole training set, the validation loss the trainer computed, the step norm, and the experiment's own columns
// (its probe) — and appends a row; at the end it asks the probe for the figures' series from the initial and the
// final θ. Its time is not training time: the trainer stops its clock while observers run.
// Invariants: rows are appended in iteration order; all evaluation uses buffers allocated up front and the same
// summation order every time, so an iteration budget gives identical rows on every run.
using System;
using System.Collections.Generic;
using System.Numerics;
using Hig.Optim;

namespace Hig.Bench.Experiments.Runner;

/// <summary>Records the logged steps of one run (see the file header).</summary>
/// <typeparam name="T">The element type.</typeparam>
internal sealed class RunRecorder<T> : ITrainingObserver<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly RunSpec _spec;
    private readonly Trainer<T> _evaluator;
    private readonly RunInstance<T> _run;
    private readonly int _extras;
    private readonly bool _followsValidation;
    private readonly T[] _initialTheta;
    private readonly Action<RunStatus>? _progress;
    private readonly List<LogRow> _rows = [];

    /// <param name="spec">The run.</param>
    /// <param name="evaluator">The run's trainer, used between steps only for <see cref="Trainer{T}.Evaluate"/>: it computes
    /// the training loss exactly as the run's final result does.</param>
    /// <param name="run">The run's model, data and probe.</param>
    /// <param name="extras">How many extra columns the probe writes.</param>
    /// <param name="followsValidation">Whether progress shows the validation loss (else the training loss).</param>
    /// <param name="initialTheta">θ before training (copied).</param>
    /// <param name="progress">Told the run's state on every logged step; may be null.</param>
    public RunRecorder(RunSpec spec, Trainer<T> evaluator, RunInstance<T> run, int extras, bool followsValidation, ReadOnlySpan<T> initialTheta,
        Action<RunStatus>? progress)
    {
        _spec = spec;
        _evaluator = evaluator;
        _run = run;
        _extras = extras;
        _followsValidation = followsValidation;
        _initialTheta = initialTheta.ToArray();
        _progress = progress;
    }

    /// <summary>The rows recorded so far.</summary>
    public IReadOnlyList<LogRow> Rows => _rows;

    /// <summary>The probe's series, after <see cref="Finish"/>.</summary>
    public RunTrace? Trace { get; private set; }

    /// <inheritdoc/>
    public void OnStep(in TrainingStep<T> metrics, ReadOnlySpan<T> theta)
    {
        if (metrics.IsLogged)
        {
            Record(metrics.Iteration, metrics.Seconds, double.CreateTruncating(metrics.ValidationLoss), double.CreateTruncating(metrics.Report.StepNorm), theta);
        }
    }

    /// <summary>
    /// Makes sure the last row is the final state (after a failed step the trainer's last report may be an earlier
    /// unlogged iteration, so the final θ is measured here), and takes the probe's series.
    /// </summary>
    public void Finish(TrainingResult<T> result, ReadOnlySpan<T> theta)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (_rows.Count == 0 || _rows[^1].Iteration != result.Iterations)
        {
            Record(result.Iterations, result.Seconds, double.CreateTruncating(result.FinalValidationLoss), double.NaN, theta);
        }

        Trace = _run.Probe.Trace(_initialTheta, theta);
    }

    private void Record(long iteration, double seconds, double validationLoss, double stepNorm, ReadOnlySpan<T> theta)
    {
        double trainingLoss = double.CreateTruncating(_evaluator.Evaluate(theta, _run.Training));
        var extras = new double[_extras];
        _run.Probe.Measure(theta, extras);
        var row = new LogRow(iteration, seconds, trainingLoss, validationLoss, extras, stepNorm);
        _rows.Add(row);
        _progress?.Invoke(new RunStatus(_spec, iteration, seconds, row.Loss(_followsValidation)));
    }
}
