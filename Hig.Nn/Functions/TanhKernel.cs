// TanhKernel: tanh for the network's fast path (whole batches, vectorized) and for the scalar autodiff types, by one
// algorithm, so both give the same bits. The runtime's Math.Tanh is a scalar library call (tens of ns), which made
// tanh the largest cost of the forward pass of small networks.
//
// Algorithm (double; float is computed in double and rounded once):
//   tanh x = sign(x)·e/(e + 2),  e = expm1(y),  y = 2|x| clamped to 40 (tanh rounds to ±1 well before |x| = 20).
//   expm1(y): range reduction y = k·ln2 + r with k = round(y/ln2) (ties to even), |r| ≤ ln2/2, where
//   r = fma(−k, ln2_hi, y) − k·ln2_lo with fused multiply-add, and r = (y − k·head) − k·tail (Cody & Waite, with
//   a 32-bit head so k·head and y − k·head are exact) without; expm1(r) = r + r²·q(r), q(r) ≈ (expm1(r)/r − 1)/r
//   a degree-9 polynomial by Horner's rule (coefficients c1…c10 of a Chebyshev fit of expm1(r)/r on
//   [−ln2/2, ln2/2] with max error 1.8e−17, computed for this file with mpmath); then
//   expm1(y) = 2^k·expm1(r) + (2^k − 1) (the product is exact; 2^k − 1 is exact for k ≤ 53, and k ≤ 58 only where
//   tanh = 1), 2^k built from exponent bits.
// Every multiply-add is Arithmetic.MultiplyAdd: fused where the hardware has FMA, else a product and a sum.
// No cancellation anywhere: expm1(y) keeps full relative accuracy as y → 0, so e/(e + 2) is accurate for small |x|.
// Accuracy: within 6u (3 ulp) of the exact tanh in double (u = 2⁻⁵³) on either path; float results are the double
// result rounded, so within 0.5 ulp + 3 ulp of double. NaN → NaN, ±0 → ±0, ±∞ → ±1. Elementwise and
// width-independent: every lane performs the same IEEE operations, so vector and scalar calls agree bit for bit
// (whole batches use 512-bit vectors where the hardware has them, then Vector<double>, then the scalar call); the
// fused and unfused paths differ in the last bits.
using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Hig.Numerics;

namespace Hig.Nn;

internal static class TanhKernel
{
    private const double Log2E = 1.4426950408889634;
    private const double Ln2Hi = 0.6931471805599453;
    private const double Ln2Lo = 2.3190468138462996e-17;

    // ln2 = Ln2Head + Ln2Tail with Ln2Head's low 21 significand bits zero (0x3FE62E42FEE00000), for the unfused path.
    private const double Ln2Head = 0.6931471803691238;
    private const double Ln2Tail = 1.9082149292705877e-10;

    // 1.5·2⁵² + 1023: adding an integer k ∈ [0, 2⁵¹ − 1023] leaves k + 1023 in the low significand bits.
    private const double ExponentShifter = 6755399441055744.0 + 1023.0;
    private const double Clamp = 40.0;

    // expm1(r)/r ≈ 1 + c1·r + … + c10·r¹⁰ on [−ln2/2, ln2/2] (c0 = 1 exactly).
    private const double C1 = 0.5000000000000006;
    private const double C2 = 0.1666666666666667;
    private const double C3 = 0.04166666666657314;
    private const double C4 = 0.008333333333326141;
    private const double C5 = 0.0013888888932488599;
    private const double C6 = 0.00019841269874800493;
    private const double C7 = 2.4801504346997686e-05;
    private const double C8 = 2.7557255425746435e-06;
    private const double C9 = 2.7626357241447223e-07;
    private const double C10 = 2.510520637395701e-08;

    /// <summary>tanh x (the same bits as the vectorized <see cref="Apply{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Scalar<T>(T x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            double result = Evaluate(new Vector<double>(Unsafe.As<T, double>(ref x)))[0];
            return Unsafe.As<double, T>(ref result);
        }

        if (typeof(T) == typeof(float))
        {
            float result = (float)Evaluate(new Vector<double>(Unsafe.As<T, float>(ref x)))[0];
            return Unsafe.As<float, T>(ref result);
        }

        return T.Tanh(x);
    }

    /// <summary>values[k] ← tanh values[k], vectorized.</summary>
    public static void Apply<T>(Span<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            Span<double> v = MemoryMarshal.Cast<T, double>(values);
            int k = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                ref double v0 = ref MemoryMarshal.GetReference(v);
                for (; k <= v.Length - Vector512<double>.Count; k += Vector512<double>.Count)
                {
                    Evaluate(Vector512.LoadUnsafe(ref v0, (nuint)k)).StoreUnsafe(ref v0, (nuint)k);
                }
            }

            for (; k <= v.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                Evaluate(new Vector<double>(v.Slice(k))).CopyTo(v.Slice(k));
            }

            for (; k < v.Length; k++)
            {
                v[k] = Scalar(v[k]);
            }
        }
        else if (typeof(T) == typeof(float))
        {
            Span<float> v = MemoryMarshal.Cast<T, float>(values);
            int k = 0;
            if (Vector512.IsHardwareAccelerated)
            {
                ref float v0 = ref MemoryMarshal.GetReference(v);
                for (; k <= v.Length - Vector512<float>.Count; k += Vector512<float>.Count)
                {
                    (Vector512<double> low, Vector512<double> high) = Vector512.Widen(Vector512.LoadUnsafe(ref v0, (nuint)k));
                    Vector512.Narrow(Evaluate(low), Evaluate(high)).StoreUnsafe(ref v0, (nuint)k);
                }
            }

            for (; k <= v.Length - Vector<float>.Count; k += Vector<float>.Count)
            {
                Vector.Widen(new Vector<float>(v.Slice(k)), out Vector<double> low, out Vector<double> high);
                Vector.Narrow(Evaluate(low), Evaluate(high)).CopyTo(v.Slice(k));
            }

            for (; k < v.Length; k++)
            {
                v[k] = Scalar(v[k]);
            }
        }
        else
        {
            for (int k = 0; k < values.Length; k++)
            {
                values[k] = T.Tanh(values[k]);
            }
        }
    }

    /// <summary>d[k] ← 1 − t[k]² as madd(−t, t, 1) (Arithmetic.MultiplyAdd), the derivative of tanh from its value (as ScalarRules.Tanh), vectorized.</summary>
    public static void Derivative<T>(ReadOnlySpan<T> t, Span<T> d)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; k <= t.Length - Vector<T>.Count; k += Vector<T>.Count)
            {
                var x = new Vector<T>(t.Slice(k));
                VectorMath.MultiplyAdd(-x, x, Vector<T>.One).CopyTo(d.Slice(k));
            }
        }

        for (; k < t.Length; k++)
        {
            d[k] = Arithmetic.MultiplyAdd(-t[k], t[k], T.One);
        }
    }

    /// <summary>tanh of every lane: <see cref="Evaluate(Vector{double})"/> on 512-bit vectors, operation for operation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Evaluate(Vector512<double> x)
    {
        Vector512<double> y = Vector512.Min(Vector512.Abs(x) + Vector512.Abs(x), Vector512.Create(Clamp));
        Vector512<double> k = Vector512.Round(y * Vector512.Create(Log2E));
        Vector512<double> r;
        if (Arithmetic.IsMultiplyAddFused)
        {
            r = Vector512.FusedMultiplyAdd(-k, Vector512.Create(Ln2Hi), y);
            r = Vector512.FusedMultiplyAdd(-k, Vector512.Create(Ln2Lo), r);
        }
        else
        {
            r = (y - (k * Vector512.Create(Ln2Head))) - (k * Vector512.Create(Ln2Tail));
        }

        Vector512<double> q = Vector512.Create(C10);
        q = VectorMath.MultiplyAdd(q, r, Vector512.Create(C9));
        q = VectorMath.MultiplyAdd(q, r, Vector512.Create(C8));
        q = VectorMath.MultiplyAdd(q, r, Vector512.Create(C7));
        q = VectorMath.MultiplyAdd(q, r, Vector512.Create(C6));
        q = VectorMath.MultiplyAdd(q, r, Vector512.Create(C5));
        q = VectorMath.MultiplyAdd(q, r, Vector512.Create(C4));
        q = VectorMath.MultiplyAdd(q, r, Vector512.Create(C3));
        q = VectorMath.MultiplyAdd(q, r, Vector512.Create(C2));
        q = VectorMath.MultiplyAdd(q, r, Vector512.Create(C1));
        Vector512<double> expm1R = VectorMath.MultiplyAdd(r * r, q, r);

        Vector512<double> twoToK = Vector512.ShiftLeft((k + Vector512.Create(ExponentShifter)).AsUInt64(), 52).AsDouble();
        Vector512<double> e = VectorMath.MultiplyAdd(twoToK, expm1R, twoToK - Vector512<double>.One);
        Vector512<double> t = e / (e + Vector512.Create(2.0));

        Vector512<ulong> sign = x.AsUInt64() & Vector512.Create(0x8000_0000_0000_0000UL);
        t = (t.AsUInt64() | sign).AsDouble();
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), t, x);
    }

    /// <summary>tanh of every lane (see the file header).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<double> Evaluate(Vector<double> x)
    {
        Vector<double> y = Vector.Min(Vector.Abs(x) + Vector.Abs(x), new Vector<double>(Clamp));
        Vector<double> k = Vector.Round(y * new Vector<double>(Log2E));

        // r = y − k·ln2. Fused: two fma's with ln2 = hi + lo. Unfused: Cody-Waite with a 32-bit head, so k·head is
        // exact (k ≤ 58) and y − k·head is exact (Sterbenz: y/2 ≤ k·head ≤ 2y for k ≥ 1), one rounding in all.
        Vector<double> r;
        if (Arithmetic.IsMultiplyAddFused)
        {
            r = Vector.FusedMultiplyAdd(-k, new Vector<double>(Ln2Hi), y);
            r = Vector.FusedMultiplyAdd(-k, new Vector<double>(Ln2Lo), r);
        }
        else
        {
            r = (y - (k * new Vector<double>(Ln2Head))) - (k * new Vector<double>(Ln2Tail));
        }

        Vector<double> q = new(C10);
        q = VectorMath.MultiplyAdd(q, r, new Vector<double>(C9));
        q = VectorMath.MultiplyAdd(q, r, new Vector<double>(C8));
        q = VectorMath.MultiplyAdd(q, r, new Vector<double>(C7));
        q = VectorMath.MultiplyAdd(q, r, new Vector<double>(C6));
        q = VectorMath.MultiplyAdd(q, r, new Vector<double>(C5));
        q = VectorMath.MultiplyAdd(q, r, new Vector<double>(C4));
        q = VectorMath.MultiplyAdd(q, r, new Vector<double>(C3));
        q = VectorMath.MultiplyAdd(q, r, new Vector<double>(C2));
        q = VectorMath.MultiplyAdd(q, r, new Vector<double>(C1));
        Vector<double> expm1R = VectorMath.MultiplyAdd(r * r, q, r);

        // 2^k from its exponent bits (0 ≤ k ≤ 58 here): k + (1.5·2⁵² + 1023) is exact and holds k + 1023 in its
        // low significand bits, which the shift moves into the exponent field (no float-to-integer conversion,
        // which SSE and AVX2 lack for 64-bit lanes). 2^k·expm1(r) is exact, so the multiply-add rounds once.
        Vector<double> twoToK = Vector.AsVectorDouble(Vector.ShiftLeft(Vector.AsVectorUInt64(k + new Vector<double>(ExponentShifter)), 52));
        Vector<double> e = VectorMath.MultiplyAdd(twoToK, expm1R, twoToK - Vector<double>.One);
        Vector<double> t = e / (e + new Vector<double>(2.0));

        // Restore the sign (tanh is odd, so −0 stays −0) and let NaN through.
        Vector<ulong> sign = Vector.AsVectorUInt64(x) & new Vector<ulong>(0x8000_0000_0000_0000UL);
        t = Vector.AsVectorDouble(Vector.AsVectorUInt64(t) | sign);
        return Vector.ConditionalSelect(Vector.Equals(x, x), t, x);
    }
}
