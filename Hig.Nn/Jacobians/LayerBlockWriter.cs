// LayerBlockWriter: writes one layer's part of one Jacobian row.
//
// For sample i and output row o, ∂y_{i,o}/∂W_l[p, q] = δ[p]·a_l[i, q] and ∂y_{i,o}/∂b_l[p] = δ[p], where
// δ = ∂y_{i,o}/∂z_{l+1} (z the pre-activation). In θ's layout W_l is row-major and b_l follows it, so the
// layer's columns of the row are exactly vec(δ ⊗ a) followed by δ: n_{l+1} scaled copies of a, then δ.
// Each copy is a SIMD multiply-and-store (no read of J: the row is written once, never accumulated).
// Callers have checked the shapes; this is the innermost loop of Jacobian assembly.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Hig.Nn;

internal static class LayerBlockWriter
{
    /// <summary>
    /// destination[p·nIn + q] ← δ[p]·a[q] for p &lt; nOut, q &lt; nIn, then destination[nOut·nIn + p] ← δ[p]:
    /// nOut·(nIn + 1) elements.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Write<T>(ref T destination, ref T delta, ref T a, int nOut, int nIn)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (nIn == 1)
        {
            // A single input (the toy's first layer): the weight block is δ·a[0], one vector scale instead of n_{l+1}
            // scalar copies.
            ScaleCopy(a, ref delta, ref destination, nOut);
        }
        else
        {
            for (int p = 0; p < nOut; p++)
            {
                ScaleCopy(Unsafe.Add(ref delta, p), ref a, ref Unsafe.Add(ref destination, p * nIn), nIn);
            }
        }

        // The bias block after the weights, as one vector copy (a scale by 1, exact): interleaving its scalar stores with
        // the weight rows' vector stores measured 25 % slower, and a library copy call costs more than short blocks do.
        ScaleCopy(T.One, ref delta, ref Unsafe.Add(ref destination, nOut * nIn), nOut);
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
