// OptimizerSettings: one optimizer of a comparison — Adam, Gauss-Newton or HIG — with its hyper-parameters and its
// mini-batch size. Each experiment states its defaults per case (docs/toy.md, docs/oscillators.md say how they were
// chosen); flags override them; the comparison protocol (--grid) derives grid variants from them.
// The singular-value cut-off is type-aware by default: a relative τ below the SVD's own error keeps directions made
// of roundoff and multiplies them by up to τ^(−κ). That error is at most about max(m, n)·ε·σ_max for an m×n Jacobian
// (the worst-case bound), and typically √max(m, n)·ε·σ_max: rounding errors of independent operations add up like a
// random walk (Higham & Mary, "A new approach to probabilistic rounding error analysis", SIAM J. Sci. Comput. 41,
// 2019). A default τ is raised to max(τ, √max(m, n)·ε) for the run's element type and Jacobian shape; a τ given on
// the command line is used as given. (On the book's 128×1444 Jacobian in float, the worst-case floor 1.7e-4 left HIG
// at 1.3e-6 where τ = 4.5e-6, the typical floor, reaches 3.7e-8, as double does: docs/oscillators.md.)
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Hig.Bench.Experiments.Runner.Output;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Bench.Experiments.Runner;

/// <summary>The optimizers of the comparisons.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma &amp; Ba), the first-order baseline.</summary>
    Adam,

    /// <summary>Truncated Gauss-Newton: the κ-power step with κ = 1.</summary>
    GaussNewton,

    /// <summary>Half-Inverse Gradients: the κ-power step with κ = ½.</summary>
    Hig,
}

/// <summary>One optimizer with its hyper-parameters and batch size; <see cref="Create{T}"/> builds a fresh instance per run.</summary>
/// <param name="Kind">Which optimizer.</param>
/// <param name="LearningRate">η.</param>
/// <param name="BatchSize">Samples per mini-batch.</param>
public sealed record OptimizerSettings(OptimizerKind Kind, double LearningRate, int BatchSize)
{
    /// <summary>Adam's β₁ (NaN for the κ-power optimizers).</summary>
    public double Beta1 { get; init; } = double.NaN;

    /// <summary>Adam's β₂ (NaN for the κ-power optimizers).</summary>
    public double Beta2 { get; init; } = double.NaN;

    /// <summary>Adam's ε (NaN for the κ-power optimizers).</summary>
    public double Epsilon { get; init; } = double.NaN;

    /// <summary>Relative truncation τ: singular values ≤ τ·σ_max get weight 0 (NaN for Adam).</summary>
    public double CutoffRelative { get; init; } = double.NaN;

    /// <summary>Whether τ is a default, raised to the SVD's typical error level √max(m, n)·ε (see the file header), or given as is.</summary>
    public bool CutoffIsDefault { get; init; } = true;

    /// <summary>Names a grid variant in keys and labels ("" for the settings themselves).</summary>
    public string Variant { get; init; } = string.Empty;

    /// <summary>Adam with the given η, batch and ε, and Kingma &amp; Ba's β₁ = 0.9, β₂ = 0.999.</summary>
    public static OptimizerSettings Adam(double learningRate, int batchSize, double epsilon) =>
        new(OptimizerKind.Adam, learningRate, batchSize) { Beta1 = Adam<double>.DefaultBeta1, Beta2 = Adam<double>.DefaultBeta2, Epsilon = epsilon };

    /// <summary>Gauss-Newton (κ = 1) with the given η, relative τ and batch.</summary>
    public static OptimizerSettings GaussNewton(double learningRate, double tau, int batchSize) =>
        new(OptimizerKind.GaussNewton, learningRate, batchSize) { CutoffRelative = tau };

    /// <summary>HIG (κ = ½) with the given η, relative τ and batch.</summary>
    public static OptimizerSettings Hig(double learningRate, double tau, int batchSize) =>
        new(OptimizerKind.Hig, learningRate, batchSize) { CutoffRelative = tau };

    /// <summary>The name used on the command line and in file names: adam, gn, hig (with the grid variant appended).</summary>
    public string Key => Variant.Length == 0 ? KeyOf(Kind) : $"{KeyOf(Kind)}-{Variant}";

    /// <summary>The name shown in tables and figures: Adam, GN, HIG (with the grid variant's values).</summary>
    public string Label => Variant.Length == 0 ? KindLabel : $"{KindLabel} η={Invariant.Number(LearningRate)}"
        + (Kind == OptimizerKind.GaussNewton ? $" τ={Invariant.Number(CutoffRelative)}" : string.Empty);

    /// <summary>Adam, GN or HIG.</summary>
    public string KindLabel => Kind switch
    {
        OptimizerKind.Adam => "Adam",
        OptimizerKind.GaussNewton => "GN",
        _ => "HIG",
    };

    /// <summary>κ of the κ-power step, fixed by the kind: 1, ½, or NaN for Adam.</summary>
    public double Kappa => Kind switch
    {
        OptimizerKind.Adam => double.NaN,
        OptimizerKind.GaussNewton => 1.0,
        _ => 0.5,
    };

    /// <summary>The command-line key of an optimizer kind.</summary>
    public static string KeyOf(OptimizerKind kind) => kind switch
    {
        OptimizerKind.Adam => "adam",
        OptimizerKind.GaussNewton => "gn",
        _ => "hig",
    };

    /// <summary>The relative τ a run uses on an m×n Jacobian in type T: the default raised to √max(m, n)·ε, or as given.</summary>
    public double EffectiveCutoff(ElementPrecision precision, int rows, int cols) =>
        CutoffIsDefault ? Math.Max(CutoffRelative, RoundoffLevel(precision, rows, cols)) : CutoffRelative;

    private static double RoundoffLevel(ElementPrecision precision, int rows, int cols) =>
        precision == ElementPrecision.Single ? SingularValueCutoff<float>.RoundoffLevel(rows, cols) : SingularValueCutoff<double>.RoundoffLevel(rows, cols);

    /// <summary>A fresh optimizer (zero Adam moments) for |θ| = <paramref name="parameterCount"/> and J of <paramref name="jacobianRows"/> rows.</summary>
    public IOptimizer<T> Create<T>(int parameterCount, int jacobianRows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T eta = T.CreateTruncating(LearningRate);
        if (Kind == OptimizerKind.Adam)
        {
            return new Adam<T>(parameterCount, eta, T.CreateTruncating(Beta1), T.CreateTruncating(Beta2), T.CreateTruncating(Epsilon));
        }

        ElementPrecision precision = typeof(T) == typeof(double) ? ElementPrecision.Double : ElementPrecision.Single;
        var cutoff = SingularValueCutoff<T>.FromRelative(T.CreateTruncating(EffectiveCutoff(precision, jacobianRows, parameterCount)));
        return Kind == OptimizerKind.GaussNewton ? new GaussNewton<T>(eta, cutoff) : new HalfInverseGradients<T>(eta, cutoff);
    }

    /// <summary>The grid variants of the comparison protocol: η times each factor, and for GN each τ as well.</summary>
    public IReadOnlyList<OptimizerSettings> GridVariants(IReadOnlyList<double> learningRateFactors, IReadOnlyList<double> gnTaus)
    {
        ArgumentNullException.ThrowIfNull(learningRateFactors);
        ArgumentNullException.ThrowIfNull(gnTaus);
        var variants = new List<OptimizerSettings>();
        IReadOnlyList<double> taus = Kind == OptimizerKind.GaussNewton ? gnTaus : [CutoffRelative];
        foreach (double tau in taus)
        {
            foreach (double factor in learningRateFactors)
            {
                double eta = LearningRate * factor;
                bool isDefault = factor == 1 && (tau == CutoffRelative || Kind != OptimizerKind.GaussNewton);
                string variant = $"eta{Invariant.Number(eta)}" + (Kind == OptimizerKind.GaussNewton ? $"-tau{Invariant.Number(tau)}" : string.Empty);
                variants.Add(this with
                {
                    LearningRate = eta,
                    CutoffRelative = tau,
                    CutoffIsDefault = isDefault && CutoffIsDefault,
                    Variant = variant,
                });
            }
        }

        return variants;
    }

    /// <summary>Writes the hyper-parameters as the properties of a JSON object (the caller opens and closes it).</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="precision">The element type (for the cut-off actually used).</param>
    /// <param name="jacobianRows">Rows of the Jacobian (b·d_y), for the cut-off actually used.</param>
    /// <param name="parameterCount">|θ|, its columns.</param>
    public void WriteProperties(Utf8JsonWriter writer, ElementPrecision precision, int jacobianRows, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("name", Label);
        writer.WriteNumber("learning_rate", LearningRate);
        writer.WriteNumber("batch_size", BatchSize);
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
            writer.WriteString("cutoff_rule", CutoffIsDefault ? "default: max(tau, sqrt(max(m, n)) * eps) for the m x n Jacobian" : "as given");
            writer.WriteNumber("cutoff_relative_tau_used", EffectiveCutoff(precision, jacobianRows, parameterCount));
            writer.WriteNumber("cutoff_absolute", 0.0);
        }
    }

    /// <summary>"HIG η=1 τ=1e-10 b=32", for help texts and notes.</summary>
    public string Describe() => Kind == OptimizerKind.Adam
        ? string.Create(CultureInfo.InvariantCulture, $"Adam η={LearningRate} b={BatchSize}")
        : string.Create(CultureInfo.InvariantCulture, $"{KindLabel} η={LearningRate} τ={CutoffRelative} b={BatchSize}");
}
