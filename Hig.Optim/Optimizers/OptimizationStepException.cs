using System;

namespace Hig.Optim;

/// <summary>Why an optimizer step failed.</summary>
public enum StepFailure
{
    /// <summary>The gradient ∂L/∂θ held NaN or ±Inf.</summary>
    NonFiniteGradient,

    /// <summary>The Jacobian J or the loss gradient g held NaN or ±Inf.</summary>
    NonFiniteJacobian,

    /// <summary>The SVD of J did not converge within its iteration cap.</summary>
    SvdDidNotConverge,

    /// <summary>The inputs were finite but the computed update was not (it overflowed).</summary>
    NonFiniteUpdate,
}

/// <summary>
/// An optimizer step failed. The step was not applied: θ and the optimizer's state are exactly as before the call.
/// <see cref="Exception.InnerException"/> holds the underlying error when there is one (e.g. the SVD's).
/// </summary>
public sealed class OptimizationStepException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public OptimizationStepException()
        : this("The optimizer step failed; θ and the optimizer state are unchanged.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OptimizationStepException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public OptimizationStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a known failure.</summary>
    public OptimizationStepException(StepFailure failure, string message, Exception? innerException = null)
        : base($"{message} The step was not applied: θ and the optimizer state are unchanged.", innerException)
    {
        Failure = failure;
    }

    /// <summary>The kind of failure.</summary>
    public StepFailure Failure { get; }
}
