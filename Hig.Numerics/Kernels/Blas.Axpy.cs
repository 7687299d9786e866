using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hig.Numerics;

public static partial class Blas
{
    /// <summary>
    /// AXPY: y ← α·x + y, element-wise as yᵢ = madd(α, xᵢ, yᵢ).
    /// </summary>
    /// <remarks>
    /// Element-wise, so the result does not depend on the SIMD width. <paramref name="y"/> may be exactly the same
    /// span as <paramref name="x"/> (y ← (1+α)·y up to rounding); partial overlap is rejected.
    /// </remarks>
    /// <exception cref="ArgumentException">The lengths differ, or the spans partially overlap.</exception>
    public static void Axpy<T>(T alpha, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloatingPoint<T>();
        RequireSameLength(x, (ReadOnlySpan<T>)y, nameof(x), nameof(y));
        RequireNoOverlap((ReadOnlySpan<T>)y, x, nameof(y), nameof(x), allowExactAlias: true);
        AxpyUnchecked(alpha, ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), x.Length);
    }

    internal static void AxpyUnchecked<T>(T alpha, ref T x, ref T y, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        int width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            var a = new Vector<T>(alpha);
            for (; i <= n - (2 * width); i += 2 * width)
            {
                Vector<T> y0 = VectorMath.MultiplyAdd(a, Vector.LoadUnsafe(ref x, (nuint)i), Vector.LoadUnsafe(ref y, (nuint)i));
                Vector<T> y1 = VectorMath.MultiplyAdd(a, Vector.LoadUnsafe(ref x, (nuint)(i + width)), Vector.LoadUnsafe(ref y, (nuint)(i + width)));
                y0.StoreUnsafe(ref y, (nuint)i);
                y1.StoreUnsafe(ref y, (nuint)(i + width));
            }

            for (; i <= n - width; i += width)
            {
                VectorMath.MultiplyAdd(a, Vector.LoadUnsafe(ref x, (nuint)i), Vector.LoadUnsafe(ref y, (nuint)i)).StoreUnsafe(ref y, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            ref T yi = ref Unsafe.Add(ref y, i);
            yi = Arithmetic.MultiplyAdd(alpha, Unsafe.Add(ref x, i), yi);
        }
    }
}
