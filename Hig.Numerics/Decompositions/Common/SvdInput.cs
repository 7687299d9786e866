// SvdInput: the input checks and the range scaling every decomposition starts with.
//  - Non-finite rejection: any NaN/±Inf throws NonFiniteInputException naming the argument and the first offending
//    entry, before any iteration (LAPACK's dbdsqr can loop forever on such input; we never start).
//  - Scaling (LAPACK dgesvd's anrm / dlascl step): when max|aᵢⱼ| lies outside [smlnum, bignum] with
//    smlnum = √safmin / ε_p and bignum = 1/smlnum, the matrix is scaled into that range so no intermediate overflows
//    or underflows needlessly. Unlike dlascl we scale by a power of two, so the scaling itself is exact (barring
//    subnormal results) and is undone exactly on the singular values.
using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Hig.Numerics;

internal static class SvdInput
{
    /// <summary>max|aᵢⱼ| of a finite matrix; throws <see cref="NonFiniteInputException"/> naming the first non-finite entry.</summary>
    public static T MaxAbsRequireFinite<T>(ReadOnlyMatrixView<T> a, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = T.Zero;
        for (int i = 0; i < a.Rows; i++)
        {
            max = T.Max(max, RowMaxAbs(a, i, name));
        }

        return max;
    }

    /// <summary>
    /// One pass over a finite-checked matrix: max|aᵢⱼ| overall (returned), per row (<paramref name="rowMax"/>, length
    /// rows) and per column (<paramref name="colMax"/>, length cols). Throws <see cref="NonFiniteInputException"/>.
    /// </summary>
    public static T Scan<T>(ReadOnlyMatrixView<T> a, string name, Span<T> rowMax, Span<T> colMax)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        colMax.Clear();
        T max = T.Zero;
        for (int i = 0; i < a.Rows; i++)
        {
            T r = RowMaxAbsIntoColumns(a.Row(i), colMax);
            if (!T.IsFinite(r))
            {
                ThrowFirstNonFinite(a, name);
            }

            rowMax[i] = r;
            max = T.Max(max, r);
        }

        return max;
    }

    /// <summary>
    /// max|row| (NaN when the row holds a NaN, +Inf when it holds an infinity), and colMax[j] ← max(colMax[j], |row[j]|),
    /// in one pass. A row of at least one vector ends with a vector that overlaps the previous one: max is idempotent,
    /// so entries seen twice change nothing and no scalar tail is needed.
    /// </summary>
    private static T RowMaxAbsIntoColumns<T>(ReadOnlySpan<T> row, Span<T> colMax)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = row.Length, width = Vector<T>.Count;
        if (!Vector.IsHardwareAccelerated || n < width)
        {
            T amax = T.Zero;
            for (int j = 0; j < n; j++)
            {
                T x = T.Abs(row[j]);
                if (T.IsNaN(x))
                {
                    return x;
                }

                amax = T.Max(amax, x);
                colMax[j] = T.Max(colMax[j], x);
            }

            return amax;
        }

        ref T r0 = ref MemoryMarshal.GetReference(row);
        ref T c0 = ref MemoryMarshal.GetReference(colMax);
        Vector<T> vmax = Vector<T>.Zero, notEqualSelf = Vector<T>.Zero;
        for (int j = 0; ; j += width)
        {
            int at = Math.Min(j, n - width);
            Vector<T> x = Vector.LoadUnsafe(ref r0, (nuint)at);
            Vector<T> ax = Vector.Abs(x);
            notEqualSelf |= ~Vector.Equals(x, x);
            vmax = Vector.MaxNative(vmax, ax); // NaN lanes are caught by notEqualSelf
            Vector.MaxNative(Vector.LoadUnsafe(ref c0, (nuint)at), ax).StoreUnsafe(ref c0, (nuint)at);
            if (at == n - width)
            {
                break;
            }
        }

        if (notEqualSelf != Vector<T>.Zero)
        {
            return T.NaN;
        }

        T result = T.Zero;
        for (int k = 0; k < width; k++)
        {
            result = T.Max(result, vmax[k]);
        }

        return result;
    }

    /// <summary>max|a(i, ·)|, throwing <see cref="NonFiniteInputException"/> at the matrix's first non-finite entry if the row holds one.</summary>
    private static T RowMaxAbs<T>(ReadOnlyMatrixView<T> a, int i, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> row = a.Row(i);
        T rowMax = Blas.MaxAbsPropagatingNaN(ref MemoryMarshal.GetReference(row), row.Length);
        if (!T.IsFinite(rowMax))
        {
            ThrowFirstNonFinite(a, name);
        }

        return rowMax;
    }

    /// <summary>Multiplies every entry by 2^<paramref name="exponent"/> (exact unless a result is subnormal).</summary>
    public static void ScaleByPowerOfTwo<T>(MatrixView<T> a, int exponent)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (exponent == 0)
        {
            return;
        }

        T factor = T.ScaleB(T.One, exponent);
        for (int i = 0; i < a.Rows; i++)
        {
            Blas.Scal(factor, a.Row(i));
        }
    }

    /// <summary>Throws <see cref="NonFiniteInputException"/> if any entry of <paramref name="a"/> is NaN or ±Inf.</summary>
    public static void RequireFinite<T>(ReadOnlyMatrixView<T> a, string name)
        where T : unmanaged, IFloatingPointIeee754<T> => MaxAbsRequireFinite(a, name);

    /// <summary>
    /// The power-of-two exponent e such that 2^e·max|a| lies in [smlnum, bignum] (0 when it already does, or when
    /// the matrix is zero): smlnum = √safmin/ε_p, bignum = 1/smlnum, as dgesvd.
    /// </summary>
    public static int ScalingExponent<T>(T maxAbs)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T small = MachineConstants<T>.SmallNumber;
        T big = MachineConstants<T>.BigNumber;
        if (maxAbs == T.Zero || (maxAbs >= small && maxAbs <= big))
        {
            return 0;
        }

        // Aim at the middle of the safe range in the exponent: the ratio of smlnum to bignum is huge, so landing at
        // the boundary's exponent is enough; ILogB is exact for subnormals too.
        T target = maxAbs < small ? small : big;
        int e = T.ILogB(target) - T.ILogB(maxAbs);
        return maxAbs < small ? e + 1 : e - 1;
    }

    private static void ThrowFirstNonFinite<T>(ReadOnlyMatrixView<T> a, string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < a.Rows; i++)
        {
            ReadOnlySpan<T> row = a.Row(i);
            for (int j = 0; j < row.Length; j++)
            {
                if (!T.IsFinite(row[j]))
                {
                    string text = T.IsNaN(row[j]) ? "NaN" : row[j] > T.Zero ? "+∞" : "−∞";
                    throw new NonFiniteInputException(name, i, j, text);
                }
            }
        }
    }
}
