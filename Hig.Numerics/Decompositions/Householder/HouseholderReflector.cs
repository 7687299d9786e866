// HouseholderReflector: generation and level-2 application of elementary reflectors H = I − τ·v·vᵀ, v₀ = 1.
//
// Generate (LAPACK dlarfg; Golub & Van Loan 4th ed. Alg. 5.1.1): given α and x, finds β, τ and v with
//     H·[α; x] = [β; 0],   H orthogonal and symmetric,   β = −sign(α)·‖[α; x]‖₂,   τ = (β − α)/β ∈ [1, 2],
// or τ = 0 (H = I) when x = 0. Safe scaling as dlarfg: when |β| < safmin/ε the vector is rescaled by 1/(safmin/ε)
// (at most 20 times) so that v = x/(α − β) is computed without underflow, and β is scaled back at the end.
// ‖[α; x]‖ is computed without overflow (Blas.Nrm2 and a scaled hypot).
// Invariants: τ = 0 or 1 ≤ τ ≤ 2; |β| = ‖[α; x]‖; the reflector is orthogonal to working precision.
using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Hig.Numerics;

internal static class HouseholderReflector
{
    /// <summary>
    /// dlarfg: on entry <paramref name="alpha"/> and <paramref name="x"/> hold the vector [α; x]; on return
    /// <paramref name="alpha"/> holds β, <paramref name="x"/> holds v(1:) and the result is τ.
    /// </summary>
    public static T Generate<T>(ref T alpha, Span<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (x.IsEmpty)
        {
            return T.Zero;
        }

        T xnorm = Blas.Nrm2Unchecked(ref MemoryMarshal.GetReference(x), x.Length);
        if (xnorm == T.Zero)
        {
            return T.Zero;
        }

        T beta = -T.CopySign(Hypot(alpha, xnorm), alpha);
        T safmin = MachineConstants<T>.SafeMin / MachineConstants<T>.Eps;
        int knt = 0;
        if (T.Abs(beta) < safmin)
        {
            // β and x may be inaccurate: rescale (bounded loop, as dlarfg) and recompute.
            T rsafmn = T.One / safmin;
            do
            {
                knt++;
                Blas.ScalUnchecked(rsafmn, ref MemoryMarshal.GetReference(x), x.Length);
                beta *= rsafmn;
                alpha *= rsafmn;
            }
            while (T.Abs(beta) < safmin && knt < 20);

            xnorm = Blas.Nrm2Unchecked(ref MemoryMarshal.GetReference(x), x.Length);
            beta = -T.CopySign(Hypot(alpha, xnorm), alpha);
        }

        T tau = (beta - alpha) / beta;
        Blas.ScalUnchecked(T.One / (alpha - beta), ref MemoryMarshal.GetReference(x), x.Length);
        for (int j = 0; j < knt; j++)
        {
            beta *= safmin;
        }

        alpha = beta;
        return tau;
    }

    /// <summary>dlapy2: √(x² + y²) without needless overflow or underflow.</summary>
    public static T Hypot<T>(T x, T y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T xa = T.Abs(x), ya = T.Abs(y);
        T w = T.Max(xa, ya), z = T.Min(xa, ya);
        if (z == T.Zero || w > MachineConstants<T>.SafeMax)
        {
            return w;
        }

        T q = z / w;
        return w * T.Sqrt(Arithmetic.MultiplyAdd(q, q, T.One));
    }

    /// <summary>
    /// C ← H·C for the logical matrix C (its rows are the reflector's coordinates): w = Cᵀv, C −= τ·v·wᵀ.
    /// <paramref name="v"/> has v₀ = 1 explicitly; <paramref name="w"/> is scratch of C's column count.
    /// </summary>
    public static void ApplyLeft<T>(T tau, ReadOnlySpan<T> v, OrientedMatrix<T> c, Span<T> w)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (tau == T.Zero || c.Rows == 0 || c.Cols == 0)
        {
            return;
        }

        w = w[..c.Cols];
        c.MultiplyTransposed(v, w);
        c.RankOneUpdate(-tau, v, w);
    }

    /// <summary>
    /// C ← C·H for a row-major C whose columns are the reflector's coordinates: w = C·v, C −= τ·w·vᵀ.
    /// <paramref name="v"/> has v₀ = 1 explicitly and must not overlap C; <paramref name="w"/> is scratch of C's row count.
    /// </summary>
    public static void ApplyRight<T>(T tau, ReadOnlySpan<T> v, MatrixView<T> c, Span<T> w)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (tau == T.Zero || c.IsEmpty)
        {
            return;
        }

        w = w[..c.Rows];
        Blas.Gemv(Transpose.No, T.One, c, v, T.Zero, w);
        Blas.Ger(-tau, w, v, c);
    }

    /// <summary>
    /// Applies H (symmetric, so also Hᵀ) to the rows of a set of vectors: for each column of <paramref name="g"/>,
    /// g ← g − τ·v·(vᵀg). <paramref name="g"/> is len×r with len = v.Length; <paramref name="w"/> is scratch of r.
    /// </summary>
    public static void ApplyToVectors<T>(T tau, ReadOnlySpan<T> v, MatrixView<T> g, Span<T> w)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (tau == T.Zero || g.IsEmpty)
        {
            return;
        }

        if (g.Cols == 1 && g.RowStride == 1)
        {
            Span<T> x = g.Span;
            T dot = Blas.DotUnchecked(ref MemoryMarshal.GetReference(v), ref MemoryMarshal.GetReference(x), v.Length);
            Blas.AxpyUnchecked(-tau * dot, ref MemoryMarshal.GetReference(v), ref MemoryMarshal.GetReference(x), v.Length);
            return;
        }

        w = w[..g.Cols];
        Blas.Gemv(Transpose.Yes, T.One, g, v, T.Zero, w);
        Blas.Ger(-tau, v, w, g);
    }
}
