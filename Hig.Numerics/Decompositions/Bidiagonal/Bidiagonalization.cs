// Bidiagonalization: Golub-Kahan reduction of an M×N matrix A (M ≥ N) to upper bidiagonal form
//     A = Q·B·Pᵀ,   B = bidiag(d, e) (N×N upper bidiagonal),   Q = H₀⋯H_{N−1},   P = G₀⋯G_{N−2},
// by Householder reflectors applied alternately from the left (zeroing column i below the diagonal) and from the
// right (zeroing row i right of the superdiagonal).
// References: Golub & Van Loan 4th ed. §5.4.8, Alg. 5.4.2; LAPACK dgebd2 (unblocked), dgebrd/dlabrd (blocked).
// Blocked form (dlabrd): nb steps update only the current row and column, accumulating X (M×nb) and Y (N×nb) so that
// the trailing matrix receives A ← A − V_L·Yᵀ − X·V_Rᵀ at the end of the panel as two gemm calls; half the flops
// remain in gemv (the two passes over the trailing matrix per step), as in LAPACK.
// Storage (as LAPACK): d on the diagonal and e on the superdiagonal of A on return; the left reflector Hᵢ below the
// diagonal of column i (unit at (i, i)), the right reflector Gᵢ right of the superdiagonal of row i (unit at
// (i, i+1)); τ's in tauq and taup (taup[N−1] = 0).
// Accuracy: backward stable (B is the exact bidiagonal of A + δA, ‖δA‖ ≤ c·M·N·ε·‖A‖; Higham §19.3). Our X and Y are
// held transposed (one contiguous row per step) because the views are row-major.
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hig.Numerics;

internal static class Bidiagonalization
{
    /// <summary>Trailing-matrix size (bytes) above which the two passes of a step are fused into one (about half of L2).</summary>
    private const long FuseBytes = 1L << 20;

    /// <summary>
    /// Widest dlabrd panel: wider panels move more flops into the panel's gemv passes than they save. Measured in one
    /// process, alternating: 16 against 32 took 0.91–0.95 of the time of the κ-step on 256² and 512², the same on 1024².
    /// </summary>
    private const int MaxPanel = 16;

    /// <summary>Scratch length that <see cref="Reduce"/> needs for an M×N matrix.</summary>
    public static int WorkspaceLength(int rows, int cols, int blockSize)
    {
        int nb = Math.Min(blockSize, MaxPanel);
        return (nb * (rows + cols)) + (rows * nb) + rows + cols + (6 * nb) + 2;
    }

    /// <summary>Reduces <paramref name="a"/> (M×N, M ≥ N) in place; d, e, tauq, taup receive B and the τ's.</summary>
    public static void Reduce<T>(MatrixView<T> a, Span<T> d, Span<T> e, Span<T> tauq, Span<T> taup, SvdOptions options, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols, nb = Math.Min(options.BlockSize, MaxPanel);
        int nx = Math.Max(nb, options.BlockedCrossover);
        int j0 = 0;
        if (nb > 1 && n > nx)
        {
            for (; j0 < n - nx; j0 += nb)
            {
                ReducePanel(a.Slice(j0, j0, m - j0, n - j0), nb, d[j0..], e[j0..], tauq[j0..], taup[j0..], work);
            }
        }

        ReduceUnblocked(a.Slice(j0, j0, m - j0, n - j0), d[j0..], e[j0..], tauq[j0..], taup[j0..], work);
    }

    /// <summary>dgebd2: the unblocked reduction of an M×N block (M ≥ N).</summary>
    private static void ReduceUnblocked<T>(MatrixView<T> a, Span<T> d, Span<T> e, Span<T> tauq, Span<T> taup, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols;
        var l = new OrientedMatrix<T>(a, transposed: false);
        Span<T> w = work[m..];
        for (int i = 0; i < n; i++)
        {
            int len = m - i;
            Span<T> v = work[..len];
            l.CopyColumn(i, i, v);
            tauq[i] = HouseholderReflector.Generate(ref v[0], v[1..]);
            d[i] = v[0];
            if (i < n - 1)
            {
                v[0] = T.One;
                HouseholderReflector.ApplyLeft(tauq[i], v, l.Slice(i, i + 1, len, n - i - 1), w);
            }

            v[0] = d[i];
            l.WriteColumn(i, i, v);
            if (i < n - 1)
            {
                Span<T> row = a.Row(i)[(i + 1)..];
                taup[i] = HouseholderReflector.Generate(ref row[0], row[1..]);
                e[i] = row[0];
                row[0] = T.One;
                HouseholderReflector.ApplyRight(taup[i], row, a.Slice(i + 1, i + 1, m - i - 1, n - i - 1), w);
                row[0] = e[i];
            }
            else
            {
                taup[i] = T.Zero;
            }
        }
    }

    /// <summary>
    /// dlabrd + the dgebrd trailing update: reduces the first nb rows and columns of the M×N block <paramref name="a"/>
    /// (M ≥ N &gt; nb) and applies the accumulated transformations to the trailing (M−nb)×(N−nb) block with gemm.
    /// </summary>
    /// <remarks>
    /// dlabrd reads the trailing matrix twice per step: Aᵀ·uᵢ (for yᵢ) and then A·vᵢ (for xᵢ), which needs vᵢ, which
    /// needs yᵢ. Here the second pass of step i is fused with the first pass of step i+1 (the "BLAS 2.5" idea of
    /// Howell, Demmel, Fulton, Hammarling &amp; Marmol, "Cache efficient bidiagonalization using BLAS 2.5 operators",
    /// ACM TOMS 34(3), 2008): column i+1 of the updated matrix is c̃ − xᵢ with c̃ known before the pass, so while a
    /// row r of A is in L1 we finish xᵢ[r] = τp·(A[r,:]·vᵢ − corrections) and at once accumulate c[r]·A[r, i+2:];
    /// after the pass Aᵀ·u_{i+1} = A[i+1, i+2:] + (Σ c[r]·A[r, i+2:])/(α − β), since u_{i+1} = c/(α − β) below its
    /// unit (with α − β = −τq·β). The trailing matrix is thus read once per step instead of twice.
    /// X (M×nb) and Y (N×nb) are row-major, so row r's corrections are contiguous.
    /// </remarks>
    private static void ReducePanel<T>(MatrixView<T> a, int nb, Span<T> d, Span<T> e, Span<T> tauq, Span<T> taup, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols;
        var x = new MatrixView<T>(work, m, nb);
        var y = new MatrixView<T>(work[(nb * m)..], n, nb);
        Span<T> rest = work[(nb * (m + n))..];
        var panelCopy = new MatrixView<T>(rest, m - nb, nb);
        rest = rest[((m - nb) * nb)..];
        Span<T> c = rest[..m];
        Span<T> acc = rest.Slice(m, n);
        Span<T> s1 = rest.Slice(m + n, nb + 1), s2 = rest.Slice(m + n + nb + 1, nb + 1);
        Span<T> t1 = rest.Slice(m + n + (2 * (nb + 1)), nb + 1);
        T minusOne = -T.One;
        x.Clear();
        y.Clear();

        // Step 0's column needs no update; its y is one plain pass.
        ReduceColumn(a, 0, c[..m], d, tauq);
        ComputeY(a, x, y, 0, c[..m], tauq[0], acc, accumulated: false, alphaMinusBetaInverse: T.Zero, t1);

        for (int i = 0; i < nb; i++)
        {
            int right = n - i - 1, below = m - i - 1;

            // Row i, columns i+1…: bring it up to date with the panel so far, then reduce it.
            Span<T> row = a.Row(i).Slice(i + 1, right);
            Blas.Gemv(Transpose.No, minusOne, y.Slice(i + 1, 0, right, i + 1), a.Row(i)[..(i + 1)], T.One, row);
            if (i > 0)
            {
                Blas.Gemv(Transpose.Yes, minusOne, a.Slice(0, i + 1, i, right), x.Row(i)[..i], T.One, row);
            }

            taup[i] = HouseholderReflector.Generate(ref row[0], row[1..]);
            e[i] = row[0];
            row[0] = T.One;

            // The small products of X(:, i) = τp·(A·v − A(:, 0:i+1)·s1 − X(:, 0:i)·s2).
            Span<T> s1i = s1[..(i + 1)], s2i = s2[..i];
            Blas.Gemv(Transpose.Yes, T.One, y.Slice(i + 1, 0, right, i + 1), row, T.Zero, s1i);
            if (i > 0)
            {
                Blas.Gemv(Transpose.No, T.One, a.Slice(0, i + 1, i, right), row, T.Zero, s2i);
            }

            // Fuse the pass for xᵢ with the next column's pass when the trailing matrix no longer fits in L2; for
            // smaller matrices two plain passes (gemv's four-row kernels) are faster.
            bool fuse = i + 1 < nb && (long)below * right * Unsafe.SizeOf<T>() > FuseBytes;
            if (!fuse)
            {
                Span<T> xi = c[..below];
                Blas.Gemv(Transpose.No, T.One, a.Slice(i + 1, i + 1, below, right), row, T.Zero, xi);
                Blas.Gemv(Transpose.No, minusOne, a.Slice(i + 1, 0, below, i + 1), s1i, T.One, xi);
                if (i > 0)
                {
                    Blas.Gemv(Transpose.No, minusOne, x.Slice(i + 1, 0, below, i), s2i, T.One, xi);
                }

                for (int r = 0; r < below; r++)
                {
                    x[i + 1 + r, i] = taup[i] * xi[r];
                }

                if (i + 1 == nb)
                {
                    break;
                }
            }

            // Column i+1 updated with everything but xᵢ: A(i+1:, i+1) − A(i+1:, 0:i+1)·Y(i+1, 0:i+1)ᵀ − X(i+1:, 0:i)·A(0:i, i+1).
            Span<T> ci = c[..below];
            for (int r = 0; r < below; r++)
            {
                ci[r] = a[i + 1 + r, i + 1];
            }

            Blas.Gemv(Transpose.No, minusOne, a.Slice(i + 1, 0, below, i + 1), y.Row(i + 1)[..(i + 1)], T.One, ci);
            if (i > 0)
            {
                Blas.Gemv(Transpose.No, minusOne, x.Slice(i + 1, 0, below, i), Column(a, i + 1, 0, i, t1), T.One, ci);
            }

            Span<T> w = acc[..(right - 1)];
            if (fuse)
            {
                w.Clear();
                FusedPass(a, x, i, row, s1i, s2i, taup[i], ci, w);
            }
            else
            {
                for (int r = 0; r < below; r++)
                {
                    ci[r] -= x[i + 1 + r, i];
                }
            }

            // Reduce column i+1 and compute its y (from the accumulated Aᵀ·c when fused).
            tauq[i + 1] = HouseholderReflector.Generate(ref ci[0], ci[1..]);
            T beta = ci[0];
            d[i + 1] = beta;
            ci[0] = T.One;
            for (int r = 0; r < below; r++)
            {
                a[i + 1 + r, i + 1] = ci[r];
            }

            T inverse = tauq[i + 1] == T.Zero ? T.Zero : -T.One / (tauq[i + 1] * beta); // 1/(α − β)
            ComputeY(a, x, y, i + 1, ci, tauq[i + 1], acc, accumulated: fuse, inverse, t1);
        }

        // Trailing update A(nb:, nb:) −= V_L·Y(nb:, :)ᵀ + X(nb:, :)·V_R, with the units of the panel in place.
        // The left panel is copied so the gemm output does not share an address range with an input.
        a.Slice(nb, 0, m - nb, nb).CopyTo(panelCopy);
        MatrixView<T> trailing = a.Slice(nb, nb, m - nb, n - nb);
        Blas.Gemm(Transpose.No, Transpose.Yes, minusOne, panelCopy, y.Slice(nb, 0, n - nb, nb), T.One, trailing);
        Blas.Gemm(Transpose.No, Transpose.No, minusOne, x.Slice(nb, 0, m - nb, nb), a.Slice(0, nb, nb, n - nb), T.One, trailing);

        for (int i = 0; i < nb; i++)
        {
            a[i, i] = d[i];
            a[i, i + 1] = e[i];
        }
    }

    /// <summary>Reduces column <paramref name="i"/> (rows i…, no pending updates) and stores u with its unit.</summary>
    private static void ReduceColumn<T>(MatrixView<T> a, int i, Span<T> c, Span<T> d, Span<T> tauq)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int len = a.Rows - i;
        Span<T> u = c[..len];
        for (int r = 0; r < len; r++)
        {
            u[r] = a[i + r, i];
        }

        tauq[i] = HouseholderReflector.Generate(ref u[0], u[1..]);
        d[i] = u[0];
        u[0] = T.One;
        for (int r = 0; r < len; r++)
        {
            a[i + r, i] = u[r];
        }
    }

    /// <summary>
    /// Y(i+1:, i) = τq·(A(i:, i+1:)ᵀ·u − Y(i+1:, 0:i)·(A(i:, 0:i)ᵀ·u) − A(0:i, i+1:)ᵀ·(X(i:, 0:i)ᵀ·u)), u = A(i:, i).
    /// When <paramref name="accumulated"/>, <paramref name="acc"/> already holds Σ_{r ≥ i+1} c[r]·A(r, i+1:) and the
    /// product is A(i, i+1:) + acc/(α − β); otherwise it is one gemv pass.
    /// </summary>
    private static void ComputeY<T>(MatrixView<T> a, MatrixView<T> x, MatrixView<T> y, int i, ReadOnlySpan<T> u, T tau, Span<T> acc, bool accumulated, T alphaMinusBetaInverse, Span<T> t1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int len = a.Rows - i, right = a.Cols - i - 1;
        Span<T> yi = acc[..right];
        if (accumulated)
        {
            Blas.Scal(alphaMinusBetaInverse, yi);
            Blas.Axpy(T.One, a.Row(i).Slice(i + 1, right), yi);
        }
        else
        {
            Blas.Gemv(Transpose.Yes, T.One, a.Slice(i, i + 1, len, right), u[..len], T.Zero, yi);
        }

        if (i > 0)
        {
            Span<T> t = t1[..i];
            Blas.Gemv(Transpose.Yes, T.One, a.Slice(i, 0, len, i), u[..len], T.Zero, t);
            Blas.Gemv(Transpose.No, -T.One, y.Slice(i + 1, 0, right, i), t, T.One, yi);
            Blas.Gemv(Transpose.Yes, T.One, x.Slice(i, 0, len, i), u[..len], T.Zero, t);
            Blas.Gemv(Transpose.Yes, -T.One, a.Slice(0, i + 1, i, right), t, T.One, yi);
        }

        for (int r = 0; r < right; r++)
        {
            y[i + 1 + r, i] = tau * yi[r];
        }
    }

    /// <summary>
    /// One pass over rows r = i+1 … M−1: xᵢ[r] = τp·(A(r, i+1:)·v − A(r, 0:i+1)·s1 − X(r, 0:i)·s2) into X, c[r] −= xᵢ[r],
    /// and for r ≥ i+2, acc += c[r]·A(r, i+2:) while the row is still in L1. Rows go four at a time, so v and acc are
    /// loaded once per four rows.
    /// </summary>
    private static void FusedPass<T>(MatrixView<T> a, MatrixView<T> x, int i, ReadOnlySpan<T> v, ReadOnlySpan<T> s1, ReadOnlySpan<T> s2, T taup, Span<T> c, Span<T> acc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, right = v.Length;
        int r = i + 1;

        // Row i+1 only contributes its x (its c is α, not part of the accumulated product).
        FinishRow(a, x, i, r++, v, s1, s2, taup, c);
        for (; r + 3 < m; r += 4)
        {
            ref T a0 = ref MemoryMarshal.GetReference(a.Row(r).Slice(i + 1, right));
            ref T a1 = ref MemoryMarshal.GetReference(a.Row(r + 1).Slice(i + 1, right));
            ref T a2 = ref MemoryMarshal.GetReference(a.Row(r + 2).Slice(i + 1, right));
            ref T a3 = ref MemoryMarshal.GetReference(a.Row(r + 3).Slice(i + 1, right));
            Blas.Dot4(ref a0, ref a1, ref a2, ref a3, ref MemoryMarshal.GetReference(v), right, out T d0, out T d1, out T d2, out T d3);
            T c0 = Finish(a, x, i, r, d0, s1, s2, taup, c);
            T c1 = Finish(a, x, i, r + 1, d1, s1, s2, taup, c);
            T c2 = Finish(a, x, i, r + 2, d2, s1, s2, taup, c);
            T c3 = Finish(a, x, i, r + 3, d3, s1, s2, taup, c);
            Blas.AccumulateRows4(c0, c1, c2, c3, ref Unsafe.Add(ref a0, 1), ref Unsafe.Add(ref a1, 1), ref Unsafe.Add(ref a2, 1), ref Unsafe.Add(ref a3, 1), ref MemoryMarshal.GetReference(acc), right - 1);
        }

        for (; r < m; r++)
        {
            T cr = FinishRow(a, x, i, r, v, s1, s2, taup, c);
            Blas.AxpyUnchecked(cr, ref MemoryMarshal.GetReference(a.Row(r).Slice(i + 2, right - 1)), ref MemoryMarshal.GetReference(acc), right - 1);
        }
    }

    private static T FinishRow<T>(MatrixView<T> a, MatrixView<T> x, int i, int r, ReadOnlySpan<T> v, ReadOnlySpan<T> s1, ReadOnlySpan<T> s2, T taup, Span<T> c)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Finish(a, x, i, r, Blas.DotUnchecked(ref MemoryMarshal.GetReference(a.Row(r).Slice(i + 1, v.Length)), ref MemoryMarshal.GetReference(v), v.Length), s1, s2, taup, c);

    /// <summary>Given A(r, i+1:)·v, stores xᵢ[r] and returns the updated c[r].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Finish<T>(MatrixView<T> a, MatrixView<T> x, int i, int r, T dot, ReadOnlySpan<T> s1, ReadOnlySpan<T> s2, T taup, Span<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T correction = Blas.DotUnchecked(ref MemoryMarshal.GetReference(a.Row(r)), ref MemoryMarshal.GetReference(s1), i + 1);
        if (i > 0)
        {
            correction += Blas.DotUnchecked(ref MemoryMarshal.GetReference(x.Row(r)), ref MemoryMarshal.GetReference(s2), i);
        }

        T xr = taup * (dot - correction);
        x[r, i] = xr;
        return c[r - i - 1] -= xr;
    }

    /// <summary>Entries (r0 … r0+count−1, <paramref name="col"/>) of <paramref name="t"/>, gathered into <paramref name="scratch"/>.</summary>
    private static ReadOnlySpan<T> Column<T>(MatrixView<T> t, int col, int r0, int count, Span<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < count; r++)
        {
            scratch[r] = t[r0 + r, col];
        }

        return scratch[..count];
    }
}
