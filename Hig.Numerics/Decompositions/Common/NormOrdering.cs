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
    /// <summary>Up to this many keys are ordered by insertion; more by radix passes.</summary>
    private const int InsertionLimit = 32;

    /// <summary>
    /// order[i] = the index of the i-th largest key (stable: equal keys keep increasing index). <paramref name="scratch"/>
    /// holds keys.Length ints. Returns true when the order is the identity. The keys are norms or singular values:
    /// non-negative and not NaN (the order of any other value is deterministic but unspecified).
    /// </summary>
    /// <remarks>
    /// Short lists are ordered by insertion. Longer ones by a least-significant-digit radix sort over the bytes of an
    /// order-reversing image of the keys' bit patterns (for x ≥ 0 the IEEE bits increase with x, so their complement
    /// decreases): each pass is a stable counting sort, passes over bytes that are equal in every key are skipped,
    /// and nothing is compared, so the cost is a few linear passes instead of a merge sort's log₂ n dependent ones.
    /// </remarks>
    public static bool Decreasing<T>(ReadOnlySpan<T> keys, Span<int> order, Span<int> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = keys.Length;
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        if (n <= InsertionLimit)
        {
            InsertionDecreasing(keys, order[..n]);
        }
        else
        {
            RadixDecreasing(keys, order[..n], scratch[..n]);
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

    private static void InsertionDecreasing<T>(ReadOnlySpan<T> keys, Span<int> order)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 1; i < order.Length; i++)
        {
            int item = order[i];
            T key = keys[item];
            int j = i - 1;
            while (j >= 0 && keys[order[j]] < key)
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = item;
        }
    }

    private static void RadixDecreasing<T>(ReadOnlySpan<T> keys, Span<int> order, Span<int> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = keys.Length;
        ulong any = 0, all = ulong.MaxValue;
        for (int i = 0; i < n; i++)
        {
            ulong u = DescendingImage(keys[i]);
            any |= u;
            all &= u;
        }

        ulong varying = any ^ all;
        Span<int> start = stackalloc int[256];
        Span<int> src = order, dst = scratch;
        int bits = 8 * Unsafe.SizeOf<T>();
        for (int shift = 0; shift < bits; shift += 8)
        {
            if (((varying >> shift) & 0xFF) == 0)
            {
                continue; // every key has the same byte here: the pass would not move anything
            }

            start.Clear();
            for (int i = 0; i < n; i++)
            {
                start[(int)((DescendingImage(keys[src[i]]) >> shift) & 0xFF)]++;
            }

            int sum = 0;
            for (int d = 0; d < 256; d++)
            {
                int count = start[d];
                start[d] = sum;
                sum += count;
            }

            for (int i = 0; i < n; i++)
            {
                int item = src[i];
                dst[start[(int)((DescendingImage(keys[item]) >> shift) & 0xFF)]++] = item;
            }

            Span<int> t = src;
            src = dst;
            dst = t;
        }

        if (src != order)
        {
            src.CopyTo(order);
        }
    }

    /// <summary>An unsigned image of <paramref name="key"/> that decreases as the key increases (total on non-NaN values).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong DescendingImage<T>(T key)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ulong bits, sign;
        if (typeof(T) == typeof(double))
        {
            bits = BitConverter.DoubleToUInt64Bits(Unsafe.As<T, double>(ref key));
            sign = 1UL << 63;
        }
        else
        {
            bits = BitConverter.SingleToUInt32Bits(Unsafe.As<T, float>(ref key));
            sign = 1UL << 31;
        }

        // Increasing image: non-negative values get the sign bit set, negative ones are complemented; then reversed.
        ulong increasing = (bits & sign) == 0 ? bits | sign : ~bits & ((sign << 1) - 1);
        return ~increasing & ((sign << 1) - 1);
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
