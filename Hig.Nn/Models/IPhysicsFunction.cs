using System;
using System.Numerics;

namespace Hig.Nn;

/// <summary>
/// A physics function y = P(u; x) applied per sample after the network (u = f(x; θ)), written once generically so it
/// runs on plain numbers (<see cref="Primal{T}"/>), in forward mode (<see cref="Dual{T}"/>) and in reverse mode
/// (<see cref="TapeVariable{T}"/>). <see cref="ComposedModel{T}"/> differentiates it with respect to u; the sample's
/// network input x is passed as plain data (for example an initial state) and is not differentiated.
/// </summary>
/// <remarks>Implementations must compute y from u and x only (no hidden state that changes between calls), write every
/// element of y, and allocate nothing, since they run once per sample in the hot loop.</remarks>
/// <typeparam name="T">The floating-point type.</typeparam>
public interface IPhysicsFunction<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>d_u: the length of u (must equal the network's output width).</summary>
    int InputSize { get; }

    /// <summary>d_y: the length of y.</summary>
    int OutputSize { get; }

    /// <summary>y ← P(u; x) for one sample.</summary>
    /// <typeparam name="TScalar">The scalar type: <see cref="Primal{T}"/>, <see cref="Dual{T}"/> or <see cref="TapeVariable{T}"/>.</typeparam>
    /// <param name="x">The sample's network input (its row of x), plain data.</param>
    /// <param name="u">The network output for the sample, <see cref="InputSize"/> entries.</param>
    /// <param name="y">The physical output, <see cref="OutputSize"/> entries, all written.</param>
    void Evaluate<TScalar>(ReadOnlySpan<T> x, ReadOnlySpan<TScalar> u, Span<TScalar> y)
        where TScalar : struct, IDifferentiableScalar<TScalar, T>;
}
