using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hig.Numerics;

public static partial class Blas
{
    /// <summary>
    /// NRM2: the Euclidean norm ‖x‖₂ = √(Σ xᵢ²), safe from overflow and underflow as LAPACK's dnrm2.
    /// </summary>
    /// <remarks>
    /// <para>Two passes. The first finds a = maxᵢ |xᵢ|. The second sums (xᵢ·2⁻ᵉ)², where 2ᵉ is the power of two nearest
    /// below a (clamped so that 2⁻ᵉ is a finite normal number), and returns 2ᵉ·√sum. Scaling by a power of two is exact,
    /// the scaled maximum lies in [1, 2), so no partial sum can overflow and only terms smaller than 2⁻⁶³·a (float) or
    /// 2⁻⁵¹¹·a (double) can underflow — far below rounding. The result is finite whenever ‖x‖ is representable, even
    /// when every xᵢ² would overflow or underflow. Relative error ≤ (n/2 + 2)·ε to first order.</para>
    /// <para>Special values: 0 for an empty or all-zero x; NaN if any element is NaN; otherwise +Inf if any element is
    /// infinite.</para>
    /// </remarks>
    public static T Nrm2<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloatingPoint<T>();
        return Nrm2Unchecked(ref MemoryMarshal.GetReference(x), x.Length);
    }

    internal static T Nrm2Unchecked<T>(ref T x, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T amax = MaxAbsPropagatingNaN(ref x, n);
        if (T.IsNaN(amax) || T.IsInfinity(amax) || amax == T.Zero)
        {
            return amax;
        }

        // 2^-e with e = floor(log2 amax), clamped to the normal range so the scale itself is finite and exact.
        int e = T.ILogB(amax);
        int maxExponent = typeof(T) == typeof(float) ? 127 : 1023;
        int minExponent = typeof(T) == typeof(float) ? -126 : -1022;
        e = Math.Clamp(e, -maxExponent, -minExponent);
        T scale = T.ScaleB(T.One, -e);

        int i = 0;
        T sum = T.Zero;
        int width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            var s = new Vector<T>(scale);
            Vector<T> acc0 = Vector<T>.Zero, acc1 = Vector<T>.Zero;
            for (; i <= n - (2 * width); i += 2 * width)
            {
                Vector<T> v0 = Vector.LoadUnsafe(ref x, (nuint)i) * s;
                Vector<T> v1 = Vector.LoadUnsafe(ref x, (nuint)(i + width)) * s;
                acc0 = VectorMath.MultiplyAdd(v0, v0, acc0);
                acc1 = VectorMath.MultiplyAdd(v1, v1, acc1);
            }

            for (; i <= n - width; i += width)
            {
                Vector<T> v0 = Vector.LoadUnsafe(ref x, (nuint)i) * s;
                acc0 = VectorMath.MultiplyAdd(v0, v0, acc0);
            }

            sum = Vector.Sum(acc0 + acc1);
        }

        for (; i < n; i++)
        {
            T v = Unsafe.Add(ref x, i) * scale;
            sum = Arithmetic.MultiplyAdd(v, v, sum);
        }

        return T.ScaleB(T.Sqrt(sum), e);
    }

    /// <summary>maxᵢ |xᵢ|, or NaN when any element is NaN (SIMD max instructions would silently drop a NaN).</summary>
    internal static T MaxAbsPropagatingNaN<T>(ref T x, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        T amax = T.Zero;
        bool sawNaN = false;
        int width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            Vector<T> max = Vector<T>.Zero;
            Vector<T> notEqualSelf = Vector<T>.Zero;
            for (; i <= n - width; i += width)
            {
                Vector<T> v = Vector.LoadUnsafe(ref x, (nuint)i);
                notEqualSelf |= ~Vector.Equals(v, v);
                max = Vector.MaxNative(max, Vector.Abs(v)); // NaN lanes are caught by notEqualSelf
            }

            sawNaN = notEqualSelf != Vector<T>.Zero;
            for (int k = 0; k < width; k++)
            {
                amax = T.Max(amax, max[k]);
            }
        }

        for (; i < n; i++)
        {
            T v = T.Abs(Unsafe.Add(ref x, i));
            sawNaN |= T.IsNaN(v);
            amax = v > amax ? v : amax;
        }

        return sawNaN ? T.NaN : amax;
    }
}
