// Svd: the public entry points of the singular value decomposition A = U·diag(σ)·Vᵀ of a dense m×n matrix.
// The pipeline (SvdDriver) and every stage are described in docs/svd.md; in short: reject non-finite input,
// scale into the safe range (dgesvd), sort rows and columns by norm, QR or LQ when one side is ≥ 1.6× the other,
// Golub-Kahan bidiagonalization (dgebrd), implicit-shift bidiagonal QR with the Demmel-Kahan zero shift (dbdsqr),
// then rotations accumulated into U and V in cache-friendly blocks.
using System;
using System.Numerics;

namespace Hig.Numerics;

/// <summary>
/// Singular value decomposition A = U·diag(σ)·Vᵀ of an m×n matrix, for <see cref="float"/> and <see cref="double"/>:
/// values only, thin (U m×k, V n×k, k = min(m, n)) or full (U m×m, V n×n). The algorithm follows LAPACK's dgesvd
/// with the QR-iteration bidiagonal solver dbdsqr; see the remarks and docs/svd.md.
/// </summary>
/// <remarks>
/// <para><b>Accuracy.</b> Backward stable: the computed factors are the exact SVD of A + δA with ‖δA‖ ≤ p(m,n)·ε·‖A‖,
/// and U, V are orthonormal to working precision (LAPACK's test ratios, <see cref="SvdDiagnostics"/>, are of order 1).
/// The bidiagonal stage computes every singular value of the bidiagonal to high relative accuracy (Demmel-Kahan);
/// with <see cref="SvdOptions.SortByNorm"/> (the default) the small singular values of graded matrices D₁·A·D₂ are
/// also kept to high relative accuracy in practice (docs/svd.md states what is tested).</para>
/// <para><b>Output.</b> Singular values are non-negative and sorted in decreasing order; V is returned as V (not Vᵀ);
/// the i-th columns of U and V pair with σᵢ.</para>
/// <para><b>Errors.</b> Any NaN or ±Inf in A throws <see cref="NonFiniteInputException"/> before any work; a bidiagonal
/// QR that exceeds its cap of 6·k² inner steps throws <see cref="SvdNoConvergenceException"/> (never observed in
/// testing; the outputs are then unspecified). Shape mismatches throw <see cref="ArgumentException"/> naming the
/// shapes.</para>
/// <para><b>Memory.</b> The overloads taking a workspace allocate nothing (size it with the sibling
/// <c>…WorkspaceLength</c> method; a longer span is fine). The other overloads allocate their outputs and workspace.
/// Outputs must not overlap A, each other or the workspace. The input is never modified.</para>
/// <para><b>Determinism.</b> Same input, options and SIMD width give bitwise-identical results.</para>
/// </remarks>
public static class Svd
{
    /// <summary>Workspace length (elements of <typeparamref name="T"/>) that <see cref="Values{T}(ReadOnlyMatrixView{T}, Span{T}, Span{T}, SvdOptions?)"/> needs for an m×n matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    public static int ValuesWorkspaceLength<T>(int rows, int cols, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeGuard.NonNegative(rows, nameof(rows));
        ShapeGuard.NonNegative(cols, nameof(cols));
        return SvdDriver.ValuesWorkspaceLength<T>(rows, cols, options ?? SvdOptions.Default);
    }

    /// <summary>Singular values only, without allocating.</summary>
    /// <param name="a">The m×n matrix; not modified.</param>
    /// <param name="singularValues">Receives the min(m, n) singular values, decreasing.</param>
    /// <param name="workspace">Scratch of at least <see cref="ValuesWorkspaceLength{T}"/> elements.</param>
    /// <param name="options">Tunables; null means <see cref="SvdOptions.Default"/>.</param>
    /// <exception cref="NonFiniteInputException"><paramref name="a"/> holds NaN or ±Inf.</exception>
    /// <exception cref="SvdNoConvergenceException">The bidiagonal QR iteration hit its cap.</exception>
    /// <exception cref="ArgumentException">A length does not fit, or an output overlaps the input.</exception>
    public static void Values<T>(ReadOnlyMatrixView<T> a, Span<T> singularValues, Span<T> workspace, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= SvdOptions.Default;
        int k = Math.Min(a.Rows, a.Cols);
        SvdArguments.RequireLength(singularValues.Length, k, nameof(singularValues), a.Rows, a.Cols);
        SvdArguments.RequireWorkspace(workspace.Length, SvdDriver.ValuesWorkspaceLength<T>(a.Rows, a.Cols, options), a.Rows, a.Cols);
        SvdArguments.RequireNoOverlap(singularValues, a.Span, nameof(singularValues), nameof(a));
        SvdArguments.RequireNoOverlap(workspace, a.Span, nameof(workspace), nameof(a));
        SvdArguments.RequireNoOverlap(workspace, singularValues, nameof(workspace), nameof(singularValues));
        SvdDriver.Values(a, singularValues, workspace, options);
    }

    /// <summary>Singular values only; allocates the result and the workspace.</summary>
    /// <inheritdoc cref="Values{T}(ReadOnlyMatrixView{T}, Span{T}, Span{T}, SvdOptions?)"/>
    public static T[] Values<T>(ReadOnlyMatrixView<T> a, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= SvdOptions.Default;
        var s = new T[Math.Min(a.Rows, a.Cols)];
        Values(a, s, new T[SvdDriver.ValuesWorkspaceLength<T>(a.Rows, a.Cols, options)], options);
        return s;
    }

    /// <summary>Singular values only; allocates the result and the workspace.</summary>
    /// <inheritdoc cref="Values{T}(ReadOnlyMatrixView{T}, Span{T}, Span{T}, SvdOptions?)"/>
    public static T[] Values<T>(Matrix<T> a, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        return Values(a.AsReadOnlyView(), options);
    }

    /// <summary>Workspace length that the allocation-free <see cref="Thin{T}(ReadOnlyMatrixView{T}, MatrixView{T}, Span{T}, MatrixView{T}, Span{T}, SvdOptions?)"/> needs for an m×n matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    public static int ThinWorkspaceLength<T>(int rows, int cols, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeGuard.NonNegative(rows, nameof(rows));
        ShapeGuard.NonNegative(cols, nameof(cols));
        return SvdDriver.VectorsWorkspaceLength<T>(rows, cols, full: false, options ?? SvdOptions.Default);
    }

    /// <summary>Thin SVD A = U·diag(σ)·Vᵀ with U m×k and V n×k (k = min(m, n)), without allocating.</summary>
    /// <param name="a">The m×n matrix; not modified.</param>
    /// <param name="u">Receives U, m×k, orthonormal columns.</param>
    /// <param name="singularValues">Receives σ₁ ≥ … ≥ σ_k ≥ 0.</param>
    /// <param name="v">Receives V, n×k, orthonormal columns (V, not Vᵀ).</param>
    /// <param name="workspace">Scratch of at least <see cref="ThinWorkspaceLength{T}"/> elements.</param>
    /// <param name="options">Tunables; null means <see cref="SvdOptions.Default"/>.</param>
    /// <exception cref="NonFiniteInputException"><paramref name="a"/> holds NaN or ±Inf.</exception>
    /// <exception cref="SvdNoConvergenceException">The bidiagonal QR iteration hit its cap.</exception>
    /// <exception cref="ArgumentException">A shape or length does not fit, or outputs overlap.</exception>
    public static void Thin<T>(ReadOnlyMatrixView<T> a, MatrixView<T> u, Span<T> singularValues, MatrixView<T> v, Span<T> workspace, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Decompose(a, u, singularValues, v, workspace, full: false, options ?? SvdOptions.Default);

    /// <summary>Thin SVD; allocates U (m×k), σ, V (n×k) and the workspace.</summary>
    /// <inheritdoc cref="Thin{T}(ReadOnlyMatrixView{T}, MatrixView{T}, Span{T}, MatrixView{T}, Span{T}, SvdOptions?)"/>
    public static SvdResult<T> Thin<T>(ReadOnlyMatrixView<T> a, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Allocate(a, full: false, options ?? SvdOptions.Default);

    /// <summary>Thin SVD; allocates U (m×k), σ, V (n×k) and the workspace.</summary>
    /// <inheritdoc cref="Thin{T}(ReadOnlyMatrixView{T}, MatrixView{T}, Span{T}, MatrixView{T}, Span{T}, SvdOptions?)"/>
    public static SvdResult<T> Thin<T>(Matrix<T> a, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        return Thin(a.AsReadOnlyView(), options);
    }

    /// <summary>Workspace length that the allocation-free <see cref="Full{T}(ReadOnlyMatrixView{T}, MatrixView{T}, Span{T}, MatrixView{T}, Span{T}, SvdOptions?)"/> needs for an m×n matrix.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    public static int FullWorkspaceLength<T>(int rows, int cols, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ShapeGuard.NonNegative(rows, nameof(rows));
        ShapeGuard.NonNegative(cols, nameof(cols));
        return SvdDriver.VectorsWorkspaceLength<T>(rows, cols, full: true, options ?? SvdOptions.Default);
    }

    /// <summary>Full SVD A = U·diag(σ)·Vᵀ with U m×m and V n×n orthogonal, without allocating.</summary>
    /// <param name="a">The m×n matrix; not modified.</param>
    /// <param name="u">Receives U, m×m orthogonal; its first k columns pair with σ.</param>
    /// <param name="singularValues">Receives σ₁ ≥ … ≥ σ_k ≥ 0, k = min(m, n).</param>
    /// <param name="v">Receives V, n×n orthogonal; its first k columns pair with σ.</param>
    /// <param name="workspace">Scratch of at least <see cref="FullWorkspaceLength{T}"/> elements.</param>
    /// <param name="options">Tunables; null means <see cref="SvdOptions.Default"/>.</param>
    /// <exception cref="NonFiniteInputException"><paramref name="a"/> holds NaN or ±Inf.</exception>
    /// <exception cref="SvdNoConvergenceException">The bidiagonal QR iteration hit its cap.</exception>
    /// <exception cref="ArgumentException">A shape or length does not fit, or outputs overlap.</exception>
    public static void Full<T>(ReadOnlyMatrixView<T> a, MatrixView<T> u, Span<T> singularValues, MatrixView<T> v, Span<T> workspace, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Decompose(a, u, singularValues, v, workspace, full: true, options ?? SvdOptions.Default);

    /// <summary>Full SVD; allocates U (m×m), σ, V (n×n) and the workspace.</summary>
    /// <inheritdoc cref="Full{T}(ReadOnlyMatrixView{T}, MatrixView{T}, Span{T}, MatrixView{T}, Span{T}, SvdOptions?)"/>
    public static SvdResult<T> Full<T>(ReadOnlyMatrixView<T> a, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Allocate(a, full: true, options ?? SvdOptions.Default);

    /// <summary>Full SVD; allocates U (m×m), σ, V (n×n) and the workspace.</summary>
    /// <inheritdoc cref="Full{T}(ReadOnlyMatrixView{T}, MatrixView{T}, Span{T}, MatrixView{T}, Span{T}, SvdOptions?)"/>
    public static SvdResult<T> Full<T>(Matrix<T> a, SvdOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        return Full(a.AsReadOnlyView(), options);
    }

    private static SvdResult<T> Allocate<T>(ReadOnlyMatrixView<T> a, bool full, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols, k = Math.Min(m, n);
        var u = new Matrix<T>(m, full ? m : k);
        var v = new Matrix<T>(n, full ? n : k);
        var s = new T[k];
        Decompose(a, u, s, v, new T[SvdDriver.VectorsWorkspaceLength<T>(m, n, full, options)], full, options);
        return new SvdResult<T>(u, s, v);
    }

    private static void Decompose<T>(ReadOnlyMatrixView<T> a, MatrixView<T> u, Span<T> singularValues, MatrixView<T> v, Span<T> workspace, bool full, SvdOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols, k = Math.Min(m, n);
        SvdArguments.RequireShape(u, m, full ? m : k, nameof(u), m, n, full ? "full U is m×m" : "thin U is m×k");
        SvdArguments.RequireShape(v, n, full ? n : k, nameof(v), m, n, full ? "full V is n×n" : "thin V is n×k");
        SvdArguments.RequireLength(singularValues.Length, k, nameof(singularValues), a.Rows, a.Cols);
        SvdArguments.RequireWorkspace(workspace.Length, SvdDriver.VectorsWorkspaceLength<T>(m, n, full, options), a.Rows, a.Cols);
        SvdArguments.RequireNoOverlap(u.Span, a.Span, nameof(u), nameof(a));
        SvdArguments.RequireNoOverlap(v.Span, a.Span, nameof(v), nameof(a));
        SvdArguments.RequireNoOverlap(singularValues, a.Span, nameof(singularValues), nameof(a));
        SvdArguments.RequireNoOverlap(workspace, a.Span, nameof(workspace), nameof(a));
        SvdArguments.RequireNoOverlap(v.Span, u.Span, nameof(v), nameof(u));
        SvdArguments.RequireNoOverlap(singularValues, u.Span, nameof(singularValues), nameof(u));
        SvdArguments.RequireNoOverlap(singularValues, v.Span, nameof(singularValues), nameof(v));
        SvdArguments.RequireNoOverlap(workspace, u.Span, nameof(workspace), nameof(u));
        SvdArguments.RequireNoOverlap(workspace, v.Span, nameof(workspace), nameof(v));
        SvdArguments.RequireNoOverlap(workspace, singularValues, nameof(workspace), nameof(singularValues));
        SvdDriver.Vectors(a, u, singularValues, v, workspace, full, options);
    }
}
