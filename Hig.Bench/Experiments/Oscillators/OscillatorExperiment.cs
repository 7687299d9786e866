// OscillatorExperiment: `Hig.Bench oscillators` as a problem definition for the shared runner — the HIG chapter's
// coupled oscillators (OscillatorProblem, docs/oscillators.md): the book's linear chain by default, the paper's cubic
// chain with --variant cubic; each variant's optimizer defaults are those of its reference code; the must-holds are the
// linear chain's.
using System;
using System.Collections.Generic;
using System.Text.Json;
using Hig.Bench.Experiments.Cli;
using Hig.Bench.Experiments.Oscillators.Figure;
using Hig.Bench.Experiments.Runner;
using Hig.Bench.Experiments.Runner.Output;
using Hig.Nn;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Bench.Experiments.Oscillators;

/// <summary>The coupled oscillators (see the file header).</summary>
public sealed class OscillatorExperiment : Experiment, IListsAllCases
{
    /// <summary>The default training time per run, in seconds (docs/oscillators.md says how it was chosen).</summary>
    public const double Seconds = 5;

    /// <summary>The update counts at which the must-holds read the training loss.</summary>
    public const long EarlyUpdates = 512, LateUpdates = 2048;

    /// <summary>The linear chain, the default case.</summary>
    public static OscillatorCase Linear { get; } = new(OscillatorVariant.Linear);

    /// <summary>The cubic chain.</summary>
    public static OscillatorCase Cubic { get; } = new(OscillatorVariant.Cubic);

    /// <inheritdoc/>
    public override string Name => "oscillators";

    /// <inheritdoc/>
    public override string Summary => "the chapter's coupled oscillators: a controller trained through an RK4 solver";

    /// <inheritdoc/>
    public override IReadOnlyList<string> Description { get; } =
    [
        "The coupled-oscillator example of the HIG chapter of Physics-based Deep Learning: a network takes a target state",
        "s* of two oscillators and outputs one control per RK4 step; the chain runs from s* under those controls for T = 12",
        "and should end at s* again (loss Σ(s_T − s*)², batch mean). linear: the book's chain (coupling 0.2, 24 steps of",
        "0.5, tanh controller); cubic: the paper's (cubic coupling, 96 steps of 0.125, ReLU controller). Adam, Gauss-Newton",
        "(GN) and HIG get the same training-time budget each, over several seeds. Writes <variant>/<optimizer>-seed-<seed>.csv",
        "per run, oscillators-<variant>.svg and summary.json; prints a table of medians and checks the must-holds (linear).",
        "Settings and how they were chosen: docs/oscillators.md.",
    ];

    /// <inheritdoc/>
    public override string CaseFlag => "--variant";

    /// <inheritdoc/>
    public override string CaseFlagHelp => "linear (the book's chain, the default) or cubic (the paper's); linear,cubic runs both";

    /// <inheritdoc/>
    public override string CaseColumn => "variant";

    /// <inheritdoc/>
    public override IReadOnlyList<IExperimentCase> DefaultCases { get; } = [Linear];

    /// <inheritdoc/>
    public IReadOnlyList<IExperimentCase> AllCases { get; } = [Linear, Cubic];

    /// <inheritdoc/>
    public override double DefaultSeconds => Seconds;

    /// <inheritdoc/>
    public override int DefaultSeeds => 5;

    /// <inheritdoc/>
    public override int TrainingSize => OscillatorProblem.TrainingSize;

    /// <inheritdoc/>
    public override double LogRatio => 1.1;

    /// <inheritdoc/>
    public override IReadOnlyList<long> LoggedIterations { get; } = [EarlyUpdates, LateUpdates];

    /// <inheritdoc/>
    public override BatchOrder BatchOrder => BatchOrder.Sequential;

    /// <inheritdoc/>
    public override string ValidationColumn => "test_loss";

    /// <inheritdoc/>
    public override IReadOnlyList<string> ExtraColumns { get; } = [];

    /// <inheritdoc/>
    public override bool FollowsValidation => false;

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumn> TableColumns { get; } =
    [
        ResultTable.FinalLoss("train loss", validation: false),
        ResultTable.FinalLossRange("train min…max", validation: false),
        ResultTable.FinalLoss("test loss", validation: true),
        new("at 512", g => Invariant.Short(g.Median(r => r.TrainingLossAt(EarlyUpdates)))),
        new("at 2048", g => Invariant.Short(g.Median(r => r.TrainingLossAt(LateUpdates)))),
        ResultTable.SecondsToThreshold("t→thr [s]"),
        ResultTable.Reached("reached"),
        ResultTable.IterationsToThreshold("it→thr"),
        ResultTable.Iterations("iterations"),
        ResultTable.StepsPerSecond("steps/s"),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<RunMetric> Metrics { get; } =
    [
        new($"training_loss_at_{EarlyUpdates}", (_, r) => r.TrainingLossAt(EarlyUpdates)),
        new($"training_loss_at_{LateUpdates}", (_, r) => r.TrainingLossAt(LateUpdates)),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<RunMetric> GridMetrics => Metrics;

    /// <inheritdoc/>
    public override IReadOnlyList<IExperimentCase> WarmUpCases(RunnerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Cases; // the two variants have networks of different widths
    }

    /// <inheritdoc/>
    public override IExperimentCase ParseCase(string text) => text.ToLowerInvariant() switch
    {
        "linear" => Linear,
        "cubic" => Cubic,
        _ => throw new UsageException($"--variant expects linear or cubic, got '{text}'"),
    };

    /// <summary>
    /// The optimizers of a variant: linear — the book's notebook (Adam η = 1e-3 at batch 256 with Keras' ε = 1e-7; HIG
    /// η = 1, τ = 1e-10 at batch 32) and the paper's GN settings (η = 1, τ = 1e-6) at HIG's batch; cubic — the paper's
    /// code (Adam η = 3e-4 at batch 512; GN and HIG η = 1, τ = 1e-6 at batch 128).
    /// </summary>
    public override IReadOnlyList<OptimizerSettings> DefaultOptimizers(IExperimentCase @case) =>
        Variant(@case) == OscillatorVariant.Linear
            ? [OptimizerSettings.Adam(1e-3, 256, 1e-7), OptimizerSettings.GaussNewton(1, 1e-6, 32), OptimizerSettings.Hig(1, 1e-10, 32)]
            : [OptimizerSettings.Adam(3e-4, 512, 1e-7), OptimizerSettings.GaussNewton(1, 1e-6, 128), OptimizerSettings.Hig(1, 1e-6, 128)];

    /// <inheritdoc/>
    public override double Threshold(IExperimentCase @case) => Variant(@case) == OscillatorVariant.Linear ? 1e-5 : 1e-3;

    /// <inheritdoc/>
    public override string ThresholdLabel(IExperimentCase @case) => Variant(@case) == OscillatorVariant.Linear ? "1e-5" : "1e-3";

    /// <inheritdoc/>
    public override int ParameterCount(IExperimentCase @case) => OscillatorProblem.CreateNetwork<double>(Variant(@case)).ParameterCount;

    /// <inheritdoc/>
    public override int OutputSize(IExperimentCase @case) => OscillatorProblem.StateSize;

    /// <inheritdoc/>
    public override RunInstance<T> Create<T>(IExperimentCase @case, Rng data)
    {
        OscillatorVariant variant = Variant(@case);
        Dataset<T> training = OscillatorProblem.States<T>(OscillatorProblem.TrainingSize, data);
        Dataset<T> test = OscillatorProblem.States<T>(OscillatorProblem.TestSize, data);
        Mlp<T> network = OscillatorProblem.CreateNetwork<T>(variant);
        OscillatorChain<T> chain = OscillatorProblem.Chain<T>(variant);
        var model = new ComposedModel<T>(network, chain);
        var probe = new OscillatorProbe<T>(model, chain, test.Inputs.Row(0));
        return new RunInstance<T>(model, network, L2Loss<T>.SumOfSquares(OscillatorProblem.StateSize), training, test, probe);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<MustHold>? Checks(RunnerSettings settings, IReadOnlyList<RunGroup> groups, double totalSeconds)
    {
        RunGroup? adam = RunGroups.Find(groups, Linear, OptimizerKind.Adam), hig = RunGroups.Find(groups, Linear, OptimizerKind.Hig);
        if (adam is null || hig is null)
        {
            return null;
        }

        double higEarly = hig.Median(r => r.TrainingLossAt(EarlyUpdates)), adamLate = adam.Median(r => r.TrainingLossAt(LateUpdates));
        double higFinal = hig.Median(r => r.Final.TrainingLoss), adamFinal = adam.Median(r => r.Final.TrainingLoss);
        return
        [
            new(higEarly <= 1e-5, $"linear: HIG's training loss after {EarlyUpdates} updates ≤ 1e-5 ({Reached(higEarly, EarlyUpdates)})"),
            new(adamLate >= 1e-4, $"linear: Adam's training loss after {LateUpdates} updates ≥ 1e-4 ({Reached(adamLate, LateUpdates)})"),
            new(higFinal <= adamFinal / 100,
                $"linear: at the end of the budget HIG's loss ≤ 1/100 of Adam's (HIG {Invariant.Short(higFinal)}, Adam {Invariant.Short(adamFinal)}, "
                + $"ratio {Invariant.Short(adamFinal / higFinal)})"),
            new(totalSeconds <= 120, $"whole invocation within 120 s ({Invariant.Seconds(totalSeconds)} s)"),
        ];
    }

    /// <inheritdoc/>
    public override IReadOnlyList<(string FileName, string Svg)> Figures(RunnerSettings settings, IReadOnlyList<RunResult> results, IReadOnlyList<RunGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(groups);
        var figures = new List<(string, string)>();
        foreach (IExperimentCase @case in settings.Cases)
        {
            var own = new List<RunGroup>();
            foreach (RunGroup group in groups)
            {
                if (group.Case.Equals(@case))
                {
                    own.Add(group);
                }
            }

            OscillatorChain<double> chain = OscillatorProblem.Chain<double>(Variant(@case));
            figures.Add((OscillatorFigure.FileName((OscillatorCase)@case), OscillatorFigure.Draw((OscillatorCase)@case, own, settings, chain.Steps * chain.TimeStep)));
        }

        return figures;
    }

    /// <inheritdoc/>
    public override void WriteProblem(Utf8JsonWriter json, RunnerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteString("source", "Thuerey et al., Physics-based Deep Learning, HIG chapter, coupled oscillators (notebook physgrad-hig-code); "
            + "cubic variant after Schnell, Holl & Thuerey, ICLR 2022 (Nonlinear_oscillators)");
        json.WriteString("task", "return to the start: the network maps a target state s* to one control per step; the chain runs from s0 = s* for T = 12");
        json.WriteString("physics", "x_i' = v_i, v_i' = -x_i + F_i - F_(i-1) + gain * c_i * u(t), F_e = k_lin * d_e + k_cub * d_e^3, d_e = x_(e+1) - x_e; "
            + "classical RK4, the control held constant within each step");
        json.WriteString("loss", "batch mean of sum_k (s_T - s*)_k^2 (no 1/2, as in the reference code: its GN/HIG inputs are ours exactly)");
    }

    /// <inheritdoc/>
    public override void WriteSettings(Utf8JsonWriter json, RunnerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(settings);
        json.WriteNumber("training_size", OscillatorProblem.TrainingSize);
        json.WriteNumber("test_size", OscillatorProblem.TestSize);
        json.WriteString("data", "states uniform in [0, 1)^4 from each run's seed, training then test; each state is its own target");
        json.WriteString("tracked_sample", "the first test state (figure panels 2 and 3)");
        json.WriteStartObject("variants_detail");
        foreach (IExperimentCase @case in settings.Cases)
        {
            OscillatorVariant variant = Variant(@case);
            OscillatorChain<double> chain = OscillatorProblem.Chain<double>(variant);
            json.WriteStartObject(@case.Key);
            json.WriteNumber("oscillators", chain.Oscillators);
            json.WriteNumber("steps", chain.Steps);
            json.WriteNumber("time_step", chain.TimeStep);
            json.WriteNumber("linear_coupling", chain.LinearCoupling);
            json.WriteNumber("cubic_coupling", chain.CubicCoupling);
            SummaryWriter.WriteNumbers(json, "driven", [.. chain.Driven.ToArray()]);
            json.WriteNumber("gain", chain.Gain);
            SummaryWriter.WriteNetwork(json, OscillatorProblem.Widths(variant), variant == OscillatorVariant.Linear ? "tanh" : "relu", ParameterCount(@case));
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <inheritdoc/>
    public override void WriteCase(Utf8JsonWriter json, IExperimentCase @case)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(@case);
        json.WriteString("variant", @case.Key);
    }

    /// <inheritdoc/>
    public override void WriteCases(Utf8JsonWriter json, IReadOnlyList<IExperimentCase> cases)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(cases);
        json.WriteStartArray("variants");
        foreach (IExperimentCase @case in cases)
        {
            json.WriteStringValue(@case.Key);
        }

        json.WriteEndArray();
    }

    private static OscillatorVariant Variant(IExperimentCase @case) => ((OscillatorCase)@case).Variant;

    private static string Reached(double loss, long updates) => double.IsNaN(loss) ? $"not reached: a run made fewer than {updates} updates" : Invariant.Short(loss);
}
