// LayerBlockWriter: writes one layer's part of one Jacobian row.
//
// For sample i and output row o, ∂y_{i,o}/∂W_l[p, q] = δ[p]·a_l[i, q] and ∂y_{i,o}/∂b_l[p] = δ[p], where
// δ = ∂y_{i,o}/∂z_{l+1} (z the pre-activation). In θ's layout W_l is row-major and b_l follows it, so the
// layer's columns of the row are exactly vec(δ ⊗ a) followed by δ: n_{l+1} scaled copies of a, then δ.
// Each copy is a SIMD multiply-and-store (no read of J: the row is written once, never accumulated).
// Narrow layers (n_l of one to four vectors of the widest width that fits, as in the oscillator controller's 4 and 20)
// load a into registers once and write each copy as that many whole vectors, the last one ending at n_l and
// overlapping the one before: the overlap receives the same products twice, so the bits are those of the plain loop,
// in a few instructions per copy instead of a loop over widths per copy.
// Callers have checked the shapes; this is the innermost loop of Jacobian assembly.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Hig.Numerics;

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
        else if (!NarrowRows<T, Vector512<T>, Isa512<T>>(ref destination, ref delta, ref a, nOut, nIn)
            && !NarrowRows<T, Vector256<T>, Isa256<T>>(ref destination, ref delta, ref a, nOut, nIn)
            && !NarrowRows<T, Vector128<T>, Isa128<T>>(ref destination, ref delta, ref a, nOut, nIn))
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

    /// <summary>
    /// destination[p·nIn + q] ← δ[p]·a[q] when nIn is one to four vectors of this width (hardware accelerated): a in
    /// registers, each copy as k whole vectors at offsets min(j·w, nIn − w). Returns false, writing nothing, otherwise.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool NarrowRows<T, TVec, TIsa>(ref T destination, ref T delta, ref T a, int nOut, int nIn)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        int w = TIsa.Count;
        if (!TIsa.IsHardwareAccelerated || nIn < w || nIn > 4 * w)
        {
            return false;
        }

        int last = nIn - w;
        switch ((nIn + w - 1) / w)
        {
            case 1:
            {
                TVec a0 = TIsa.LoadUnsafe(ref a, 0);
                for (int p = 0; p < nOut; p++)
                {
                    TIsa.StoreUnsafe(TIsa.Multiply(TIsa.Broadcast(Unsafe.Add(ref delta, p)), a0), ref Unsafe.Add(ref destination, p * nIn));
                }

                return true;
            }

            case 2:
            {
                TVec a0 = TIsa.LoadUnsafe(ref a, 0), a1 = TIsa.LoadUnsafe(ref a, (nuint)last);
                for (int p = 0; p < nOut; p++)
                {
                    TVec d = TIsa.Broadcast(Unsafe.Add(ref delta, p));
                    ref T row = ref Unsafe.Add(ref destination, p * nIn);
                    TIsa.StoreUnsafe(TIsa.Multiply(d, a0), ref row);
                    TIsa.StoreUnsafe(TIsa.Multiply(d, a1), ref Unsafe.Add(ref row, last));
                }

                return true;
            }

            case 3:
            {
                TVec a0 = TIsa.LoadUnsafe(ref a, 0), a1 = TIsa.LoadUnsafe(ref a, (nuint)w), a2 = TIsa.LoadUnsafe(ref a, (nuint)last);
                for (int p = 0; p < nOut; p++)
                {
                    TVec d = TIsa.Broadcast(Unsafe.Add(ref delta, p));
                    ref T row = ref Unsafe.Add(ref destination, p * nIn);
                    TIsa.StoreUnsafe(TIsa.Multiply(d, a0), ref row);
                    TIsa.StoreUnsafe(TIsa.Multiply(d, a1), ref Unsafe.Add(ref row, w));
                    TIsa.StoreUnsafe(TIsa.Multiply(d, a2), ref Unsafe.Add(ref row, last));
                }

                return true;
            }

            default:
            {
                TVec a0 = TIsa.LoadUnsafe(ref a, 0), a1 = TIsa.LoadUnsafe(ref a, (nuint)w), a2 = TIsa.LoadUnsafe(ref a, (nuint)(2 * w));
                TVec a3 = TIsa.LoadUnsafe(ref a, (nuint)last);
                for (int p = 0; p < nOut; p++)
                {
                    TVec d = TIsa.Broadcast(Unsafe.Add(ref delta, p));
                    ref T row = ref Unsafe.Add(ref destination, p * nIn);
                    TIsa.StoreUnsafe(TIsa.Multiply(d, a0), ref row);
                    TIsa.StoreUnsafe(TIsa.Multiply(d, a1), ref Unsafe.Add(ref row, w));
                    TIsa.StoreUnsafe(TIsa.Multiply(d, a2), ref Unsafe.Add(ref row, 2 * w));
                    TIsa.StoreUnsafe(TIsa.Multiply(d, a3), ref Unsafe.Add(ref row, last));
                }

                return true;
            }
        }
    }

    /// <summary>y[k] ← α·x[k] for k &lt; n, widest vectors first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScaleCopy<T>(T alpha, ref T x, ref T y, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = ScaleCopy<T, Vector512<T>, Isa512<T>>(0, alpha, ref x, ref y, n);
        k = ScaleCopy<T, Vector256<T>, Isa256<T>>(k, alpha, ref x, ref y, n);
        k = ScaleCopy<T, Vector128<T>, Isa128<T>>(k, alpha, ref x, ref y, n);
        for (; k < n; k++)
        {
            Unsafe.Add(ref y, k) = alpha * Unsafe.Add(ref x, k);
        }
    }

    /// <summary>y[k] ← α·x[k] for whole vectors of this width from <paramref name="k"/> on (when the hardware has them); returns the first k left.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ScaleCopy<T, TVec, TIsa>(int k, T alpha, ref T x, ref T y, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TVec : struct
        where TIsa : struct, IVectorIsa<T, TVec>
    {
        if (TIsa.IsHardwareAccelerated && n - k >= TIsa.Count)
        {
            TVec s = TIsa.Broadcast(alpha);
            for (; k <= n - TIsa.Count; k += TIsa.Count)
            {
                TIsa.StoreUnsafe(TIsa.Multiply(s, TIsa.LoadUnsafe(ref x, (nuint)k)), ref Unsafe.Add(ref y, k));
            }
        }

        return k;
    }
}
