using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hig.Numerics;

public static partial class Blas
{
    /// <summary>
    /// GEMV: y ← α·op(A)·x + β·y, with op(A) = A (m×n, x of length n, y of length m) or op(A) = Aᵀ (x of length m,
    /// y of length n).
    /// </summary>
    /// <remarks>
    /// <para>op(A) = A: each yᵢ is α times the dot product of row i with x (four rows share each load of x), plus β·yᵢ.
    /// Summation order depends on n and the SIMD width, as for <see cref="Dot{T}"/>.</para>
    /// <para>op(A) = Aᵀ: y is first scaled by β, then the rows of A are accumulated in order, yⱼ ← madd(α·xᵢ, Aᵢⱼ, yⱼ)
    /// for i = 0, 1, …: element-wise, so the result does not depend on the SIMD width.</para>
    /// <para>β = 0 writes y without reading it (BLAS convention). <paramref name="y"/> must not overlap
    /// <paramref name="a"/> or <paramref name="x"/>. Allocation-free.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The lengths of x or y do not fit op(A), or y overlaps an input.</exception>
    public static void Gemv<T>(Transpose transA, T alpha, ReadOnlyMatrixView<T> a, ReadOnlySpan<T> x, T beta, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloatingPoint<T>();
        int outLength = transA == Transpose.No ? a.Rows : a.Cols;
        int inLength = transA == Transpose.No ? a.Cols : a.Rows;
        if (x.Length != inLength)
        {
            ShapeGuard.ThrowLength(nameof(x), x.Length, inLength, $"op(A)·x with op(A) = {DescribeOp(transA, a.Rows, a.Cols)}");
        }

        if (y.Length != outLength)
        {
            ShapeGuard.ThrowLength(nameof(y), y.Length, outLength, $"y = op(A)·x with op(A) = {DescribeOp(transA, a.Rows, a.Cols)}");
        }

        RequireNoOverlap((ReadOnlySpan<T>)y, a.Span, nameof(y), nameof(a));
        RequireNoOverlap((ReadOnlySpan<T>)y, x, nameof(y), nameof(x));

        if (transA == Transpose.No)
        {
            GemvNoTranspose(alpha, a, x, beta, y);
        }
        else
        {
            GemvTranspose(alpha, a, x, beta, y);
        }
    }

    private static string DescribeOp(Transpose transA, int rows, int cols) =>
        transA == Transpose.No ? $"A ({ShapeGuard.Shape(rows, cols)})" : $"Aᵀ (A is {ShapeGuard.Shape(rows, cols)})";

    private static void GemvNoTranspose<T>(T alpha, ReadOnlyMatrixView<T> a, ReadOnlySpan<T> x, T beta, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols, stride = a.RowStride;
        if (m == 0)
        {
            return;
        }

        ref T a0 = ref MemoryMarshal.GetReference(a.Span);
        ref T xr = ref MemoryMarshal.GetReference(x);
        int i = 0;
        for (; i <= m - 4; i += 4)
        {
            ref T r0 = ref Unsafe.Add(ref a0, (nint)i * stride);
            ref T r1 = ref Unsafe.Add(ref r0, stride);
            ref T r2 = ref Unsafe.Add(ref r1, stride);
            ref T r3 = ref Unsafe.Add(ref r2, stride);
            Dot4(ref r0, ref r1, ref r2, ref r3, ref xr, n, out T d0, out T d1, out T d2, out T d3);
            y[i] = Combine(alpha, d0, beta, y[i]);
            y[i + 1] = Combine(alpha, d1, beta, y[i + 1]);
            y[i + 2] = Combine(alpha, d2, beta, y[i + 2]);
            y[i + 3] = Combine(alpha, d3, beta, y[i + 3]);
        }

        for (; i < m; i++)
        {
            T d = DotUnchecked(ref Unsafe.Add(ref a0, (nint)i * stride), ref xr, n);
            y[i] = Combine(alpha, d, beta, y[i]);
        }
    }

    /// <summary>α·d + β·y, not reading y when β = 0 (BLAS convention).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Combine<T>(T alpha, T d, T beta, T y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        beta == T.Zero ? alpha * d : Arithmetic.MultiplyAdd(alpha, d, beta * y);

    /// <summary>Four dot products of consecutive rows with the same x, one accumulator per row, x loaded once per step.</summary>
    internal static void Dot4<T>(ref T r0, ref T r1, ref T r2, ref T r3, ref T x, int n, out T d0, out T d1, out T d2, out T d3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        d0 = d1 = d2 = d3 = T.Zero;
        int width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            Vector<T> acc0 = Vector<T>.Zero, acc1 = Vector<T>.Zero, acc2 = Vector<T>.Zero, acc3 = Vector<T>.Zero;
            for (; j <= n - width; j += width)
            {
                Vector<T> xv = Vector.LoadUnsafe(ref x, (nuint)j);
                acc0 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref r0, (nuint)j), xv, acc0);
                acc1 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref r1, (nuint)j), xv, acc1);
                acc2 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref r2, (nuint)j), xv, acc2);
                acc3 = VectorMath.MultiplyAdd(Vector.LoadUnsafe(ref r3, (nuint)j), xv, acc3);
            }

            d0 = Vector.Sum(acc0);
            d1 = Vector.Sum(acc1);
            d2 = Vector.Sum(acc2);
            d3 = Vector.Sum(acc3);
        }

        for (; j < n; j++)
        {
            T xj = Unsafe.Add(ref x, j);
            d0 = Arithmetic.MultiplyAdd(Unsafe.Add(ref r0, j), xj, d0);
            d1 = Arithmetic.MultiplyAdd(Unsafe.Add(ref r1, j), xj, d1);
            d2 = Arithmetic.MultiplyAdd(Unsafe.Add(ref r2, j), xj, d2);
            d3 = Arithmetic.MultiplyAdd(Unsafe.Add(ref r3, j), xj, d3);
        }
    }

    private static void GemvTranspose<T>(T alpha, ReadOnlyMatrixView<T> a, ReadOnlySpan<T> x, T beta, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = a.Rows, n = a.Cols, stride = a.RowStride;
        if (beta == T.Zero)
        {
            y.Clear();
        }
        else if (beta != T.One)
        {
            ScalUnchecked(beta, ref MemoryMarshal.GetReference(y), n);
        }

        if (n == 0)
        {
            return;
        }

        ref T a0 = ref MemoryMarshal.GetReference(a.Span);
        ref T yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        for (; i <= m - 4; i += 4)
        {
            ref T r0 = ref Unsafe.Add(ref a0, (nint)i * stride);
            AccumulateRows4(alpha * x[i], alpha * x[i + 1], alpha * x[i + 2], alpha * x[i + 3],
                ref r0, ref Unsafe.Add(ref r0, stride), ref Unsafe.Add(ref r0, 2 * stride), ref Unsafe.Add(ref r0, 3 * stride), ref yr, n);
        }

        for (; i < m; i++)
        {
            AxpyUnchecked(alpha * x[i], ref Unsafe.Add(ref a0, (nint)i * stride), ref yr, n);
        }
    }

    /// <summary>y ← madd(c3, r3, madd(c2, r2, madd(c1, r1, madd(c0, r0, y)))), element-wise: four axpy's with one pass over y.</summary>
    internal static void AccumulateRows4<T>(T c0, T c1, T c2, T c3, ref T r0, ref T r1, ref T r2, ref T r3, ref T y, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        int width = Vector<T>.Count;
        if (Vector.IsHardwareAccelerated && n >= width)
        {
            var v0 = new Vector<T>(c0);
            var v1 = new Vector<T>(c1);
            var v2 = new Vector<T>(c2);
            var v3 = new Vector<T>(c3);
            for (; j <= n - width; j += width)
            {
                Vector<T> acc = Vector.LoadUnsafe(ref y, (nuint)j);
                acc = VectorMath.MultiplyAdd(v0, Vector.LoadUnsafe(ref r0, (nuint)j), acc);
                acc = VectorMath.MultiplyAdd(v1, Vector.LoadUnsafe(ref r1, (nuint)j), acc);
                acc = VectorMath.MultiplyAdd(v2, Vector.LoadUnsafe(ref r2, (nuint)j), acc);
                acc = VectorMath.MultiplyAdd(v3, Vector.LoadUnsafe(ref r3, (nuint)j), acc);
                acc.StoreUnsafe(ref y, (nuint)j);
            }
        }

        for (; j < n; j++)
        {
            ref T yj = ref Unsafe.Add(ref y, j);
            T acc = Arithmetic.MultiplyAdd(c0, Unsafe.Add(ref r0, j), yj);
            acc = Arithmetic.MultiplyAdd(c1, Unsafe.Add(ref r1, j), acc);
            acc = Arithmetic.MultiplyAdd(c2, Unsafe.Add(ref r2, j), acc);
            yj = Arithmetic.MultiplyAdd(c3, Unsafe.Add(ref r3, j), acc);
        }
    }
}
