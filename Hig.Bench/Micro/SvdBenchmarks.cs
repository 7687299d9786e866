using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Hig.Numerics;

namespace Hig.Bench.Micro;

/// <summary>
/// The SVD and the κ-power step on the HIG shapes (toy 512×30, oscillators 128×1444 and 512×2956, quantum dipole
/// 448×9484, and 4096×64, 2048×256, 256×256, 1024×1024), double and float, all through the allocation-free
/// overloads with a preallocated workspace (the Allocated column must read 0 / '-'):
/// values only (LAPACK's dgesvd jobu=jobvt='N'), thin U and V (dgesdd/dgesvd jobz='S'), and the κ = ½ step with the
/// default cut-off (compare with dgelsd and with dgesdd followed by the products). The κ-power overload overwrites A,
/// so each invocation first restores A from a copy (an m·n copy, included in the time; the LAPACK anchor copies
/// outside its timer).
/// Run: dotnet run -c Release --project Hig.Bench -- micro --filter '*Svd*'
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class SvdBenchmarks
{
    private Problem<double> _double = null!;
    private Problem<float> _single = null!;

    /// <summary>The shape "rows×cols".</summary>
    [Params("512x30", "128x1444", "512x2956", "448x9484", "4096x64", "2048x256", "256x256", "1024x1024")]
    public string Shape { get; set; } = "512x30";

    /// <summary>Builds uniform [−1, 1) matrices from a fixed seed and sizes every buffer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Shape.Split('x');
        int m = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        int n = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        _double = new Problem<double>(m, n);
        _single = new Problem<float>(m, n);
    }

    /// <summary>Singular values only, double.</summary>
    [Benchmark]
    public void ValuesDouble() => _double.Values();

    /// <summary>Thin SVD with U and V, double.</summary>
    [Benchmark]
    public void ThinDouble() => _double.Thin();

    /// <summary>κ = ½ step d = V·Λ^(−½)·Uᵀ·g, τ = 1e-6, double.</summary>
    [Benchmark]
    public void KappaHalfDouble() => _double.Kappa();

    /// <summary>Singular values only, float.</summary>
    [Benchmark]
    public void ValuesSingle() => _single.Values();

    /// <summary>Thin SVD with U and V, float.</summary>
    [Benchmark]
    public void ThinSingle() => _single.Thin();

    /// <summary>κ = ½ step, float.</summary>
    [Benchmark]
    public void KappaHalfSingle() => _single.Kappa();

    /// <summary>A short job: the large shapes take about a second per call, and ratios against the anchor are what matter.</summary>
    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(8));
    }

    private sealed class Problem<T>
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        private readonly Matrix<T> _a, _scratchA, _u, _v;
        private readonly T[] _s, _g, _d, _workspace;

        public Problem(int m, int n)
        {
            int k = Math.Min(m, n);
            var rng = new Rng(42);
            _a = new Matrix<T>(m, n);
            for (int i = 0; i < _a.Data.Length; i++)
            {
                _a.Data[i] = rng.NextUniform(-T.One, T.One);
            }

            _scratchA = new Matrix<T>(m, n);
            _u = new Matrix<T>(m, k);
            _v = new Matrix<T>(n, k);
            _s = new T[k];
            _g = new T[m];
            for (int i = 0; i < m; i++)
            {
                _g[i] = rng.NextUniform(-T.One, T.One);
            }

            _d = new T[n];
            _workspace = new T[Math.Max(Math.Max(Svd.ValuesWorkspaceLength<T>(m, n), Svd.ThinWorkspaceLength<T>(m, n)), KappaPower.WorkspaceLength<T>(m, n))];
        }

        public void Values() => Svd.Values(_a.AsReadOnlyView(), _s, _workspace);

        public void Thin() => Svd.Thin(_a.AsReadOnlyView(), _u, _s, _v, _workspace);

        public void Kappa()
        {
            _a.Data.CopyTo(_scratchA.Data);
            KappaPower.Apply(_scratchA.AsView(), _g, T.CreateTruncating(0.5), SingularValueCutoff<T>.Default, _d, _s, _workspace);
        }
    }
}
