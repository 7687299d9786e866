// Experiment: what a problem definition gives the shared runner. A problem (the toy, the oscillators, later the quantum
// dipole) states its name and help, its cases and their default optimizers, its data, network, physics and loss
// (Create), what its CSV rows carry besides the losses (a probe), its table columns and summary metrics, its
// must-holds and its figures. Everything else — flags and their errors, budgets, seeds and scheduling, the warm-up, the
// recorder, CSV and JSON writing, progress, the grid protocol, the exit codes — is the runner's (ExperimentCommand).
// A later checkpoint/resume feature belongs to the runner too: TrainingRun is the one place that calls Trainer.Run,
// RunnerArguments the one place that parses flags, and every run's outputs are written by the runner's writers.
using System;
using System.Collections.Generic;
using System.Numerics;
using System.Text.Json;
using Hig.Nn;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Bench.Experiments.Runner;

/// <summary>One problem the runner can train: its settings, data, model, outputs and claims.</summary>
public abstract class Experiment
{
    /// <summary>The command name, the default output folder out/&lt;name&gt; and the prefix of messages: toy, oscillators.</summary>
    public abstract string Name { get; }

    /// <summary>One line for the top-level help.</summary>
    public abstract string Summary { get; }

    /// <summary>The help text's description paragraph, line by line.</summary>
    public abstract IReadOnlyList<string> Description { get; }

    /// <summary>The flag that chooses cases, e.g. --lambda or --variant.</summary>
    public abstract string CaseFlag { get; }

    /// <summary>The help of <see cref="CaseFlag"/>, with its default.</summary>
    public abstract string CaseFlagHelp { get; }

    /// <summary>The header of the case column in tables, e.g. λ or variant.</summary>
    public abstract string CaseColumn { get; }

    /// <summary>The cases run by default.</summary>
    public abstract IReadOnlyList<IExperimentCase> DefaultCases { get; }

    /// <summary>A case from its command-line text.</summary>
    /// <exception cref="Cli.UsageException">The text names no case.</exception>
    public abstract IExperimentCase ParseCase(string text);

    /// <summary>The optimizers of a case with their default hyper-parameters and batch sizes: Adam, GN, HIG.</summary>
    public abstract IReadOnlyList<OptimizerSettings> DefaultOptimizers(IExperimentCase @case);

    /// <summary>The default training time per run, in seconds.</summary>
    public abstract double DefaultSeconds { get; }

    /// <summary>The default number of seeds.</summary>
    public virtual int DefaultSeeds => 5;

    /// <summary>Training samples per run: the largest batch.</summary>
    public abstract int TrainingSize { get; }

    /// <summary>Logged iterations grow by this factor (after 1, 2, 3, …).</summary>
    public virtual double LogRatio => 1.05;

    /// <summary>Iterations logged besides the geometric schedule (e.g. those the must-holds read).</summary>
    public virtual IReadOnlyList<long> LoggedIterations => [];

    /// <summary>The longest warm-up run per optimizer (results discarded) that lets the JIT compile before timing.</summary>
    public virtual double WarmupSeconds => 0.4;

    /// <summary>The most iterations of a warm-up run (and never more than an iteration budget).</summary>
    public virtual long WarmupIterations => 1000;

    /// <summary>The cases whose optimizers are warmed up (default: the first case only; cases of other shapes need their own).</summary>
    public virtual IReadOnlyList<IExperimentCase> WarmUpCases(RunnerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return [settings.Cases[0]];
    }

    /// <summary>How every run takes its mini-batches.</summary>
    public virtual BatchOrder BatchOrder => BatchOrder.Shuffled;

    /// <summary>The CSV column of the second loss: validation_loss or test_loss.</summary>
    public abstract string ValidationColumn { get; }

    /// <summary>The experiment's own CSV columns, between the losses and step_norm (the probe measures them).</summary>
    public abstract IReadOnlyList<string> ExtraColumns { get; }

    /// <summary>Whether the followed loss (threshold, figures, progress) is the validation loss, else the training loss.</summary>
    public abstract bool FollowsValidation { get; }

    /// <summary>The loss whose first crossing is timed, per case.</summary>
    public abstract double Threshold(IExperimentCase @case);

    /// <summary>The threshold as it appears in summary keys and table headers, e.g. 1e-2.</summary>
    public abstract string ThresholdLabel(IExperimentCase @case);

    /// <summary>The data, network, model, loss and probe of one run in element type T; training data from <paramref name="data"/>.</summary>
    public abstract RunInstance<T> Create<T>(IExperimentCase @case, Rng data)
        where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>The parameter count of the network of a case (for summaries and the cut-off actually used).</summary>
    public abstract int ParameterCount(IExperimentCase @case);

    /// <summary>d_y, the rows of J per sample.</summary>
    public abstract int OutputSize(IExperimentCase @case);

    /// <summary>The columns of the console table after case and optimizer.</summary>
    public abstract IReadOnlyList<TableColumn> TableColumns { get; }

    /// <summary>Per-run quantities written to summary.json (and their medians) after the final losses.</summary>
    public abstract IReadOnlyList<RunMetric> Metrics { get; }

    /// <summary>The metrics shown in the comparison protocol's table (grid.md) besides the final loss.</summary>
    public virtual IReadOnlyList<RunMetric> GridMetrics => [];

    /// <summary>The must-holds on these results, or null when the invocation does not cover them.</summary>
    public abstract IReadOnlyList<MustHold>? Checks(RunnerSettings settings, IReadOnlyList<RunGroup> groups, double totalSeconds);

    /// <summary>The figures: file name (in the output folder) and SVG text.</summary>
    public abstract IReadOnlyList<(string FileName, string Svg)> Figures(RunnerSettings settings, IReadOnlyList<RunResult> results, IReadOnlyList<RunGroup> groups);

    /// <summary>Writes the "problem" object's properties of summary.json.</summary>
    public abstract void WriteProblem(Utf8JsonWriter json, RunnerSettings settings);

    /// <summary>Writes the experiment's own settings into the "settings" object of summary.json.</summary>
    public abstract void WriteSettings(Utf8JsonWriter json, RunnerSettings settings);

    /// <summary>Writes the properties that name a case in summary.json's results, e.g. "lambda": 0.01.</summary>
    public abstract void WriteCase(Utf8JsonWriter json, IExperimentCase @case);

    /// <summary>Writes the list of cases into summary.json's settings, e.g. "lambdas": [1, 0.01].</summary>
    public abstract void WriteCases(Utf8JsonWriter json, IReadOnlyList<IExperimentCase> cases);
}

/// <summary>Everything one run trains: the model, its network (for θ), the loss, the data and the probe.</summary>
/// <param name="Model">y = P(f(x; θ); x).</param>
/// <param name="Network">f, whose parameters θ are.</param>
/// <param name="Loss">The loss on y.</param>
/// <param name="Training">The training set.</param>
/// <param name="Validation">The validation (or test) set.</param>
/// <param name="Probe">Measures the experiment's own columns and series.</param>
/// <typeparam name="T">The element type.</typeparam>
public sealed record RunInstance<T>(ComposedModel<T> Model, Mlp<T> Network, L2Loss<T> Loss, Dataset<T> Training, Dataset<T> Validation, IRunProbe<T> Probe)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>What an experiment measures during a run besides the losses.</summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IRunProbe<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Writes the experiment's extra columns for θ (one entry per <see cref="Experiment.ExtraColumns"/>).</summary>
    void Measure(ReadOnlySpan<T> theta, Span<double> extras);

    /// <summary>The series for the figures from the initial and the final θ, or null.</summary>
    RunTrace? Trace(ReadOnlySpan<T> initialTheta, ReadOnlySpan<T> finalTheta);
}

/// <summary>A column of the console table.</summary>
/// <param name="Header">The header.</param>
/// <param name="Cell">The cell of a group (medians over seeds).</param>
/// <param name="LeftAligned">Whether the cells are text (left-aligned) rather than numbers.</param>
public sealed record TableColumn(string Header, Func<RunGroup, string> Cell, bool LeftAligned = false);

/// <summary>A per-run quantity of summary.json; its median over seeds is written too.</summary>
/// <param name="Name">The JSON property name.</param>
/// <param name="Value">The value of a run in its group (non-finite values are written as null).</param>
public sealed record RunMetric(string Name, Func<RunGroup, RunResult, double> Value);

/// <summary>One must-hold claim and whether these results meet it.</summary>
/// <param name="Passed">Whether it holds.</param>
/// <param name="Text">What it says, with the measured values.</param>
public sealed record MustHold(bool Passed, string Text);
