using System;
using System.Numerics;

namespace Hig.Numerics;

public static partial class Blas
{
    /// <summary>
    /// GEMM: C ← α·op(A)·op(B) + β·C, with op(X) = X or Xᵀ, op(A) m×k, op(B) k×n and C m×n.
    /// </summary>
    /// <remarks>
    /// <para>Cache-blocked with packed panels and a register-tiled 8×(3 vectors) micro-kernel (Goto &amp; van de Geijn
    /// 2008); 512-bit vectors where the hardware accelerates them. Each element of C is its own sequence of fused
    /// multiply-adds over k in order, rounded back into C every 256 steps (KC), so the result is bitwise identical for
    /// every SIMD width, every buffer alignment and every <paramref name="maxDegreeOfParallelism"/>.
    /// Error bound: |computed − exact| ≤ (k + 2)·ε·|α|·(|op(A)|·|op(B)|) + ε·|β·C| element-wise, to first order.</para>
    /// <para>β = 0 writes C without reading it (BLAS convention). k = 0 gives C ← β·C. α = 0 still forms the product,
    /// so NaN and ±Inf in A and B propagate.</para>
    /// <para>Parallelism is opt-in: up to <paramref name="maxDegreeOfParallelism"/> threads (capped at the processor
    /// count) each compute a disjoint block of C's columns (or rows, when C is tall); products under 2²⁰
    /// multiply-adds stay on the calling thread. Allocation-free after the first call on each thread (the packing
    /// buffers are per thread).</para>
    /// </remarks>
    /// <param name="transA">Whether op(A) = A or Aᵀ.</param>
    /// <param name="transB">Whether op(B) = B or Bᵀ.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A: m×k, or k×m when transposed.</param>
    /// <param name="b">B: k×n, or n×k when transposed.</param>
    /// <param name="beta">Scale of the previous C; 0 means C is only written.</param>
    /// <param name="c">C: m×n; must not overlap A or B.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use, ≥ 1 (default 1).</param>
    /// <exception cref="ArgumentException">The inner dimensions differ, C's shape does not fit, or C overlaps A or B.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is less than 1.</exception>
    public static void Gemm<T>(
        Transpose transA,
        Transpose transB,
        T alpha,
        ReadOnlyMatrixView<T> a,
        ReadOnlyMatrixView<T> b,
        T beta,
        MatrixView<T> c,
        int maxDegreeOfParallelism = 1)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        GemmCore(transA, transB, alpha, a, b, beta, c, maxDegreeOfParallelism, GemmIsa.Auto, GemmTile.Auto);

    /// <summary>Gemm with an explicit micro-kernel width and register tile (tests compare them bit for bit).</summary>
    internal static unsafe void GemmCore<T>(
        Transpose transA,
        Transpose transB,
        T alpha,
        ReadOnlyMatrixView<T> a,
        ReadOnlyMatrixView<T> b,
        T beta,
        MatrixView<T> c,
        int maxDegreeOfParallelism,
        GemmIsa isa,
        GemmTile tile)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloatingPoint<T>();
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDegreeOfParallelism, 1);
        int m = transA == Transpose.No ? a.Rows : a.Cols;
        int k = transA == Transpose.No ? a.Cols : a.Rows;
        int kb = transB == Transpose.No ? b.Rows : b.Cols;
        int n = transB == Transpose.No ? b.Cols : b.Rows;
        if (k != kb)
        {
            ShapeGuard.ThrowShape(nameof(b),
                $"op(A)·op(B) needs op(A)'s columns to equal op(B)'s rows: {Describe("A", a.Rows, a.Cols, transA)}, {Describe("B", b.Rows, b.Cols, transB)}.");
        }

        if (c.Rows != m || c.Cols != n)
        {
            ShapeGuard.ThrowShape(nameof(c),
                $"c is {ShapeGuard.Shape(c.Rows, c.Cols)} but op(A)·op(B) is {ShapeGuard.Shape(m, n)} ({Describe("A", a.Rows, a.Cols, transA)}, {Describe("B", b.Rows, b.Cols, transB)}).");
        }

        RequireNoOverlap((ReadOnlySpan<T>)c.Span, a.Span, nameof(c), nameof(a));
        RequireNoOverlap((ReadOnlySpan<T>)c.Span, b.Span, nameof(c), nameof(b));
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            ScaleInPlace(beta, c);
            return;
        }

        fixed (T* pa = a.Span)
        fixed (T* pb = b.Span)
        fixed (T* pc = c.Span)
        {
            var problem = new GemmProblem<T>
            {
                TransA = transA,
                TransB = transB,
                A = pa,
                Lda = a.RowStride,
                B = pb,
                Ldb = b.RowStride,
                C = pc,
                Ldc = c.RowStride,
                M = m,
                N = n,
                K = k,
                Alpha = alpha,
                Beta = beta,
            };
            GemmDriver.Run(ref problem, maxDegreeOfParallelism, isa, tile);
        }
    }

    /// <summary>C ← β·C, or C ← 0 when β = 0 (not reading C).</summary>
    private static void ScaleInPlace<T>(T beta, MatrixView<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < c.Rows; i++)
        {
            if (beta == T.Zero)
            {
                c.Row(i).Clear();
            }
            else
            {
                Scal(beta, c.Row(i));
            }
        }
    }

    private static string Describe(string name, int rows, int cols, Transpose trans) =>
        trans == Transpose.No
            ? $"op({name}) = {name} is {ShapeGuard.Shape(rows, cols)}"
            : $"op({name}) = {name}ᵀ is {ShapeGuard.Shape(cols, rows)}";
}
