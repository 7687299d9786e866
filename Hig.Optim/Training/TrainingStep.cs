using System;
using System.Numerics;

namespace Hig.Optim;

/// <summary>The metrics of one training step, delivered to an <see cref="ITrainingObserver{T}"/>.</summary>
/// <param name="Iteration">Steps completed so far (0 for the initial state, before any step).</param>
/// <param name="Seconds">Training time spent so far (validation and observers excluded).</param>
/// <param name="TrainingLoss">The mini-batch loss at this step, before its update (NaN at iteration 0).</param>
/// <param name="ValidationLoss">The validation loss after this step when <paramref name="IsLogged"/> and a validation set
/// was given; NaN otherwise.</param>
/// <param name="Report">The optimizer's diagnostics for this step (default at iteration 0).</param>
/// <param name="IsLogged">Whether this iteration is on the log schedule.</param>
/// <typeparam name="T">The floating-point type.</typeparam>
public readonly record struct TrainingStep<T>(long Iteration, double Seconds, T TrainingLoss, T ValidationLoss, StepReport<T> Report, bool IsLogged)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>Receives the metrics of a training run as it goes.</summary>
/// <typeparam name="T">The floating-point type.</typeparam>
public interface ITrainingObserver<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>
    /// Called after every step, and once for the initial state (iteration 0). The time spent here is not counted as
    /// training time. <paramref name="theta"/> is the current parameter vector (read-only).
    /// </summary>
    void OnStep(in TrainingStep<T> metrics, ReadOnlySpan<T> theta);
}

/// <summary>Why a training run ended.</summary>
public enum StopReason
{
    /// <summary><see cref="TrainingOptions.MaxIterations"/> steps were taken.</summary>
    IterationBudget,

    /// <summary><see cref="TrainingOptions.MaxSeconds"/> of training time were spent.</summary>
    TimeBudget,

    /// <summary>A step threw <see cref="OptimizationStepException"/>; θ is as it was before that step.</summary>
    StepFailed,
}

/// <summary>The outcome of <see cref="Trainer{T}.Run"/>.</summary>
/// <param name="Iterations">Successful steps taken.</param>
/// <param name="Seconds">Training time spent (validation and observers excluded).</param>
/// <param name="Reason">Why the run ended.</param>
/// <param name="FinalTrainingLoss">The loss over the whole training set at the end.</param>
/// <param name="FinalValidationLoss">The loss over the validation set at the end; NaN without one.</param>
/// <param name="Failure">The failed step's exception when <paramref name="Reason"/> is <see cref="StopReason.StepFailed"/>.</param>
/// <typeparam name="T">The floating-point type.</typeparam>
public sealed record TrainingResult<T>(long Iterations, double Seconds, StopReason Reason, T FinalTrainingLoss, T FinalValidationLoss, OptimizationStepException? Failure)
    where T : unmanaged, IFloatingPointIeee754<T>;

/// <summary>The loss and the optimizer's diagnostics of one <see cref="Trainer{T}.Step"/>.</summary>
/// <param name="Loss">The mini-batch loss before the update.</param>
/// <param name="Report">The optimizer's diagnostics.</param>
/// <typeparam name="T">The floating-point type.</typeparam>
public readonly record struct StepOutcome<T>(T Loss, StepReport<T> Report)
    where T : unmanaged, IFloatingPointIeee754<T>;
