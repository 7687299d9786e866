using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Hig.Numerics;

public static partial class Blas
{
    /// <summary>
    /// DOT: returns Σᵢ xᵢ·yᵢ.
    /// </summary>
    /// <remarks>
    /// Four <see cref="Vector{T}"/> accumulators run over the bulk (madd), are combined pairwise and
    /// reduced, then the remainder is added element by element. The summation order depends only on the length and
    /// the SIMD width. Error bound: |computed − exact| ≤ n·ε·Σ|xᵢ||yᵢ| (to first order). Returns zero for empty spans.
    /// </remarks>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static T Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloatingPoint<T>();
        RequireSameLength(x, y, nameof(x), nameof(y));
        return DotUnchecked(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), x.Length);
    }

    internal static T DotUnchecked<T>(ref T x, ref T y, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        T sum = T.Zero;
        int width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            Vector<T> acc0 = Vector<T>.Zero, acc1 = Vector<T>.Zero, acc2 = Vector<T>.Zero, acc3 = Vector<T>.Zero;
            for (; i <= n - (4 * width); i += 4 * width)
            {
                acc0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)i), Vector.LoadUnsafe(ref y, (nuint)i), acc0);
                acc1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)(i + width)), Vector.LoadUnsafe(ref y, (nuint)(i + width)), acc1);
                acc2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)(i + (2 * width))), Vector.LoadUnsafe(ref y, (nuint)(i + (2 * width))), acc2);
                acc3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)(i + (3 * width))), Vector.LoadUnsafe(ref y, (nuint)(i + (3 * width))), acc3);
            }

            for (; i <= n - width; i += width)
            {
                acc0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref x, (nuint)i), Vector.LoadUnsafe(ref y, (nuint)i), acc0);
            }

            sum = Vector.Sum((acc0 + acc1) + (acc2 + acc3));
        }

        for (; i < n; i++)
        {
            sum = Arithmetic.MultiplyAdd(System.Runtime.CompilerServices.Unsafe.Add(ref x, i), System.Runtime.CompilerServices.Unsafe.Add(ref y, i), sum);
        }

        return sum;
    }
}
