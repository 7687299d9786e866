// ModelTimings: the `timing jacobian` and `timing step` lines of docs/benchmarks.md, on the oscillator controller and
// its chains (ModelCases "oscillators": the book's; "oscillators-paper": the paper's cubic chain):
//   timing jacobian <d|s> <batch> [book|paper] [rounds]  J by the model (Auto mode) against writing J once, interleaved
//                                                         round by round (InterleavedTimer), best of rounds for both;
//                                                         also the chain's ∂P/∂u alone, and the ratio
//   timing step <hig|gn|adam> <d|s> <batch> [book|paper]  one Trainer.Step by the anchor rule (AnchorRuleTimer)
// Inputs: Glorot θ and initial states uniform in [0, 1) from fixed seeds; a step's η is 10⁻⁶, so θ, and with it the cost
// of a step, stays put over the many timed steps.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using Hig.Bench.Cases;
using Hig.Bench.Experiments.Cli;
using Hig.Nn;
using Hig.Numerics;
using Hig.Optim;

namespace Hig.Bench.Timing;

/// <summary>Timings of Jacobian assembly and of one training step on the oscillator models.</summary>
internal static class ModelTimings
{
    /// <summary>`timing jacobian …`: one line with the best-of-rounds times and the assembly / fill ratio.</summary>
    public static string Jacobian(IReadOnlyList<string> args, double warmUpSeconds)
    {
        Expect(args, 3, 5);
        bool isDouble = Precision(args[1]);
        int batch = (int)ValueParsers.WholeNumber("batch", args[2], 1, 4096);
        string chain = args.Count > 3 ? Chain(args[3]) : "book";
        int rounds = args.Count > 4 ? (int)ValueParsers.WholeNumber("rounds", args[4], 1, 100_000) : InterleavedTimer.DefaultRounds;
        return isDouble ? MeasureJacobian<double>(batch, chain, rounds, warmUpSeconds) : MeasureJacobian<float>(batch, chain, rounds, warmUpSeconds);
    }

    /// <summary>`timing step …`: one line with the median and minimum time of one training step.</summary>
    public static string Step(IReadOnlyList<string> args, double warmUpSeconds)
    {
        Expect(args, 4, 5);
        string optimizer = args[1] is "hig" or "gn" or "adam" ? args[1] : throw new UsageException($"unknown optimizer '{args[1]}' (hig, gn or adam)");
        bool isDouble = Precision(args[2]);
        int batch = (int)ValueParsers.WholeNumber("batch", args[3], 1, 4096);
        string chain = args.Count > 4 ? Chain(args[4]) : "book";
        return isDouble ? MeasureStep<double>(optimizer, batch, chain, warmUpSeconds) : MeasureStep<float>(optimizer, batch, chain, warmUpSeconds);
    }

    private static string MeasureJacobian<T>(int batch, string chain, int rounds, double warmUpSeconds)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (ComposedModel<T> model, T[] theta, Matrix<T> x) = Setup<T>(chain, batch);
        var y = new Matrix<T>(batch, model.OutputSize);
        var j = new Matrix<T>(batch * model.OutputSize, model.ParameterCount);
        ModelWorkspace<T> ws = model.CreateWorkspace(batch);
        var physics = (IBatchedPhysicsFunction<T>)model.Physics;
        PhysicsBatchWorkspace physicsWs = physics.CreateBatchWorkspace(batch);
        var u = new Matrix<T>(batch, physics.InputSize);
        new Rng(3).FillUniform(u.Data, -T.One, T.One);
        var blocks = new T[batch * physics.OutputSize * physics.InputSize];
        T one = T.One;
        (double BestMs, int Repetitions)[] best = InterleavedTimer.Measure(
        [
            () => j.Data.Fill(one),
            () => model.Jacobian(theta, x, j, y, ws),
            () => physics.JacobianBatch(x, u, y, blocks, physicsWs),
        ], rounds, warmUpSeconds);
        string type = typeof(T) == typeof(double) ? "double" : "float";
        string times = Invariant($"assembly {Us(best[1].BestMs)} us, write J once {Us(best[0].BestMs)} us, ratio {best[1].BestMs / best[0].BestMs:F2}; of it dP/du {Us(best[2].BestMs)} us");
        string how = Invariant($"best of {rounds} interleaved rounds of {best[1].Repetitions} / {best[0].Repetitions} / {best[2].Repetitions} calls, after {warmUpSeconds:0.#} s warm-up");
        return Invariant($"ours {type} jacobian oscillators-{chain} b={batch} ({j.Rows}x{j.Cols}): {times} ({how})");
    }

    private static string MeasureStep<T>(string optimizer, int batch, string chain, double warmUpSeconds)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (ComposedModel<T> model, T[] theta, Matrix<T> x) = Setup<T>(chain, batch);
        T eta = T.CreateTruncating(1e-6);
        IOptimizer<T> chosen = optimizer switch
        {
            "hig" => new HalfInverseGradients<T>(eta),
            "gn" => new GaussNewton<T>(eta),
            _ => new Adam<T>(model.ParameterCount, eta),
        };
        var trainer = new Trainer<T>(model, L2Loss<T>.SumOfSquares(model.OutputSize), chosen, batch);
        trainer.Step(theta, x, x); // grows the κ-power workspace outside the timing
        (double median, double minimum, int calls) = AnchorRuleTimer.Measure(() => trainer.Step(theta, x, x), warmUpSeconds: warmUpSeconds);
        string type = typeof(T) == typeof(double) ? "double" : "float";
        int rows = batch * model.OutputSize;
        return Invariant($"ours {type} step {optimizer} oscillators-{chain} b={batch} (J {rows}x{model.ParameterCount}): median {median:F4} ms (min {minimum:F4} ms, {calls} calls)");
    }

    /// <summary>The oscillator model of a chain, Glorot θ (seed 2024) and initial states uniform in [0, 1) (seed 2025).</summary>
    private static (ComposedModel<T> Model, T[] Theta, Matrix<T> X) Setup<T>(string chain, int batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (IDifferentiableModel<T> model, Mlp<T> network, _) = ModelCases.Build<T>((chain == "book" ? "oscillators" : "oscillators-paper") + " b=1");
        var theta = new T[network.ParameterCount];
        network.InitializeGlorotUniform(theta, new Rng(2024));
        var x = new Matrix<T>(batch, network.InputSize);
        new Rng(2025).FillUniform(x.Data, T.Zero, T.One);
        return ((ComposedModel<T>)model, theta, x);
    }

    private static string Chain(string value) => value is "book" or "paper" ? value : throw new UsageException($"chain must be 'book' or 'paper', got '{value}'");

    private static bool Precision(string value) => value switch
    {
        "d" or "double" => true,
        "s" or "single" or "float" => false,
        _ => throw new UsageException($"precision must be 'd' or 's', got '{value}'"),
    };

    private static void Expect(IReadOnlyList<string> args, int min, int max)
    {
        if (args.Count < min || args.Count > max)
        {
            throw new UsageException($"'timing {args[0]}' takes {min - 1} to {max - 1} arguments, got {args.Count - 1}");
        }
    }

    private static string Us(double milliseconds) => (milliseconds * 1000).ToString("F1", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
