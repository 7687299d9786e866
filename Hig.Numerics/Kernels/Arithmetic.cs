// Arithmetic: the multiply-add a·b + c exactly as every Hig kernel computes it, and whether it is fused.
//
// Where the processor has a fused multiply-add instruction (x86 FMA3, which every x86-64-v3 and v4 CPU has, and
// ARM64's AdvSimd, where it is part of the base architecture) a·b + c is one fused multiply-add, rounded once.
// Where it has none (x86-64 up to v2: SSE4.2, no FMA; the default target of a NativeAOT build) it is a rounded
// product followed by a rounded sum. The choice is made by the JIT or the ahead-of-time compiler from the
// instruction sets the code runs with, so it costs nothing at run time; it is never emulated in software (the
// runtime's exact software fma costs tens of nanoseconds per call, which made every hot path 30–100× slower).
//
// Consequence for reproducibility: results are bitwise identical across machines that take the same code path
// (same fused-or-not, same vector widths; see CodePath), not across paths. Both variants are accurate to the
// bounds the kernels state (an unfused multiply-add adds at most one rounding of the product per operation).
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Hig.Numerics;

/// <summary>
/// The multiply-add a·b + c as Hig's kernels compute it: fused (one rounding) where the processor has a fused
/// multiply-add instruction, otherwise a rounded product and a rounded sum. Never emulated in software.
/// </summary>
/// <remarks>
/// Physics and loss code that should give the same bits as Hig's own kernels on every code path can use
/// <see cref="MultiplyAdd{T}"/> too. <see cref="IsMultiplyAddFused"/> tells which variant this process runs; it is
/// fixed for the life of the process (decided by the JIT or the ahead-of-time compiler from the instruction sets
/// available, see <see cref="CodePath"/>).
/// </remarks>
public static class Arithmetic
{
    /// <summary>
    /// True when <see cref="MultiplyAdd{T}"/> is a fused multiply-add (x86 with FMA3, ARM64); false when it is a
    /// product then a sum (x86-64 without FMA, such as the x86-64-v2 level and NativeAOT's default target).
    /// </summary>
    public static bool IsMultiplyAddFused
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Fma.IsSupported || AdvSimd.IsSupported;
    }

    /// <summary>
    /// a·b + c: <c>T.FusedMultiplyAdd(a, b, c)</c> when <see cref="IsMultiplyAddFused"/>, else <c>(a·b) + c</c>
    /// with two roundings.
    /// </summary>
    /// <typeparam name="T">The floating-point type.</typeparam>
    /// <param name="a">First factor.</param>
    /// <param name="b">Second factor.</param>
    /// <param name="c">Addend.</param>
    /// <returns>a·b + c, rounded as described.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd<T>(T a, T b, T c)
        where T : IFloatingPointIeee754<T> =>
        IsMultiplyAddFused ? T.FusedMultiplyAdd(a, b, c) : (a * b) + c;
}
