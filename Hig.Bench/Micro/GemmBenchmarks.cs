using System;
using BenchmarkDotNet.Attributes;
using Hig.Numerics;

namespace Hig.Bench.Micro;

/// <summary>
/// Square gemm C ← A·B (both NoTranspose, β = 0), the product OpenBLAS's dgemm/sgemm anchor measures.
/// GFLOP/s = 2n³ / time; the GFLOP/s column is added by <see cref="GflopsColumn"/>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class GemmBenchmarks
{
    private Matrix<double> _a = null!, _b = null!, _c = null!;
    private Matrix<float> _af = null!, _bf = null!, _cf = null!;

    /// <summary>Matrix order.</summary>
    [Params(64, 128, 256, 512, 1024)]
    public int N { get; set; }

    /// <summary>Threads gemm may use.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Fills A and B with uniform values from a fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(42);
        _a = new Matrix<double>(N, N);
        _b = new Matrix<double>(N, N);
        _c = new Matrix<double>(N, N);
        rng.FillUniform(_a.Data, -1.0, 1.0);
        rng.FillUniform(_b.Data, -1.0, 1.0);
        _af = new Matrix<float>(N, N);
        _bf = new Matrix<float>(N, N);
        _cf = new Matrix<float>(N, N);
        rng.FillUniform(_af.Data, -1f, 1f);
        rng.FillUniform(_bf.Data, -1f, 1f);
    }

    /// <summary>Adds a GFLOP/s column computed as 2n³ / mean time.</summary>
    private sealed class Config : BenchmarkDotNet.Configs.ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn(c => 2.0 * Math.Pow((int)c.Parameters["N"], 3)));
    }

    /// <summary>dgemm.</summary>
    [Benchmark]
    public void GemmDouble() => Blas.Gemm(Transpose.No, Transpose.No, 1.0, _a, _b, 0.0, _c, Threads);

    /// <summary>sgemm.</summary>
    [Benchmark]
    public void GemmSingle() => Blas.Gemm(Transpose.No, Transpose.No, 1f, _af, _bf, 0f, _cf, Threads);
}
