// KappaPower: the HIG / Gauss-Newton step d = V·Λ^(−κ)·Uᵀ·g for A = U·Λ·Vᵀ, with truncation, computed without
// forming U (the left transformations are applied to g as they happen, as LAPACK's dgelss does with its right-hand
// side; the right transformations are recorded and replayed on the short vector). docs/svd.md explains the route.
using System;
using System.Numerics;

namespace Hig.Numerics;

/// <summary>
/// The κ-power step d = V·Λ^(−κ)·Uᵀ·g of an m×n matrix A = U·Λ·Vᵀ (thin SVD): κ = ½ is the Half-Inverse Gradient
/// step, κ = 1 the truncated pseudo-inverse used by Gauss-Newton, κ = 0 the projection onto the kept right singular
/// space. Singular values at or below the <see cref="SingularValueCutoff{T}"/> threshold contribute exactly zero.
/// </summary>
/// <remarks>
/// <para><b>Route.</b> The same pipeline as <see cref="Svd"/> (scaling, norm sorting, QR/LQ pre-step, bidiagonalization,
/// bidiagonal QR) but U is never formed: every left reflector and rotation is applied to g as it is generated, and the
/// right ones are recorded and replayed backwards on the k-vector Λ^(−κ)·Uᵀ·g (or, when the record overflows, folded
/// into a k×k accumulator). <see cref="ApplyExplicit{T}(ReadOnlyMatrixView{T}, ReadOnlySpan{T}, T, SingularValueCutoff{T}, Span{T}, Span{T}, SvdOptions?)"/>
/// forms U and V and multiplies: it is the audit reference, and the two agree to within a few ε·cond(A_kept).</para>
/// <para><b>Truncation.</b> threshold = max(τ·σ_max, absolute) (<see cref="SingularValueCutoff{T}.ThresholdFor"/>);
/// σᵢ ≤ threshold gets weight exactly 0, σᵢ &gt; threshold gets weight σᵢ^(−κ) (computed as 1/σ for κ = 1, 1/√σ for
/// κ = ½, σ^(−κ) otherwise). A kept σ so small that σ^(−κ) overflows gives an infinite d: choose a cut-off.</para>
/// <para><b>Errors.</b> NaN/±Inf in A or g throws <see cref="NonFiniteInputException"/> before any work; a negative,
/// NaN or infinite κ throws <see cref="ArgumentOutOfRangeException"/>; shape mismatches throw
/// <see cref="ArgumentException"/> naming the shapes; non-convergence throws <see cref="SvdNoConvergenceException"/>.</para>
/// <para><b>Memory.</b> The overloads taking a workspace allocate nothing and OVERWRITE A (its contents afterwards are
/// unspecified): the optimizer need not copy a large Jacobian. The overloads without a workspace leave A intact and
/// allocate a copy of A plus the workspace.</para>
/// </remarks>
public static class KappaPower
{
    /// <summary>
    /// Workspace length (elements of <typeparamref name="T"/>) that the overwriting
    /// <see cref="Apply{T}(MatrixView{T}, ReadOnlySpan{T}, T, SingularValueCutoff{T}, Span{T}, Span{T}, Span{T}, SvdOptions?)"/>
    /// needs for an m×n matrix and <paramref name="rhsCount"/> right-hand sides.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    public static int WorkspaceLength<T>(int rows, int cols, int rhsCount = 1, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeGuard.NonNegative(rows, nameof(rows));
        ShapeGuard.NonNegative(cols, nameof(cols));
        ShapeGuard.NonNegative(rhsCount, nameof(rhsCount));
        return KappaPowerDriver.WorkspaceLength<T>(rows, cols, rhsCount, options ?? SvdOptions.Default);
    }

    /// <summary>d = V·Λ^(−κ)·Uᵀ·g for one right-hand side, without allocating; OVERWRITES <paramref name="a"/>.</summary>
    /// <param name="a">The m×n matrix A; used as scratch (its contents afterwards are unspecified).</param>
    /// <param name="g">The vector g, length m.</param>
    /// <param name="kappa">κ ≥ 0 (½ for HIG, 1 for Gauss-Newton).</param>
    /// <param name="cutoff">Which singular values to keep (<see cref="SingularValueCutoff{T}.Default"/>: τ = 1e-6).</param>
    /// <param name="d">Receives d, length n.</param>
    /// <param name="singularValues">Receives the min(m, n) singular values of A, decreasing.</param>
    /// <param name="workspace">Scratch of at least <see cref="WorkspaceLength{T}"/>(m, n, 1) elements.</param>
    /// <param name="options">Tunables; null means <see cref="SvdOptions.Default"/>.</param>
    /// <returns>The kept rank, σ_max, the smallest kept σ and the threshold.</returns>
    /// <exception cref="NonFiniteInputException"><paramref name="a"/> or <paramref name="g"/> holds NaN or ±Inf.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kappa"/> is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">A length does not fit A's shape, or buffers overlap.</exception>
    /// <exception cref="SvdNoConvergenceException">The bidiagonal QR iteration hit its cap.</exception>
    public static KappaPowerSummary<T> Apply<T>(MatrixView<T> a, ReadOnlySpan<T> g, T kappa, SingularValueCutoff<T> cutoff, Span<T> d, Span<T> singularValues, Span<T> workspace, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireVectorLength(g.Length, a.Rows, nameof(g), "m", a.Rows, a.Cols);
        RequireVectorLength(d.Length, a.Cols, nameof(d), "n", a.Rows, a.Cols);
        return Apply(a, new ReadOnlyMatrixView<T>(g, g.Length, 1), kappa, cutoff, new MatrixView<T>(d, d.Length, 1), singularValues, workspace, options);
    }

    /// <summary>D = V·Λ^(−κ)·Uᵀ·G for r right-hand sides (the columns of G), without allocating; OVERWRITES <paramref name="a"/>.</summary>
    /// <param name="a">The m×n matrix A; used as scratch (its contents afterwards are unspecified).</param>
    /// <param name="g">G, m×r.</param>
    /// <param name="kappa">κ ≥ 0 (½ for HIG, 1 for Gauss-Newton).</param>
    /// <param name="cutoff">Which singular values to keep.</param>
    /// <param name="d">Receives D, n×r.</param>
    /// <param name="singularValues">Receives the min(m, n) singular values of A, decreasing.</param>
    /// <param name="workspace">Scratch of at least <see cref="WorkspaceLength{T}"/>(m, n, r) elements.</param>
    /// <param name="options">Tunables; null means <see cref="SvdOptions.Default"/>.</param>
    /// <returns>The kept rank, σ_max, the smallest kept σ and the threshold.</returns>
    /// <exception cref="NonFiniteInputException"><paramref name="a"/> or <paramref name="g"/> holds NaN or ±Inf.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kappa"/> is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentException">A shape does not fit A's shape, or buffers overlap.</exception>
    /// <exception cref="SvdNoConvergenceException">The bidiagonal QR iteration hit its cap.</exception>
    public static KappaPowerSummary<T> Apply<T>(MatrixView<T> a, ReadOnlyMatrixView<T> g, T kappa, SingularValueCutoff<T> cutoff, MatrixView<T> d, Span<T> singularValues, Span<T> workspace, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= SvdOptions.Default;
        Validate(a, g, kappa, d, singularValues);
        SvdArguments.RequireWorkspace(workspace.Length, KappaPowerDriver.WorkspaceLength<T>(a.Rows, a.Cols, g.Cols, options), a.Rows, a.Cols);
        SvdArguments.RequireNoOverlap(workspace, a.Span, nameof(workspace), nameof(a));
        SvdArguments.RequireNoOverlap(workspace, g.Span, nameof(workspace), nameof(g));
        SvdArguments.RequireNoOverlap(workspace, d.Span, nameof(workspace), nameof(d));
        SvdArguments.RequireNoOverlap(workspace, singularValues, nameof(workspace), nameof(singularValues));
        return KappaPowerDriver.Apply(a, g, kappa, cutoff, d, singularValues, workspace, options);
    }

    /// <summary>d = V·Λ^(−κ)·Uᵀ·g for one right-hand side, leaving A intact; allocates a copy of A and the workspace.</summary>
    /// <inheritdoc cref="Apply{T}(MatrixView{T}, ReadOnlySpan{T}, T, SingularValueCutoff{T}, Span{T}, Span{T}, Span{T}, SvdOptions?)"/>
    public static KappaPowerSummary<T> Apply<T>(ReadOnlyMatrixView<T> a, ReadOnlySpan<T> g, T kappa, SingularValueCutoff<T> cutoff, Span<T> d, Span<T> singularValues, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireVectorLength(g.Length, a.Rows, nameof(g), "m", a.Rows, a.Cols);
        RequireVectorLength(d.Length, a.Cols, nameof(d), "n", a.Rows, a.Cols);
        return Apply(a, new ReadOnlyMatrixView<T>(g, g.Length, 1), kappa, cutoff, new MatrixView<T>(d, d.Length, 1), singularValues, options);
    }

    /// <summary>D = V·Λ^(−κ)·Uᵀ·G for r right-hand sides, leaving A intact; allocates a copy of A and the workspace.</summary>
    /// <inheritdoc cref="Apply{T}(MatrixView{T}, ReadOnlyMatrixView{T}, T, SingularValueCutoff{T}, MatrixView{T}, Span{T}, Span{T}, SvdOptions?)"/>
    public static KappaPowerSummary<T> Apply<T>(ReadOnlyMatrixView<T> a, ReadOnlyMatrixView<T> g, T kappa, SingularValueCutoff<T> cutoff, MatrixView<T> d, Span<T> singularValues, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= SvdOptions.Default;
        Validate(a, g, kappa, d, singularValues);
        Matrix<T> copy = Matrix<T>.CopyOf(a);
        var workspace = new T[KappaPowerDriver.WorkspaceLength<T>(a.Rows, a.Cols, g.Cols, options)];
        return KappaPowerDriver.Apply(copy.AsView(), g, kappa, cutoff, d, singularValues, workspace, options);
    }

    /// <summary>
    /// The audit reference: forms the thin SVD (U, σ, V) with <see cref="Svd.Thin{T}(ReadOnlyMatrixView{T}, SvdOptions?)"/>
    /// and computes d = V·Λ^(−κ)·(Uᵀ·g) by explicit products, with the same cut-off rule. Leaves A intact; allocates.
    /// </summary>
    /// <inheritdoc cref="Apply{T}(MatrixView{T}, ReadOnlySpan{T}, T, SingularValueCutoff{T}, Span{T}, Span{T}, Span{T}, SvdOptions?)"/>
    public static KappaPowerSummary<T> ApplyExplicit<T>(ReadOnlyMatrixView<T> a, ReadOnlySpan<T> g, T kappa, SingularValueCutoff<T> cutoff, Span<T> d, Span<T> singularValues, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireVectorLength(g.Length, a.Rows, nameof(g), "m", a.Rows, a.Cols);
        RequireVectorLength(d.Length, a.Cols, nameof(d), "n", a.Rows, a.Cols);
        return ApplyExplicit(a, new ReadOnlyMatrixView<T>(g, g.Length, 1), kappa, cutoff, new MatrixView<T>(d, d.Length, 1), singularValues, options);
    }

    /// <summary>
    /// The audit reference for r right-hand sides: forms U, σ, V and computes D = V·Λ^(−κ)·(Uᵀ·G) by explicit products.
    /// Leaves A intact; allocates.
    /// </summary>
    /// <inheritdoc cref="Apply{T}(MatrixView{T}, ReadOnlyMatrixView{T}, T, SingularValueCutoff{T}, MatrixView{T}, Span{T}, Span{T}, SvdOptions?)"/>
    public static KappaPowerSummary<T> ApplyExplicit<T>(ReadOnlyMatrixView<T> a, ReadOnlyMatrixView<T> g, T kappa, SingularValueCutoff<T> cutoff, MatrixView<T> d, Span<T> singularValues, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Validate(a, g, kappa, d, singularValues);
        SvdInput.RequireFinite(g, nameof(g));
        SvdResult<T> svd = Svd.Thin(a, options);
        svd.SingularValues.CopyTo(singularValues);
        KappaPowerSummary<T> summary = KappaWeights.Summarize(singularValues, cutoff);
        int k = singularValues.Length, r = g.Cols;
        var w = new Matrix<T>(k, r);
        Blas.Gemm(Transpose.Yes, Transpose.No, T.One, svd.U, g, T.Zero, w.AsView());
        for (int i = 0; i < k; i++)
        {
            T weight = KappaWeights.Weight(singularValues[i], kappa, summary.Threshold);
            Blas.Scal(weight, w.Row(i));
            if (weight == T.Zero)
            {
                w.Row(i).Clear(); // exact zero even when Uᵀg is infinite
            }
        }

        Blas.Gemm(Transpose.No, Transpose.No, T.One, svd.V, w, T.Zero, d);
        return summary;
    }

    private static void Validate<T>(ReadOnlyMatrixView<T> a, ReadOnlyMatrixView<T> g, T kappa, MatrixView<T> d, Span<T> singularValues)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!T.IsFinite(kappa) || kappa < T.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(kappa), kappa,
                $"kappa must be finite and non-negative (½ for HIG, 1 for Gauss-Newton), got {kappa}.");
        }

        int m = a.Rows, n = a.Cols;
        if (g.Rows != m)
        {
            ShapeGuard.ThrowShape(nameof(g), $"g is {ShapeGuard.Shape(g.Rows, g.Cols)} but A is {ShapeGuard.Shape(m, n)}: g needs m = {m} rows.");
        }

        if (d.Rows != n || d.Cols != g.Cols)
        {
            ShapeGuard.ThrowShape(nameof(d),
                $"d is {ShapeGuard.Shape(d.Rows, d.Cols)} but must be {ShapeGuard.Shape(n, g.Cols)} for A {ShapeGuard.Shape(m, n)} and g {ShapeGuard.Shape(g.Rows, g.Cols)}.");
        }

        SvdArguments.RequireLength(singularValues.Length, Math.Min(m, n), nameof(singularValues), a.Rows, a.Cols);
        SvdArguments.RequireNoOverlap(d.Span, a.Span, nameof(d), nameof(a));
        SvdArguments.RequireNoOverlap(d.Span, g.Span, nameof(d), nameof(g));
        SvdArguments.RequireNoOverlap(singularValues, a.Span, nameof(singularValues), nameof(a));
        SvdArguments.RequireNoOverlap(singularValues, g.Span, nameof(singularValues), nameof(g));
        SvdArguments.RequireNoOverlap(singularValues, d.Span, nameof(singularValues), nameof(d));
    }

    private static void RequireVectorLength(int length, int expected, string name, string dimension, int m, int n)
    {
        if (length != expected)
        {
            ShapeGuard.ThrowShape(name,
                $"{name} has length {length} but A is {ShapeGuard.Shape(m, n)}: {name} needs length {dimension} = {expected}.");
        }
    }
}
