// The two optimizer families of Hig and what each asks of the model every step:
//   first-order (GD, Adam):        the gradient ∂L/∂θ = Jᵀg, by one reverse pass;
//   least-squares (GN, HIG, any κ): the stacked Jacobian J = ∂y/∂θ and g = ∂L/∂y.
// Every Update either succeeds, or throws OptimizationStepException and leaves θ and the optimizer's state exactly as
// they were.
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Optim;

/// <summary>What an optimizer needs from the model at each step.</summary>
public enum OptimizerInput
{
    /// <summary>The gradient ∂L/∂θ (one reverse pass; J is never formed).</summary>
    Gradient,

    /// <summary>The stacked per-sample Jacobian J = ∂y/∂θ and the loss gradient g = ∂L/∂y.</summary>
    JacobianAndLossGradient,
}

/// <summary>An optimizer: a rule that turns derivatives into an update of the caller-owned parameters θ.</summary>
/// <typeparam name="T">The floating-point type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>What <see cref="Hig.Optim"/>'s trainer must compute for this optimizer.</summary>
    OptimizerInput Input { get; }

    /// <summary>A short name with the hyper-parameters, for logs.</summary>
    string Name { get; }

    /// <summary>Returns the optimizer to its freshly constructed state (e.g. Adam's moments and step count).</summary>
    void Reset();
}

/// <summary>An optimizer driven by the gradient ∂L/∂θ (GD, Adam).</summary>
/// <typeparam name="T">The floating-point type.</typeparam>
public interface IGradientOptimizer<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Updates θ in place from ∂L/∂θ.</summary>
    /// <param name="theta">θ, updated in place.</param>
    /// <param name="gradient">∂L/∂θ, the same length as θ.</param>
    /// <returns>The step's diagnostics.</returns>
    /// <exception cref="ArgumentException">The lengths do not match the optimizer's parameter count.</exception>
    /// <exception cref="OptimizationStepException">The gradient or the update is not finite; θ and the state are unchanged.</exception>
    StepReport<T> Update(Span<T> theta, ReadOnlySpan<T> gradient);
}

/// <summary>An optimizer driven by the stacked Jacobian J = ∂y/∂θ and the loss gradient g = ∂L/∂y (Gauss-Newton, HIG).</summary>
/// <typeparam name="T">The floating-point type.</typeparam>
public interface ILeastSquaresOptimizer<T> : IOptimizer<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Updates θ in place from J and g. J is used as scratch and is overwritten.</summary>
    /// <param name="theta">θ, |θ| entries, updated in place.</param>
    /// <param name="jacobian">J, (b·d_y)×|θ|, rows sample-major; its contents are destroyed.</param>
    /// <param name="lossGradient">g = ∂L/∂y stacked the same way as J's rows (b·d_y entries).</param>
    /// <returns>The step's diagnostics, including the singular-value summary.</returns>
    /// <exception cref="ArgumentException">The shapes do not fit each other.</exception>
    /// <exception cref="OptimizationStepException">J or g is not finite, the SVD did not converge, or the update is not
    /// finite; θ and the state are unchanged.</exception>
    StepReport<T> Update(Span<T> theta, MatrixView<T> jacobian, ReadOnlySpan<T> lossGradient);
}
