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

namespace Hig.Numerics;

internal static class Bidiagonalization
{
    /// <summary>Scratch length that <see cref="Reduce"/> needs for an M×N matrix.</summary>
    public static int WorkspaceLength(int rows, int cols, int blockSize) =>
        (blockSize * (rows + cols)) + (rows * blockSize) + rows + cols + (6 * blockSize) + 2;

    /// <summary>Reduces <paramref name="a"/> (M×N, M ≥ N) in place; d, e, tauq, taup receive B and the τ's.</summary>
    public static void Reduce<T>(MatrixView<T> a, Span<T> d, Span<T> e, Span<T> tauq, Span<T> taup, SvdOptions options, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols, nb = options.BlockSize;
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
    private static void ReducePanel<T>(MatrixView<T> a, int nb, Span<T> d, Span<T> e, Span<T> tauq, Span<T> taup, Span<T> work)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols;
        var xt = new MatrixView<T>(work, nb, m);           // Xᵀ: row i = column i of X
        var yt = new MatrixView<T>(work[(nb * m)..], nb, n); // Yᵀ: row i = column i of Y
        Span<T> rest = work[(nb * (m + n))..];
        var panelCopy = new MatrixView<T>(rest, m - nb, nb);
        rest = rest[((m - nb) * nb)..];
        Span<T> col = rest[..m];
        Span<T> t1 = rest.Slice(m, nb + 1), t2 = rest.Slice(m + nb + 1, nb + 1);
        T minusOne = -T.One;

        for (int i = 0; i < nb; i++)
        {
            int len = m - i;

            // Column i, rows i…: bring it up to date with the previous steps, then reduce it.
            Span<T> c = col[..len];
            for (int r = 0; r < len; r++)
            {
                c[r] = a[i + r, i];
            }

            if (i > 0)
            {
                Blas.Gemv(Transpose.No, minusOne, a.Slice(i, 0, len, i), Column(yt, i, 0, i, t1), T.One, c);
                Blas.Gemv(Transpose.Yes, minusOne, xt.Slice(0, i, i, len), Column(a, i, 0, i, t2), T.One, c);
            }

            tauq[i] = HouseholderReflector.Generate(ref c[0], c[1..]);
            d[i] = c[0];
            c[0] = T.One;
            for (int r = 0; r < len; r++)
            {
                a[i + r, i] = c[r];
            }

            // Y(i+1:, i) = τq·(A(i:, i+1:)ᵀ·u − Y(i+1:, 0:i)·(A(i:, 0:i)ᵀ·u) − A(0:i, i+1:)ᵀ·(X(i:, 0:i)ᵀ·u)).
            int right = n - i - 1;
            Span<T> yi = yt.Row(i).Slice(i + 1, right);
            Blas.Gemv(Transpose.Yes, T.One, a.Slice(i, i + 1, len, right), c, T.Zero, yi);
            if (i > 0)
            {
                Span<T> s = t1[..i];
                Blas.Gemv(Transpose.Yes, T.One, a.Slice(i, 0, len, i), c, T.Zero, s);
                Blas.Gemv(Transpose.Yes, minusOne, yt.Slice(0, i + 1, i, right), s, T.One, yi);
                Blas.Gemv(Transpose.No, T.One, xt.Slice(0, i, i, len), c, T.Zero, s);
                Blas.Gemv(Transpose.Yes, minusOne, a.Slice(0, i + 1, i, right), s, T.One, yi);
            }

            Blas.Scal(tauq[i], yi);

            // Row i, columns i+1…: bring it up to date, then reduce it.
            Span<T> row = a.Row(i).Slice(i + 1, right);
            Blas.Gemv(Transpose.Yes, minusOne, yt.Slice(0, i + 1, i + 1, right), a.Row(i)[..(i + 1)], T.One, row);
            if (i > 0)
            {
                Blas.Gemv(Transpose.Yes, minusOne, a.Slice(0, i + 1, i, right), Column(xt, i, 0, i, t1), T.One, row);
            }

            taup[i] = HouseholderReflector.Generate(ref row[0], row[1..]);
            e[i] = row[0];
            row[0] = T.One;

            // X(i+1:, i) = τp·(A(i+1:, i+1:)·v − A(i+1:, 0:i+1)·(Y(i+1:, 0:i+1)ᵀ·v) − X(i+1:, 0:i)·(A(0:i, i+1:)·v)).
            int below = m - i - 1;
            Span<T> xi = xt.Row(i).Slice(i + 1, below);
            Blas.Gemv(Transpose.No, T.One, a.Slice(i + 1, i + 1, below, right), row, T.Zero, xi);
            Span<T> s1 = t1[..(i + 1)];
            Blas.Gemv(Transpose.No, T.One, yt.Slice(0, i + 1, i + 1, right), row, T.Zero, s1);
            Blas.Gemv(Transpose.No, minusOne, a.Slice(i + 1, 0, below, i + 1), s1, T.One, xi);
            if (i > 0)
            {
                Span<T> s2 = t2[..i];
                Blas.Gemv(Transpose.No, T.One, a.Slice(0, i + 1, i, right), row, T.Zero, s2);
                Blas.Gemv(Transpose.Yes, minusOne, xt.Slice(0, i + 1, i, below), s2, T.One, xi);
            }

            Blas.Scal(taup[i], xi);
        }

        // Trailing update A(nb:, nb:) −= V_L·Y(nb:, :)ᵀ + X(nb:, :)·V_R, with the units of the panel in place.
        // The left panel is copied so the gemm output does not share an address range with an input.
        a.Slice(nb, 0, m - nb, nb).CopyTo(panelCopy);
        MatrixView<T> trailing = a.Slice(nb, nb, m - nb, n - nb);
        Blas.Gemm(Transpose.No, Transpose.No, minusOne, panelCopy, yt.Slice(0, nb, nb, n - nb), T.One, trailing);
        Blas.Gemm(Transpose.Yes, Transpose.No, minusOne, xt.Slice(0, nb, nb, m - nb), a.Slice(0, nb, nb, n - nb), T.One, trailing);

        for (int i = 0; i < nb; i++)
        {
            a[i, i] = d[i];
            a[i, i + 1] = e[i];
        }
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
