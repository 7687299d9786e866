using System;
using System.Numerics;

namespace Hig.Numerics;

/// <summary>
/// A singular value decomposition A = U·diag(σ)·Vᵀ returned by the allocating <see cref="Svd"/> overloads.
/// </summary>
/// <remarks>
/// Thin: U is m×k, V is n×k with k = min(m, n). Full: U is m×m, V is n×n, and only the first k columns pair with
/// singular values. The singular values are non-negative and sorted in decreasing order. V is returned as V, not Vᵀ.
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public sealed class SvdResult<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[] _singularValues;

    internal SvdResult(Matrix<T> u, T[] singularValues, Matrix<T> v)
    {
        U = u;
        _singularValues = singularValues;
        V = v;
    }

    /// <summary>The left singular vectors, one per column (m×k thin, m×m full).</summary>
    public Matrix<T> U { get; }

    /// <summary>The singular values σ₁ ≥ σ₂ ≥ … ≥ σ_k ≥ 0.</summary>
    public ReadOnlySpan<T> SingularValues => _singularValues;

    /// <summary>The right singular vectors, one per column (n×k thin, n×n full).</summary>
    public Matrix<T> V { get; }
}
