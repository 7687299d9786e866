// One full optimizer step (Hig.Optim's Trainer.Step): forward pass, derivatives, update.
//   HIG:  forward + stacked Jacobian J (b·d_y × |θ|), g = ∂L/∂y, the κ-power apply V·Λ^(−½)·Uᵀ·g, θ update;
//   Adam: forward + one reverse pass for ∂L/∂θ, moment updates, θ update.
// On the three networks of the Jacobian benchmarks: the toy 1→7→2 tanh (b = 256: J is 512×30), the oscillator
// controller 4→20→20→20→24 tanh with the book's oscillator chain (2 oscillators, 24 RK4 steps, as in the Jacobian
// benchmarks; b = 32: J is 128×1444, the book's HIG step), and the Poisson network
// 64→64→128→64→64 tanh (24,896 parameters, b = 16: J is 1024×24,896).
using BenchmarkDotNet.Attributes;
using Hig.Bench.Cases;
using Hig.Nn;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Bench.Micro;

/// <summary>One full training step of HIG and of Adam, allocation-free after the first.</summary>
/// <typeparam name="T">float or double.</typeparam>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(double))]
[GenericTypeArguments(typeof(float))]
public class StepBenchmarks<T>
    where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private Trainer<T> _hig = null!, _adam = null!;
    private T[] _thetaHig = null!, _thetaAdam = null!;
    private Matrix<T> _x = null!, _target = null!;

    /// <summary>The network, physics and batch size.</summary>
    [Params("toy b=256", "oscillators b=32", "poisson b=16")]
    public string Case { get; set; } = "toy b=256";

    /// <summary>Builds the model, seeded Glorot θ, inputs and targets uniform in [−1, 1], and one trainer per optimizer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (IDifferentiableModel<T> model, Mlp<T> network, int batch) = ModelCases.Build<T>(Case);

        var rng = new Rng(2025);
        _thetaHig = new T[network.ParameterCount];
        network.InitializeGlorotUniform(_thetaHig, rng);
        _thetaAdam = (T[])_thetaHig.Clone();
        _x = new Matrix<T>(batch, model.InputSize);
        _target = new Matrix<T>(batch, model.OutputSize);
        rng.FillUniform(_x.Data, -T.One, T.One);
        rng.FillUniform(_target.Data, -T.One, T.One);
        var loss = L2Loss<T>.Unscaled(model.OutputSize);

        // A small η keeps θ near its start over the many benchmark iterations, so every step costs the same.
        T eta = T.CreateTruncating(1e-6);
        _hig = new Trainer<T>(model, loss, new HalfInverseGradients<T>(eta), batch);
        _adam = new Trainer<T>(model, loss, new Adam<T>(network.ParameterCount, eta), batch);
        _hig.Step(_thetaHig, _x, _target); // grow the κ-power workspace outside the measurement
        _adam.Step(_thetaAdam, _x, _target);
    }

    /// <summary>One HIG step.</summary>
    [Benchmark]
    public T HigStep() => _hig.Step(_thetaHig, _x, _target).Loss;

    /// <summary>One Adam step.</summary>
    [Benchmark]
    public T AdamStep() => _adam.Step(_thetaAdam, _x, _target).Loss;
}
