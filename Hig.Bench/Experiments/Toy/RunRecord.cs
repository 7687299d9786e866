using System.Collections.Generic;
using Hig.Optim;

namespace Hig.Bench.Experiments.Toy;

/// <summary>One logged step of a run: a row of its CSV file.</summary>
/// <param name="Iteration">Optimizer steps done (0 is the initial network).</param>
/// <param name="Seconds">Training wall-clock seconds so far (validation and logging excluded): the only timing column.</param>
/// <param name="TrainingLoss">The loss over the whole training set.</param>
/// <param name="ValidationLoss">The loss over the validation set.</param>
/// <param name="ActivationMean">The mean of the hidden tanh activations over all neurons and validation inputs.</param>
/// <param name="ActivationStd">Their standard deviation (population form, dividing by the count).</param>
/// <param name="SaturatedFraction">The fraction of those activations with |a| &gt; 0.99 (saturated tanh neurons, whose
/// derivative 1 − a² is below 0.02).</param>
/// <param name="Y1">The tracked sample's output y₁ = f₁.</param>
/// <param name="Y2">The tracked sample's output y₂ = λ·f₂.</param>
/// <param name="StepNorm">‖Δθ‖ of the step that led here (0 at iteration 0).</param>
public readonly record struct LogRow(
    long Iteration, double Seconds, double TrainingLoss, double ValidationLoss, double ActivationMean, double ActivationStd, double SaturatedFraction,
    double Y1, double Y2, double StepNorm);

/// <summary>What a run is: λ, optimizer and seed (the budget and sizes come from <see cref="ToySettings"/>).</summary>
/// <param name="Lambda">λ, the scale of the second output.</param>
/// <param name="Optimizer">The optimizer and its hyper-parameters.</param>
/// <param name="Seed">The run's seed (training data, initial θ and mini-batch order all derive from it).</param>
public sealed record RunSpec(double Lambda, OptimizerSettings Optimizer, ulong Seed);

/// <summary>The outcome of one run: its logged rows and final state.</summary>
/// <param name="Spec">What was run.</param>
/// <param name="Rows">The logged steps, iteration 0 first and the final state last.</param>
/// <param name="Iterations">Optimizer steps done.</param>
/// <param name="Seconds">Training seconds used (validation and logging excluded).</param>
/// <param name="StopReason">Why the run ended.</param>
/// <param name="Failure">The failed step's message when <paramref name="StopReason"/> is <see cref="StopReason.StepFailed"/>.</param>
public sealed record RunResult(RunSpec Spec, IReadOnlyList<LogRow> Rows, long Iterations, double Seconds, StopReason StopReason, string? Failure)
{
    /// <summary>The final state's row.</summary>
    public LogRow Final => Rows[^1];

    /// <summary>The first logged row whose validation loss is below <paramref name="threshold"/>, or null if none is.</summary>
    public LogRow? FirstBelow(double threshold)
    {
        foreach (LogRow row in Rows)
        {
            if (row.ValidationLoss < threshold)
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>Optimizer steps per training second.</summary>
    public double StepsPerSecond => Seconds > 0 ? Iterations / Seconds : double.NaN;
}
