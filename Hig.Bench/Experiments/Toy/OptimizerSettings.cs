// OptimizerSettings: the three optimizers the toy example compares and their hyper-parameters, chosen once and used
// unchanged for every λ (as in the book). docs/toy.md says how each value was chosen.
using System;
using System.Collections.Generic;
using System.Text.Json;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Bench.Experiments.Toy;

/// <summary>The optimizers of the toy comparison.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma &amp; Ba), the first-order baseline.</summary>
    Adam,

    /// <summary>Truncated Gauss-Newton: the κ-power step with κ = 1.</summary>
    GaussNewton,

    /// <summary>Half-Inverse Gradients: the κ-power step with κ = ½.</summary>
    Hig,
}

/// <summary>One optimizer with its hyper-parameters; <see cref="Create"/> builds a fresh instance per run.</summary>
/// <param name="Kind">Which optimizer.</param>
/// <param name="LearningRate">η.</param>
/// <param name="Beta1">Adam's β₁ (NaN for the κ-power optimizers).</param>
/// <param name="Beta2">Adam's β₂ (NaN for the κ-power optimizers).</param>
/// <param name="Epsilon">Adam's ε (NaN for the κ-power optimizers).</param>
/// <param name="CutoffRelative">Relative truncation τ: singular values ≤ τ·σ_max get weight 0 (NaN for Adam).</param>
public sealed record OptimizerSettings(OptimizerKind Kind, double LearningRate, double Beta1, double Beta2, double Epsilon, double CutoffRelative)
{
    /// <summary>Adam with η = 0.01 and the paper's β₁ = 0.9, β₂ = 0.999, ε = 1e-8.</summary>
    public static OptimizerSettings Adam { get; } =
        new(OptimizerKind.Adam, 0.01, Adam<double>.DefaultBeta1, Adam<double>.DefaultBeta2, Adam<double>.DefaultEpsilon, double.NaN);

    /// <summary>
    /// Gauss-Newton: κ = 1, η = 1 and relative τ = 1e-4 (with the paper's τ = 1e-6 GN diverges even at λ = 1 and
    /// stalls in most seeds; 1e-4 did best at λ = 1, see docs/toy.md).
    /// </summary>
    public static OptimizerSettings GaussNewton { get; } =
        new(OptimizerKind.GaussNewton, 1.0, double.NaN, double.NaN, double.NaN, 1e-4);

    /// <summary>HIG: κ = ½, η = 1 and relative τ = 1e-6, the values of the HIG paper's runs.</summary>
    public static OptimizerSettings Hig { get; } =
        new(OptimizerKind.Hig, 1.0, double.NaN, double.NaN, double.NaN, SingularValueCutoff<double>.DefaultRelative);

    /// <summary>The three optimizers in the order they are compared: Adam, GN, HIG.</summary>
    public static IReadOnlyList<OptimizerSettings> All { get; } = [Adam, GaussNewton, Hig];

    /// <summary>The name used on the command line and in file names: adam, gn, hig.</summary>
    public string Key => KeyOf(Kind);

    /// <summary>The name shown in tables and figures: Adam, GN, HIG.</summary>
    public string Label => Kind switch
    {
        OptimizerKind.Adam => "Adam",
        OptimizerKind.GaussNewton => "GN",
        _ => "HIG",
    };

    /// <summary>The command-line key of an optimizer kind.</summary>
    public static string KeyOf(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Adam => "adam",
        OptimizerKind.GaussNewton => "gn",
        _ => "hig",
    };

    /// <summary>κ of the κ-power step, fixed by the kind (GaussNewton and HalfInverseGradients own it): 1, ½, or NaN for Adam.</summary>
    public double Kappa => Kind switch
    {
        OptimizerKind.Adam => double.NaN,
        OptimizerKind.GaussNewton => 1.0,
        _ => 0.5,
    };

    /// <summary>A fresh optimizer (zero Adam moments) for a network with <paramref name="parameterCount"/> parameters.</summary>
    public IOptimizer<double> Create(int parameterCount) => Kind switch
    {
        OptimizerKind.Adam => new Adam<double>(parameterCount, LearningRate, Beta1, Beta2, Epsilon),
        OptimizerKind.GaussNewton => new GaussNewton<double>(LearningRate, SingularValueCutoff<double>.FromRelative(CutoffRelative)),
        _ => new HalfInverseGradients<double>(LearningRate, SingularValueCutoff<double>.FromRelative(CutoffRelative)),
    };

    /// <summary>Writes the hyper-parameters as the properties of a JSON object (the caller opens and closes it).</summary>
    public void WriteProperties(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("name", Label);
        writer.WriteNumber("learning_rate", LearningRate);
        if (Kind == OptimizerKind.Adam)
        {
            writer.WriteNumber("beta1", Beta1);
            writer.WriteNumber("beta2", Beta2);
            writer.WriteNumber("epsilon", Epsilon);
        }
        else
        {
            writer.WriteNumber("kappa", Kappa);
            writer.WriteNumber("cutoff_relative_tau", CutoffRelative);
            writer.WriteNumber("cutoff_absolute", 0.0);
        }
    }
}
