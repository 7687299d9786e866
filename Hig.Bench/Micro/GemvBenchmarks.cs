using System;
using BenchmarkDotNet.Attributes;
using Hig.Numerics;

namespace Hig.Bench.Micro;

/// <summary>
/// gemv on a 4096×512 matrix, J·v and Jᵀ·g (the OpenBLAS dgemv anchor's shape: a HIG-sized Jacobian), memory bound.
/// GFLOP/s = 2·m·n / time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class GemvBenchmarks
{
    private const int Rows = 4096, Cols = 512;
    private Matrix<double> _a = null!;
    private double[] _x = null!, _xt = null!, _y = null!, _yt = null!;
    private Matrix<float> _af = null!;
    private float[] _xf = null!, _xtf = null!, _yf = null!, _ytf = null!;

    /// <summary>Fills the operands from a fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(7);
        _a = new Matrix<double>(Rows, Cols);
        rng.FillUniform(_a.Data, -1.0, 1.0);
        _x = new double[Cols];
        _xt = new double[Rows];
        rng.FillUniform<double>(_x, -1.0, 1.0);
        rng.FillUniform<double>(_xt, -1.0, 1.0);
        _y = new double[Rows];
        _yt = new double[Cols];
        _af = new Matrix<float>(Rows, Cols);
        rng.FillUniform(_af.Data, -1f, 1f);
        _xf = new float[Cols];
        _xtf = new float[Rows];
        rng.FillUniform<float>(_xf, -1f, 1f);
        rng.FillUniform<float>(_xtf, -1f, 1f);
        _yf = new float[Rows];
        _ytf = new float[Cols];
    }

    /// <summary>y ← J·v, double.</summary>
    [Benchmark]
    public void GemvDouble() => Blas.Gemv(Transpose.No, 1.0, _a, _x, 0.0, _y);

    /// <summary>y ← Jᵀ·g, double.</summary>
    [Benchmark]
    public void GemvTransposedDouble() => Blas.Gemv(Transpose.Yes, 1.0, _a, _xt, 0.0, _yt);

    /// <summary>y ← J·v, float.</summary>
    [Benchmark]
    public void GemvSingle() => Blas.Gemv(Transpose.No, 1f, _af, _xf, 0f, _yf);

    /// <summary>y ← Jᵀ·g, float.</summary>
    [Benchmark]
    public void GemvTransposedSingle() => Blas.Gemv(Transpose.Yes, 1f, _af, _xtf, 0f, _ytf);

    private sealed class Config : BenchmarkDotNet.Configs.ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn(_ => 2.0 * Rows * Cols));
    }
}

/// <summary>dot products of L1-, L2- and L3-resident lengths. GFLOP/s = 2n / time.</summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class DotBenchmarks
{
    private double[] _x = null!, _y = null!;
    private float[] _xf = null!, _yf = null!;

    /// <summary>Vector length.</summary>
    [Params(256, 4096, 1 << 20)]
    public int N { get; set; }

    /// <summary>Fills the operands from a fixed seed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(8);
        _x = new double[N];
        _y = new double[N];
        _xf = new float[N];
        _yf = new float[N];
        rng.FillUniform<double>(_x, -1.0, 1.0);
        rng.FillUniform<double>(_y, -1.0, 1.0);
        rng.FillUniform<float>(_xf, -1f, 1f);
        rng.FillUniform<float>(_yf, -1f, 1f);
    }

    /// <summary>ddot.</summary>
    [Benchmark]
    public double DotDouble() => Blas.Dot<double>(_x, _y);

    /// <summary>sdot.</summary>
    [Benchmark]
    public float DotSingle() => Blas.Dot<float>(_xf, _yf);

    private sealed class Config : BenchmarkDotNet.Configs.ManualConfig
    {
        public Config() => AddColumn(new GflopsColumn(c => 2.0 * (int)c.Parameters["N"]));
    }
}
