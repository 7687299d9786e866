// Blas: Hig's dense linear-algebra kernels, named after their BLAS counterparts.
//
// Conventions shared by every kernel (stated once here, referenced from each method's docs):
// - Element types: float and double (T : IFloatingPointIeee754<T>); other types throw NotSupportedException.
// - Storage: vectors are contiguous spans; matrices are row-major views (MatrixView / ReadOnlyMatrixView).
// - Arithmetic: every multiply-add is madd(a, b, c) = Arithmetic.MultiplyAdd: one fused multiply-add (one
//   rounding) where the processor has FMA, a product and a sum (two roundings) where it has none; never a
//   software emulation. Docs below write madd for it.
// - Determinism: same inputs, same code path (CodePath: multiply-add fused or not, vector widths) give
//   bitwise-identical results, whatever the
//   buffer alignment (no alignment peeling) and, for gemm, whatever the degree of parallelism
//   (threads split the output, never a reduction). Element-wise kernels (axpy, scal, rot, ger, gemv
//   with Aᵀ) and gemm do not depend on the SIMD width at all; reductions (dot, nrm2, gemv with A)
//   depend on it through the order of their partial sums.
// - IEEE semantics: NaN and ±Inf propagate as the arithmetic says. The one BLAS exception is kept and
//   documented: when beta is zero, the output's previous contents are not read (so it may hold garbage).
// - Validation: mismatched shapes throw ArgumentException naming the argument and both shapes; an output
//   that overlaps an input throws ArgumentException, except where a method documents exact in-place use.
using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hig.Numerics;

/// <summary>
/// Dense linear-algebra kernels (BLAS levels 1–3) on spans and row-major matrix views, for
/// <see cref="float"/> and <see cref="double"/>, vectorized with <see cref="Vector{T}"/> and the fixed-width
/// <c>Vector512/256/128</c> types. See the remarks for the conventions every kernel shares.
/// </summary>
/// <remarks>
/// <para>Every multiply-add is <see cref="Arithmetic.MultiplyAdd{T}"/> (written madd in these docs): fused where the
/// processor has FMA, a product and a sum where it has none. Results are bitwise reproducible for the same inputs and
/// code path (<see cref="CodePath"/>), independent of buffer alignment and of gemm's degree of parallelism.
/// Element-wise kernels and gemm are also independent of the SIMD width; reductions (dot, nrm2, gemv without
/// transpose) are not.</para>
/// <para>NaN and ±Inf propagate as IEEE arithmetic says. As in reference BLAS, a zero <c>beta</c> means the output is
/// written without being read.</para>
/// <para>Shape mismatches throw <see cref="ArgumentException"/> naming the argument and both shapes. Outputs may not
/// overlap inputs unless a method says otherwise.</para>
/// </remarks>
public static partial class Blas
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RequireSameLength<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, string xName, string yName)
    {
        if (x.Length != y.Length)
        {
            ThrowLengthMismatch(x.Length, y.Length, xName, yName);
        }
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLengthMismatch(int xLength, int yLength, string xName, string yName) =>
        throw new ArgumentException($"{yName} has length {yLength} but {xName} has length {xLength}; they must match.", yName);

    /// <summary>Rejects partial overlap; exact aliasing (same start, same length) is allowed when <paramref name="allowExactAlias"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RequireNoOverlap<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> input, string outputName, string inputName, bool allowExactAlias = false)
    {
        if (output.Overlaps(input, out int offset) && !(allowExactAlias && offset == 0 && output.Length == input.Length))
        {
            ShapeGuard.ThrowOverlap(outputName, inputName);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RequireFloatingPoint<T>()
    {
        if (typeof(T) != typeof(double) && typeof(T) != typeof(float))
        {
            ThrowUnsupported(typeof(T));
        }
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowUnsupported(Type type) =>
        throw new NotSupportedException($"{type.Name} is not supported by Hig's kernels; use float or double.");
}
