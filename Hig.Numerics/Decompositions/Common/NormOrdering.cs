// NormOrdering: the exact, invertible pre-step that lets Householder reductions keep the small singular values of
// graded matrices D₁·A·D₂ (D₁, D₂ diagonal with widely varying entries): rows and columns are permuted to
// decreasing max-norm before factoring, so every reflector sees its large entries first. This is the row sorting of
// Powell & Reid (1969) and Cox & Higham ("Stability of Householder QR factorization for weighted least squares",
// 1998), which makes Householder QR row-wise backward stable, combined with a static analogue of column pivoting.
// The permutations are undone exactly on U (rows) and V (rows), or on g and d in the κ-power step.
// Orders are stable (ties keep their original order), so an already-sorted matrix is left untouched.
using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hig.Numerics;

internal static class NormOrdering
{
    /// <summary>
    /// order[i] = the index of the i-th largest key (stable: equal keys keep increasing index). <paramref name="scratch"/>
    /// holds keys.Length ints. Returns true when the order is the identity.
    /// </summary>
    public static bool Decreasing<T>(ReadOnlySpan<T> keys, Span<int> order, Span<int> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = keys.Length;
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        // Bottom-up merge sort: stable and allocation-free.
        Span<int> src = order, dst = scratch[..n];
        bool swapped = false;
        for (int width = 1; width < n; width *= 2)
        {
            for (int lo = 0; lo < n; lo += 2 * width)
            {
                int mid = Math.Min(lo + width, n), hi = Math.Min(lo + (2 * width), n);
                int a = lo, b = mid, o = lo;
                while (a < mid && b < hi)
                {
                    // Branch-free selection (the comparison is a coin flip on unordered keys, so a branch would
                    // mispredict half the time): take b only when its key is strictly larger, which keeps ties stable.
                    int ia = src[a], ib = src[b];
                    bool larger = keys[ib] > keys[ia];
                    int takeB = Unsafe.As<bool, byte>(ref larger);
                    dst[o++] = ia + ((ib - ia) & -takeB);
                    b += takeB;
                    a += 1 - takeB;
                }

                while (a < mid)
                {
                    dst[o++] = src[a++];
                }

                while (b < hi)
                {
                    dst[o++] = src[b++];
                }
            }

            Span<int> t = src;
            src = dst;
            dst = t;
            swapped = !swapped;
        }

        if (swapped)
        {
            src.CopyTo(order);
        }

        for (int i = 0; i < n; i++)
        {
            if (order[i] != i)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Rows of <paramref name="a"/> in place: new row i = old row order[i] (cycle following, one row of scratch).
    /// <paramref name="order"/> is restored on return.
    /// </summary>
    public static void GatherRows<T>(MatrixView<T> a, Span<int> order, Span<T> rowScratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> saved = rowScratch[..a.Cols];
        for (int start = 0; start < order.Length; start++)
        {
            if (order[start] < 0 || order[start] == start)
            {
                continue;
            }

            a.Row(start).CopyTo(saved);
            int j = start;
            while (true)
            {
                int src = order[j];
                order[j] = ~src; // mark as placed
                if (src == start)
                {
                    saved.CopyTo(a.Row(j));
                    break;
                }

                a.Row(src).CopyTo(a.Row(j));
                j = src;
            }
        }

        Unmark(order);
    }

    /// <summary>Rows of <paramref name="a"/> in place: new row order[i] = old row i (the inverse of <see cref="GatherRows"/>).</summary>
    public static void ScatterRows<T>(MatrixView<T> a, Span<int> order, Span<T> rowScratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> carried = rowScratch[..a.Cols], next = rowScratch.Slice(a.Cols, a.Cols);
        for (int start = 0; start < order.Length; start++)
        {
            if (order[start] < 0 || order[start] == start)
            {
                continue;
            }

            a.Row(start).CopyTo(carried);
            int j = start;
            while (true)
            {
                int dst = order[j];
                order[j] = ~dst;
                if (dst == start)
                {
                    carried.CopyTo(a.Row(dst));
                    break;
                }

                a.Row(dst).CopyTo(next);
                carried.CopyTo(a.Row(dst));
                next.CopyTo(carried);
                j = dst;
            }
        }

        Unmark(order);
    }

    /// <summary>Columns of <paramref name="a"/> in place: new column j = old column order[j].</summary>
    public static void GatherColumns<T>(MatrixView<T> a, ReadOnlySpan<int> order, Span<T> rowScratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> tmp = rowScratch[..a.Cols];
        for (int i = 0; i < a.Rows; i++)
        {
            Span<T> row = a.Row(i);
            for (int j = 0; j < tmp.Length; j++)
            {
                tmp[j] = row[order[j]];
            }

            tmp.CopyTo(row);
        }
    }

    private static void Unmark(Span<int> order)
    {
        for (int i = 0; i < order.Length; i++)
        {
            if (order[i] < 0)
            {
                order[i] = ~order[i];
            }
        }
    }
}
