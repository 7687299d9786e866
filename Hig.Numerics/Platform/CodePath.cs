// CodePath: which code path this process runs — the instruction-set level, the vector widths, whether multiply-adds
// are fused, and the number of vector registers the register-blocked kernels are sized for.
//
// Every kernel selects its path from the same JIT-time (or, under NativeAOT, compile-time) constants that are
// reported here, so what this class says is what the kernels do. The path is fixed for the life of the process:
// under the JIT by the processor and the DOTNET_Enable* settings, under NativeAOT by the instruction set the binary
// was published for (its default is x86-64-v2 on x64, which has no FMA and 128-bit vectors).
//
// Levels (x64, as psABI names them): v2 = SSE4.2 + POPCNT; v3 = v2 + AVX2 + FMA + BMI1/2 + LZCNT + MOVBE;
// v4 = v3 + AVX-512 F/BW/CD/DQ/VL. ARM64 is one level here: AdvSimd (NEON), 128-bit, with fused multiply-add.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Hig.Numerics;

/// <summary>
/// The code path Hig's kernels take in this process: instruction-set level, vector widths, fused multiply-add, and
/// the vector register count the blocked kernels are sized for. Fixed for the life of the process.
/// </summary>
/// <remarks>
/// <para>Results are bitwise identical between runs and machines that report the same <see cref="Description"/>
/// (same level, widths and multiply-add), for the same inputs and seeds. Across paths they differ in the last bits:
/// a fused multiply-add rounds once where an unfused one rounds twice, and reductions sum in an order that depends
/// on the vector width. See the README's "Determinism" section for what holds across what.</para>
/// <para>Under the JIT the path follows the processor and the runtime's <c>DOTNET_EnableAVX</c>,
/// <c>DOTNET_EnableAVX2</c>, <c>DOTNET_EnableAVX512</c> settings; under NativeAOT it is the instruction set the
/// binary was published for (<c>IlcInstructionSet</c>; x86-64-v2 by default on x64).</para>
/// </remarks>
public static class CodePath
{
    /// <summary>The processor architecture of the process: "x64", "arm64", or the runtime's name for another.</summary>
    public static string Architecture => RuntimeInformation.ProcessArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "x64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>
    /// The instruction-set level the kernels run at: "x86-64-v4", "x86-64-v3", "x86-64-v2" or "x86-64" on x64,
    /// "arm64-advsimd" on ARM64, "scalar" where no SIMD is accelerated.
    /// </summary>
    public static string Level
    {
        get
        {
            if (AdvSimd.Arm64.IsSupported)
            {
                return "arm64-advsimd";
            }

            if (X86Base.X64.IsSupported)
            {
                if (Avx512F.IsSupported && Avx512F.VL.IsSupported && Avx512BW.IsSupported && Avx512CD.IsSupported && Avx512DQ.IsSupported
                    && Avx2.IsSupported && Fma.IsSupported)
                {
                    return "x86-64-v4";
                }

                if (Avx2.IsSupported && Fma.IsSupported && Bmi1.IsSupported && Bmi2.IsSupported && Lzcnt.IsSupported)
                {
                    return "x86-64-v3";
                }

                return Sse42.IsSupported && Popcnt.IsSupported ? "x86-64-v2" : "x86-64";
            }

            return Vector128.IsHardwareAccelerated ? RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant() : "scalar";
        }
    }

    /// <summary>Bits of <see cref="Vector{T}"/> in this process (the width of the element-wise and reduction kernels).</summary>
    public static int VectorBits => Vector.IsHardwareAccelerated ? Vector<byte>.Count * 8 : 0;

    /// <summary>
    /// Bits of the widest fixed-width vector the hardware accelerates (512, 256, 128, or 0): the width of gemm's
    /// micro-kernel, the rotation and block-reflector kernels and the batched tanh.
    /// </summary>
    public static int WidestVectorBits =>
        Vector512.IsHardwareAccelerated ? 512
        : Vector256.IsHardwareAccelerated ? 256
        : Vector128.IsHardwareAccelerated ? 128
        : 0;

    /// <summary>Whether multiply-adds are fused (see <see cref="Arithmetic.IsMultiplyAddFused"/>).</summary>
    public static bool FusedMultiplyAdd => Arithmetic.IsMultiplyAddFused;

    /// <summary>
    /// Vector registers the register-blocked kernels are sized for: 32 with AVX-512 (EVEX encoding) and on ARM64,
    /// 16 with SSE and AVX2.
    /// </summary>
    public static int VectorRegisters
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Avx512F.IsSupported || AdvSimd.IsSupported ? 32 : 16;
    }

    /// <summary>Whether this process runs code compiled ahead of time (NativeAOT) rather than by the JIT.</summary>
    public static bool IsAheadOfTimeCompiled => !RuntimeFeature.IsDynamicCodeCompiled;

    /// <summary>
    /// One line naming the path, e.g. "x64 x86-64-v3: kernels 256-bit, Vector&lt;T&gt; 256-bit, fused multiply-add,
    /// 16 vector registers, JIT".
    /// </summary>
    public static string Description =>
        $"{Architecture} {Level}: kernels {WidestVectorBits}-bit, Vector<T> {VectorBits}-bit, "
        + $"{(FusedMultiplyAdd ? "fused multiply-add" : "multiply-add unfused (no FMA)")}, {VectorRegisters} vector registers, "
        + (IsAheadOfTimeCompiled ? "NativeAOT" : "JIT");
}
