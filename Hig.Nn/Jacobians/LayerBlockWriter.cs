// LayerBlockWriter: writes one layer's part of one Jacobian row.
//
// For sample i and output row o, ∂y_{i,o}/∂W_l[p, q] = δ[p]·a_l[i, q] and ∂y_{i,o}/∂b_l[p] = δ[p], where
// δ = ∂y_{i,o}/∂z_{l+1} (z the pre-activation). In θ's layout W_l is row-major and b_l follows it, so the
// layer's columns of the row are exactly vec(δ ⊗ a) followed by δ: n_{l+1} scaled copies of a, then δ.
// Each copy is a SIMD multiply-and-store (no read of J: the row is written once, never accumulated).
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hig.Nn;

internal static class LayerBlockWriter
{
    /// <summary>destination ← (δ[0]·a, δ[1]·a, …, δ[n−1]·a, δ); its length is δ.Length·(a.Length + 1).</summary>
    public static void Write<T>(Span<T> destination, ReadOnlySpan<T> delta, ReadOnlySpan<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int nIn = a.Length, nOut = delta.Length;
        if (destination.Length != nOut * (nIn + 1))
        {
            NnGuard.ThrowLength(destination.Length, nOut * (nIn + 1), nameof(destination), "the layer block");
        }

        ref T dst = ref MemoryMarshal.GetReference(destination);
        ref T src = ref MemoryMarshal.GetReference(a);
        for (int p = 0; p < nOut; p++)
        {
            ScaleCopy(delta[p], ref src, ref Unsafe.Add(ref dst, p * nIn), nIn);
        }

        delta.CopyTo(destination.Slice(nOut * nIn));
    }

    /// <summary>y[k] ← α·x[k] for k &lt; n, widest vectors first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScaleCopy<T>(T alpha, ref T x, ref T y, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = 0;
        if (Vector512.IsHardwareAccelerated && n >= Vector512<T>.Count)
        {
            var s = Vector512.Create(alpha);
            for (; k <= n - Vector512<T>.Count; k += Vector512<T>.Count)
            {
                (s * Vector512.LoadUnsafe(ref x, (nuint)k)).StoreUnsafe(ref y, (nuint)k);
            }
        }

        if (Vector256.IsHardwareAccelerated && n - k >= Vector256<T>.Count)
        {
            var s = Vector256.Create(alpha);
            for (; k <= n - Vector256<T>.Count; k += Vector256<T>.Count)
            {
                (s * Vector256.LoadUnsafe(ref x, (nuint)k)).StoreUnsafe(ref y, (nuint)k);
            }
        }

        if (Vector128.IsHardwareAccelerated && n - k >= Vector128<T>.Count)
        {
            var s = Vector128.Create(alpha);
            for (; k <= n - Vector128<T>.Count; k += Vector128<T>.Count)
            {
                (s * Vector128.LoadUnsafe(ref x, (nuint)k)).StoreUnsafe(ref y, (nuint)k);
            }
        }

        for (; k < n; k++)
        {
            Unsafe.Add(ref y, k) = alpha * Unsafe.Add(ref x, k);
        }
    }
}
