using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hig.Numerics;

public static partial class Blas
{
    /// <summary>
    /// GER (rank-1 update): A ← A + α·x·yᵀ, with A m×n, x of length m and y of length n; each row is
    /// Aᵢ ← madd(α·xᵢ, y, Aᵢ).
    /// </summary>
    /// <remarks>Element-wise, so independent of the SIMD width. <paramref name="a"/> must not overlap x or y. Allocation-free.</remarks>
    /// <exception cref="ArgumentException">The lengths do not fit A's shape, or A overlaps an input.</exception>
    public static void Ger<T>(T alpha, ReadOnlySpan<T> x, ReadOnlySpan<T> y, MatrixView<T> a)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RequireFloatingPoint<T>();
        if (x.Length != a.Rows)
        {
            ShapeGuard.ThrowLength(nameof(x), x.Length, a.Rows, $"the rank-1 update of A ({ShapeGuard.Shape(a.Rows, a.Cols)})");
        }

        if (y.Length != a.Cols)
        {
            ShapeGuard.ThrowLength(nameof(y), y.Length, a.Cols, $"the rank-1 update of A ({ShapeGuard.Shape(a.Rows, a.Cols)})");
        }

        RequireNoOverlap((ReadOnlySpan<T>)a.Span, x, nameof(a), nameof(x));
        RequireNoOverlap((ReadOnlySpan<T>)a.Span, y, nameof(a), nameof(y));

        ref T a0 = ref MemoryMarshal.GetReference(a.Span);
        ref T yr = ref MemoryMarshal.GetReference(y);
        for (int i = 0; i < a.Rows; i++)
        {
            AxpyUnchecked(alpha * x[i], ref yr, ref Unsafe.Add(ref a0, (nint)i * a.RowStride), a.Cols);
        }
    }
}
