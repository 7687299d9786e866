using System;
using System.IO;
using System.Numerics;
using System.Runtime.InteropServices;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Numerics;

/// <summary>
/// The reported code path against what the kernels compute and against the processor and runtime settings: the
/// multiply-add is fused exactly when <see cref="CodePath.FusedMultiplyAdd"/> says so, in scalar code and in every
/// vector kernel lane, and the level matches the CPU flags (/proc/cpuinfo) capped by DOTNET_EnableAVX/AVX512.
/// </summary>
public abstract class CodePathTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // a·b = 1 − 2⁻²·ᵖ⁺⁴ exactly (p = 53 or 24 significand bits): rounded, it is 1, so a·b − 1 is 0 unfused and
    // −2⁻²·ᵖ⁺⁴ ≠ 0 fused. The two answers tell the paths apart in one operation.
    private static readonly int HalfBits = typeof(T) == typeof(double) ? 28 : 13;
    private static readonly T A = T.One + T.ScaleB(T.One, -HalfBits);
    private static readonly T B = T.One - T.ScaleB(T.One, -HalfBits);
    private static readonly T Exact = -T.ScaleB(T.One, -2 * HalfBits);
    private static T Expected => CodePath.FusedMultiplyAdd ? Exact : T.Zero;

    [Fact]
    public void ScalarMultiplyAddRoundsOnceExactlyWhenFused()
    {
        Assert.NotEqual(T.Zero, Exact);
        Assert.Equal(Expected, Arithmetic.MultiplyAdd(A, B, -T.One));
        Assert.Equal(CodePath.FusedMultiplyAdd, Arithmetic.IsMultiplyAddFused);
    }

    [Fact]
    public void EveryLaneOfAxpyAndGemmUsesTheSameMultiplyAdd()
    {
        // axpy: yᵢ = madd(a, b, −1) in every vector lane and in the scalar tail (n = 67 leaves a tail at every width).
        const int n = 67;
        var x = new T[n];
        var y = new T[n];
        Array.Fill(x, B);
        Array.Fill(y, -T.One);
        Blas.Axpy(A, x, y);
        Assert.All(y, v => Assert.Equal(Expected, v));

        // gemm: C = [−1, a]·[[1 …], [b …]] accumulates madd(a, b, madd(−1, 1, 0)) = madd(a, b, −1) in each element,
        // on full and edge tiles (n = 67 columns, 13 rows) and for every tile shape and width the host accelerates.
        var left = new Matrix<T>(13, 2);
        var right = new Matrix<T>(2, n);
        for (int i = 0; i < left.Rows; i++)
        {
            left[i, 0] = -T.One;
            left[i, 1] = A;
        }

        for (int j = 0; j < n; j++)
        {
            right[0, j] = T.One;
            right[1, j] = B;
        }

        var c = new Matrix<T>(13, n);
        Blas.Gemm(Transpose.No, Transpose.No, T.One, left, right, T.Zero, c);
        Assert.All(c.Data.ToArray(), v => Assert.Equal(Expected, v));
    }

    [Fact]
    public void LevelMatchesTheProcessorFlagsAndRuntimeSettings()
    {
        string description = CodePath.Description;
        Assert.Contains(CodePath.Level, description, StringComparison.Ordinal);
        Assert.Equal(CodePath.Level, CodePath.Level.Trim());
        if (RuntimeInformation.ProcessArchitecture == Architecture.Arm64)
        {
            Assert.Equal("arm64-advsimd", CodePath.Level);
            Assert.True(CodePath.FusedMultiplyAdd);
            Assert.Equal(32, CodePath.VectorRegisters);
            Assert.Equal(128, CodePath.WidestVectorBits);
            return;
        }

        if (RuntimeInformation.ProcessArchitecture != Architecture.X64 || !File.Exists("/proc/cpuinfo")
            || Environment.GetEnvironmentVariable("DOTNET_EnableAVX2") is not null
            || Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") is not null)
        {
            Assert.Skip($"the level is checked against /proc/cpuinfo on x64 Linux with at most DOTNET_EnableAVX/AVX512 set; this process: {description}");
        }

        string flags = string.Empty;
        foreach (string line in File.ReadLines("/proc/cpuinfo"))
        {
            if (line.StartsWith("flags", StringComparison.Ordinal))
            {
                flags = " " + line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..] + " ";
                break;
            }
        }

        bool Has(params string[] names) => Array.TrueForAll(names, name => flags.Contains(" " + name + " ", StringComparison.Ordinal));
        int level = Has("avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl", "avx2", "fma") ? 4
            : Has("avx2", "fma", "bmi1", "bmi2", "abm") ? 3
            : Has("sse4_2", "popcnt") ? 2
            : 1;
        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX") == "0")
        {
            level = Math.Min(level, 2);
        }

        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0")
        {
            level = Math.Min(level, 3);
        }

        Assert.Equal(level == 1 ? "x86-64" : $"x86-64-v{level}", CodePath.Level);
        Assert.Equal(level >= 3, CodePath.FusedMultiplyAdd);
        Assert.Equal(level == 4 ? 32 : 16, CodePath.VectorRegisters);
        if (level <= 2)
        {
            Assert.Equal(128, CodePath.WidestVectorBits);
            Assert.Equal(128, CodePath.VectorBits);
        }
    }
}

/// <summary>Double precision.</summary>
public sealed class CodePathTestsDouble : CodePathTests<double>
{
}

/// <summary>Single precision.</summary>
public sealed class CodePathTestsSingle : CodePathTests<float>
{
}
