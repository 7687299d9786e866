// ModelCases: the three networks the model benchmarks (Jacobian assembly, one optimizer step) run on, named
// "<network> b=<batch>": the toy 1→7→2 tanh; the oscillator controller 4→20→20→20→24 tanh followed by
// CoupledOscillators (2 oscillators driven over 12 steps of Δt = 1/4: 24 controls, 4 outputs); the Poisson network
// 64→64→128→64→64 tanh (24,896 parameters). All with a linear output layer.
using System;
using System.Globalization;
using System.Numerics;
using Hig.Nn;

namespace Hig.Bench.Micro;

/// <summary>Builds a benchmark case's model, its network (for θ's size and initialization) and batch size.</summary>
internal static class ModelCases
{
    /// <summary>The model, its network and the batch size of a case such as "oscillators b=32".</summary>
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
                var physics = new CoupledOscillators<T>(2, 12, T.CreateChecked(0.25), T.One, T.One);
                return (new ComposedModel<T>(controller, physics), controller, batch);
            case "poisson":
                var poisson = new Mlp<T>([64, 64, 128, 64, 64], Activation.Tanh, Activation.Identity);
                return (poisson, poisson, batch);
            default:
                throw new ArgumentException($"Unknown case {name}.", nameof(name));
        }
    }
}
