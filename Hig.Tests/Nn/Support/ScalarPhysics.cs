using System;
using System.Numerics;
using Hig.Nn;

namespace Hig.Tests.Nn.Support;

/// <summary>
/// A physics function seen only through <see cref="IPhysicsFunction{T}.Evaluate"/>: hides a batched implementation's own
/// derivatives, so that <see cref="ComposedModel{T}"/> differentiates it with the scalar autodiff.
/// </summary>
public sealed class ScalarPhysics<T>(IPhysicsFunction<T> inner) : IPhysicsFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public int InputSize => inner.InputSize;

    public int OutputSize => inner.OutputSize;

    public void Evaluate<TScalar>(ReadOnlySpan<T> x, ReadOnlySpan<TScalar> u, Span<TScalar> y)
        where TScalar : struct, IDifferentiableScalar<TScalar, T> => inner.Evaluate(x, u, y);

    public override string ToString() => $"scalar view of {inner}";
}
