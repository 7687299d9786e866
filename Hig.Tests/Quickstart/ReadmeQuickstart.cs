// The README's quickstart, compiled and run by QuickstartTests so it cannot rot: the lines between the "readme:begin"
// and "readme:end" markers, with their indentation removed, must appear verbatim in README.md's quickstart block.
// readme:begin
using System;
using Hig.Nn;
using Hig.Numerics;
using Hig.Optim;
// readme:end

namespace Hig.Tests.Quickstart;

/// <summary>The README quickstart as a method.</summary>
public static class ReadmeQuickstart
{
    /// <summary>Runs the quickstart and returns its training result.</summary>
    public static TrainingResult<double> Run()
    {
        // readme:begin
        // The toy problem of the HIG chapter: learn x ↦ (sin 6x, cos 9x) through the "physics" y = (f₁, λ·f₂), λ = 0.01.
        var network = new Mlp<double>([1, 7, 2], Activation.Tanh, Activation.Identity);
        var model = new ComposedModel<double>(network, new ScaledComponents<double>(1.0, 0.01));
        var rng = new Rng(seed: 42);
        var theta = new double[network.ParameterCount];
        network.InitializeGlorotUniform(theta, rng);

        var x = new Matrix<double>(1024, 1);
        var y = new Matrix<double>(1024, 2);
        for (int i = 0; i < x.Rows; i++)
        {
            x[i, 0] = rng.NextUniform(-1.0, 1.0);
            y[i, 0] = Math.Sin(6 * x[i, 0]);
            y[i, 1] = Math.Cos(9 * x[i, 0]);
        }

        // Half-Inverse Gradients: Δθ = −η·V·Λ^(−½)·Uᵀ·g on the SVD of the stacked Jacobian (η = 1, τ = 1e-6 in double).
        var trainer = new Trainer<double>(model, L2Loss<double>.Unscaled(2), new HalfInverseGradients<double>(), batchSize: 256);
        var options = new TrainingOptions { Seed = 1, MaxIterations = 3000 };
        TrainingResult<double> result = trainer.Run(theta, new Dataset<double>(x, y), options);
        Console.WriteLine($"loss {result.FinalTrainingLoss:E2} after {result.Iterations} HIG steps");
        // readme:end
        return result;
    }
}
