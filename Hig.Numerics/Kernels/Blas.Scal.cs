using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hig.Numerics;

public static partial class Blas
{
    /// <summary>
    /// SCAL: x ← α·x, element-wise.
    /// </summary>
    /// <remarks>
    /// Every element is multiplied, including by α = 0 (so NaN and ±Inf in x become NaN, as IEEE says; reference BLAS
    /// would overwrite them with zeros — use <see cref="Span{T}.Clear"/> for that). Independent of the SIMD width.
    /// </remarks>
    public static void Scal<T>(T alpha, Span<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloatingPoint<T>();
        ScalUnchecked(alpha, ref MemoryMarshal.GetReference(x), x.Length);
    }

    internal static void ScalUnchecked<T>(T alpha, ref T x, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        int width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            var a = new Vector<T>(alpha);
            for (; i <= n - width; i += width)
            {
                (a * Vector.LoadUnsafe(ref x, (nuint)i)).StoreUnsafe(ref x, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref x, i) *= alpha;
        }
    }
}
