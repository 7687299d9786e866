using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hig.Numerics;

public static partial class Blas
{
    /// <summary>
    /// ROT: applies the plane rotation [c s; −s c] to the pairs (xᵢ, yᵢ):
    /// xᵢ ← c·xᵢ + s·yᵢ and yᵢ ← c·yᵢ − s·xᵢ (each as one madd after one product).
    /// </summary>
    /// <remarks>Element-wise, so independent of the SIMD width. The spans must not overlap.</remarks>
    /// <exception cref="ArgumentException">The lengths differ, or the spans overlap.</exception>
    public static void Rot<T>(Span<T> x, Span<T> y, T c, T s)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloatingPoint<T>();
        RequireSameLength((ReadOnlySpan<T>)x, (ReadOnlySpan<T>)y, nameof(x), nameof(y));
        RequireNoOverlap((ReadOnlySpan<T>)y, (ReadOnlySpan<T>)x, nameof(y), nameof(x));
        RotUnchecked(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(y), x.Length, c, s);
    }

    internal static void RotUnchecked<T>(ref T x, ref T y, int n, T c, T s)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        int width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            var cv = new Vector<T>(c);
            var sv = new Vector<T>(s);
            for (; i <= n - width; i += width)
            {
                Vector<T> xv = Vector.LoadUnsafe(ref x, (nuint)i);
                Vector<T> yv = Vector.LoadUnsafe(ref y, (nuint)i);
                VectorMath.MultiplyAdd(cv, xv, sv * yv).StoreUnsafe(ref x, (nuint)i);
                VectorMath.MultiplyAdd(cv, yv, -(sv * xv)).StoreUnsafe(ref y, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            ref T xi = ref Unsafe.Add(ref x, i);
            ref T yi = ref Unsafe.Add(ref y, i);
            T xOld = xi;
            xi = Arithmetic.MultiplyAdd(c, xOld, s * yi);
            yi = Arithmetic.MultiplyAdd(c, yi, -(s * xOld));
        }
    }
}
