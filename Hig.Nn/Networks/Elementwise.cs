// Elementwise: the element-wise product z = x ⊙ y the passes need besides the BLAS kernels (a bias add is Blas.Axpy
// with α = 1), vectorized. Each element is one IEEE multiplication, so the result does not depend on the vector width.
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hig.Nn;

internal static class Elementwise
{
    /// <summary>z[k] ← x[k]·y[k] for k &lt; z.Length (z may be exactly x or y; x and y at least as long as z).</summary>
    public static void Multiply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> z)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = z.Length;
        if (x.Length < n || y.Length < n)
        {
            NnGuard.ThrowLength(Math.Min(x.Length, y.Length), n, nameof(x), "the element-wise product");
        }

        ref T xr = ref MemoryMarshal.GetReference(x);
        ref T yr = ref MemoryMarshal.GetReference(y);
        ref T zr = ref MemoryMarshal.GetReference(z);
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; k <= n - Vector<T>.Count; k += Vector<T>.Count)
            {
                (Vector.LoadUnsafe(ref xr, (nuint)k) * Vector.LoadUnsafe(ref yr, (nuint)k)).StoreUnsafe(ref zr, (nuint)k);
            }
        }

        for (; k < n; k++)
        {
            Unsafe.Add(ref zr, k) = Unsafe.Add(ref xr, k) * Unsafe.Add(ref yr, k);
        }
    }
}
