// Stacked per-sample Jacobian assembly (Hig.Nn) against the bound of writing J once.
//
// Cases (the issue's): the toy network 1→7→2 tanh at b = 32, 256, 1024; the oscillator-control network
// 4→20→20→20→24 tanh followed by the book's oscillator chain (2 oscillators, the second driven, 24 RK4 steps of
// Δt = 0.5: 24 controls, 4 outputs; ∂P/∂u by its batched adjoint) at b = 32 and 128; the Poisson network
// 64→64→128→64→64 tanh (24,896 parameters) at b = 16. Each assembly call also runs the forward pass (it produces y). The baseline fills J with one vectorized store of its size, so the Ratio column
// reads as "assembly time in multiples of writing J once".
using BenchmarkDotNet.Attributes;
using Hig.Bench.Cases;
using Hig.Nn;
using Hig.Numerics;

namespace Hig.Bench.Micro;

/// <summary>Jacobian assembly by forward mode, reverse mode and the automatic choice, versus writing J once.</summary>
/// <typeparam name="T">float or double.</typeparam>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(double))]
[GenericTypeArguments(typeof(float))]
public class JacobianBenchmarks<T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private IDifferentiableModel<T> _model = null!;
    private ModelWorkspace<T> _workspace = null!;
    private T[] _theta = null!;
    private Matrix<T> _x = null!, _y = null!, _j = null!;

    /// <summary>The network, physics and batch size.</summary>
    [Params("toy b=32", "toy b=256", "toy b=1024", "oscillators b=32", "oscillators b=128", "poisson b=16")]
    public string Case { get; set; } = "toy b=32";

    /// <summary>Builds the model, seeded Glorot θ, inputs uniform in [−1, 1], and J.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (IDifferentiableModel<T> model, Mlp<T> network, int batch) = ModelCases.Build<T>(Case);
        var rng = new Rng(2024);
        _model = model;
        _theta = new T[network.ParameterCount];
        network.InitializeGlorotUniform(_theta, rng);
        _x = new Matrix<T>(batch, network.InputSize);
        rng.FillUniform(_x.Data, -T.One, T.One);
        _y = new Matrix<T>(batch, model.OutputSize);
        _j = new Matrix<T>(batch * model.OutputSize, model.ParameterCount);
        _workspace = model.CreateWorkspace(batch);
    }

    /// <summary>The bound: J written once (a vectorized fill of its size).</summary>
    [Benchmark(Baseline = true)]
    public void WriteOnce() => _j.Data.Fill(T.One);

    /// <summary>Forward pass, then J by forward mode.</summary>
    [Benchmark]
    public void Forward() => _model.Jacobian(_theta, _x, _j, _y, _workspace, JacobianMode.Forward);

    /// <summary>Forward pass, then J by reverse mode.</summary>
    [Benchmark]
    public void Reverse() => _model.Jacobian(_theta, _x, _j, _y, _workspace, JacobianMode.Reverse);

    /// <summary>Forward pass, then J by the mode the shape rule picks.</summary>
    [Benchmark]
    public void Auto() => _model.Jacobian(_theta, _x, _j, _y, _workspace, JacobianMode.Auto);
}
