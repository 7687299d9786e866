// ModelCases: the three networks the model benchmarks and timings (Jacobian assembly, one optimizer step) run on, named
// "<network> b=<batch>": the toy 1→7→2 tanh; the oscillator controller 4→20→20→20→24 tanh followed by the book's
// oscillator chain (OscillatorChain.BookLinearChain: 2 linearly coupled oscillators, the second driven, 24 RK4 steps
// of Δt = 0.5: 24 controls, 4 outputs); the Poisson network 64→64→128→64→64 tanh (24,896 parameters). All with a
// linear output layer.
using System;
using System.Globalization;
using System.Numerics;
using Hig.Nn;

namespace Hig.Bench.Cases;

/// <summary>Builds a benchmark case's model, its network (for θ's size and initialization) and batch size.</summary>
internal static class ModelCases
{
    /// <summary>The model, its network and the batch size of a case such as "oscillators b=32" (also "oscillators-paper": the
    /// paper's cubic chain after 4→20→20→20→96 tanh).</summary>
    public static (IDifferentiableModel<T> Model, Mlp<T> Network, int Batch) Build<T>(string name)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        string[] parts = name.Split(" b=");
        int batch = int.Parse(parts[1], CultureInfo.InvariantCulture);
        switch (parts[0])
        {
            case "toy":
                var toy = new Mlp<T>([1, 7, 2], Activation.Tanh, Activation.Identity);
                return (toy, toy, batch);
            case "oscillators":
                var controller = new Mlp<T>([4, 20, 20, 20, 24], Activation.Tanh, Activation.Identity);
                return (new ComposedModel<T>(controller, OscillatorChain<T>.BookLinearChain()), controller, batch);
            case "oscillators-paper":
                var paper = new Mlp<T>([4, 20, 20, 20, 96], Activation.Tanh, Activation.Identity);
                return (new ComposedModel<T>(paper, OscillatorChain<T>.PaperCubicChain()), paper, batch);
            case "poisson":
                var poisson = new Mlp<T>([64, 64, 128, 64, 64], Activation.Tanh, Activation.Identity);
                return (poisson, poisson, batch);
            default:
                throw new ArgumentException($"Unknown case {name}.", nameof(name));
        }
    }
}
