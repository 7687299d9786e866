using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Hig.Bench.Experiments.Runner;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Experiments;

/// <summary>
/// The toy command end to end with a tiny budget: the files it writes exist and parse (CSV columns, summary.json,
/// well-formed SVG with the three panels), agree with each other, start from the state an independent naive
/// computation predicts, and are reproducible with an iteration budget apart from their timing fields. A tiny budget
/// cannot meet the must-holds, so a run covering them writes every file and then exits with ClaimsFailed.
/// </summary>
public sealed class ToyCommandTests
{
    private const string Header = "iteration,seconds,training_loss,validation_loss,activation_mean,activation_std,saturated_fraction,y1,y2,step_norm";
    private static readonly string[] Optimizers = ["adam", "gn", "hig"];

    // A small batch keeps the Jacobians (32×30) and so the test fast; everything else is as in the default run.
    private static readonly string[] TinyRun = ["--iterations", "12", "--seeds", "2", "--batch", "16"];

    [Fact]
    public void TinyRunWritesEveryFileAndTheyParse()
    {
        using ExperimentInvocation run = ExperimentInvocation.Run(TinyRun);
        Assert.True(run.ExitCode == ExperimentCommand.ClaimsFailed, $"exit code {run.ExitCode}: {run.Error}");
        Assert.Contains("optimizer", run.Output, StringComparison.Ordinal);
        Assert.Contains("[FAIL]", run.Output, StringComparison.Ordinal);
        Assert.EndsWith($"toy: a must-hold check failed (exit code {ExperimentCommand.ClaimsFailed})\n", run.Error, StringComparison.Ordinal);
        Assert.Contains("[12/12]", run.Error, StringComparison.Ordinal);

        using JsonDocument summary = JsonDocument.Parse(run.ReadText("summary.json"));
        JsonElement root = summary.RootElement;
        JsonElement settings = root.GetProperty("settings");
        Assert.Equal([1.0, 0.01], settings.GetProperty("lambdas").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([1UL, 2UL], settings.GetProperty("seeds").EnumerateArray().Select(e => e.GetUInt64()));
        Assert.Equal(12, settings.GetProperty("budget_per_run").GetProperty("iterations").GetInt64());
        Assert.Equal(JsonValueKind.Null, settings.GetProperty("budget_per_run").GetProperty("seconds").ValueKind);
        Assert.Equal(1.05, settings.GetProperty("log_schedule").GetProperty("ratio").GetDouble());
        Assert.Equal("float64", settings.GetProperty("precision").GetString());
        Assert.Equal(0.01, settings.GetProperty("thresholds").GetProperty("lambda-0.01").GetProperty("value").GetDouble());
        foreach (string lambda in new[] { "lambda-1", "lambda-0.01" })
        {
            JsonElement optimizers = settings.GetProperty("optimizers").GetProperty(lambda);
            Assert.Equal(0.01, optimizers.GetProperty("adam").GetProperty("learning_rate").GetDouble());
            Assert.Equal(0.999, optimizers.GetProperty("adam").GetProperty("beta2").GetDouble());
            Assert.Equal(1.0, optimizers.GetProperty("gn").GetProperty("kappa").GetDouble());
            Assert.Equal(0.5, optimizers.GetProperty("hig").GetProperty("kappa").GetDouble());
            Assert.Equal(1e-6, optimizers.GetProperty("hig").GetProperty("cutoff_relative_tau").GetDouble());
            Assert.Equal(1e-6, optimizers.GetProperty("hig").GetProperty("cutoff_relative_tau_used").GetDouble());
            foreach (string optimizer in Optimizers)
            {
                Assert.Equal(16, optimizers.GetProperty(optimizer).GetProperty("batch_size").GetInt32());
            }
        }

        // The code path the kernels took, in the summary and on the console, as CodePath reports it.
        JsonElement path = root.GetProperty("code_path");
        Assert.Equal(CodePath.Level, path.GetProperty("level").GetString());
        Assert.Equal(CodePath.FusedMultiplyAdd, path.GetProperty("fused_multiply_add").GetBoolean());
        Assert.Equal(CodePath.WidestVectorBits, path.GetProperty("kernel_vector_bits").GetInt32());
        Assert.Equal(CodePath.VectorBits, path.GetProperty("vector_t_bits").GetInt32());
        Assert.Equal(CodePath.VectorRegisters, path.GetProperty("vector_registers").GetInt32());
        Assert.Contains($"code path: {CodePath.Description}\n", run.Output, StringComparison.Ordinal);

        JsonElement[] groups = [.. root.GetProperty("results").EnumerateArray()];
        Assert.Equal(6, groups.Length);
        foreach (JsonElement group in groups)
        {
            double lambda = group.GetProperty("lambda").GetDouble();
            string optimizer = group.GetProperty("optimizer").GetString()!;
            Assert.Contains(optimizer, Optimizers);
            JsonElement[] runs = [.. group.GetProperty("runs").EnumerateArray()];
            Assert.Equal(2, runs.Length);
            var finals = new List<double>();
            foreach (JsonElement r in runs)
            {
                Assert.Equal(12, r.GetProperty("iterations").GetInt64());
                string csv = r.GetProperty("csv").GetString()!;
                Assert.Equal($"lambda-{lambda.ToString(CultureInfo.InvariantCulture)}/{optimizer}-seed-{r.GetProperty("seed").GetUInt64()}.csv", csv);
                double[][] rows = ParseCsv(run.ReadText(csv));

                // The summary's final values are the CSV's last row, to the bit.
                Assert.Equal(12, rows[^1][0]);
                Assert.Equal(rows[^1][2], r.GetProperty("final_training_loss").GetDouble());
                Assert.Equal(rows[^1][3], r.GetProperty("final_validation_loss").GetDouble());
                Assert.Equal(rows[^1][4], r.GetProperty("activation_mean").GetDouble());
                Assert.Equal(rows[^1][5], r.GetProperty("activation_std").GetDouble());
                Assert.Equal(rows[^1][1], r.GetProperty("timing").GetProperty("seconds").GetDouble());
                JsonElement reached = r.GetProperty("timing").GetProperty("seconds_to_1e-2");
                double[]? first = rows.FirstOrDefault(row => row[3] < 1e-2);
                Assert.Equal(first is null ? JsonValueKind.Null : JsonValueKind.Number, reached.ValueKind);
                if (first is not null)
                {
                    Assert.Equal(first[1], reached.GetDouble());
                }

                finals.Add(rows[^1][3]);
            }

            // With two seeds the median is the midpoint of the two final losses.
            double median = group.GetProperty("median").GetProperty("final_validation_loss").GetDouble();
            Assert.Equal(finals.Min() + ((finals.Max() - finals.Min()) / 2), median);
        }

        foreach (string lambda in new[] { "1", "0.01" })
        {
            AssertFigureHasThreePanels(run.ReadText($"toy-lambda-{lambda}.svg"));
        }
    }

    [Fact]
    public void FirstRowMatchesAnIndependentComputationOfTheInitialNetwork()
    {
        // One optimizer and λ suffice: iteration 0 is the initial network, before any step.
        const double lambda = 0.01;
        const ulong seed = 5;
        using ExperimentInvocation run = ExperimentInvocation.Run("--iterations", "1", "--seeds", "1", "--seed", "5", "--lambda", "0.01", "--optimizers", "adam");

        // One λ and one optimizer do not cover the must-holds: none is checked, and the exit code is 0.
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("must-holds", run.Output, StringComparison.Ordinal);
        double[] first = ParseCsv(run.ReadText($"lambda-0.01/adam-seed-{seed}.csv"))[0];

        // The documented streams: the run's Rng forks the training inputs first, then the initial weights (θ layout
        // W₀ (7×1), b₀, W₁ (2×7 row-major), b₁; Glorot-uniform limits √(6/(n_in + n_out)), zero biases).
        var root = new Rng(seed);
        Rng data = root.Fork(), init = root.Fork();
        double[] trainingX = [.. Enumerable.Range(0, 1024).Select(_ => data.NextUniform(-1.0, 1.0))];
        double[] w0 = new double[7], w1 = new double[14];
        init.FillUniform<double>(w0, -Math.Sqrt(6.0 / 8), Math.Sqrt(6.0 / 8));
        init.FillUniform<double>(w1, -Math.Sqrt(6.0 / 9), Math.Sqrt(6.0 / 9));
        double[] validationX = [.. Enumerable.Range(0, 256).Select(i => -1 + (2.0 * i / 255))];

        (double Loss, double Scale) NaiveLoss(double[] xs)
        {
            double sum = 0, scale = 0;
            foreach (double x in xs)
            {
                (double y1, double y2, double size) = NaiveForward(x, w0, w1, lambda, out _);
                double r1 = y1 - Math.Sin(6 * x), r2 = y2 - Math.Cos(9 * x);
                sum += 0.5 * ((r1 * r1) + (r2 * r2));
                scale += (Math.Abs(r1) + Math.Abs(r2)) * (size + 1);
            }

            return (sum / xs.Length, scale / xs.Length);
        }

        // Tolerances, with ε = 2⁻⁵²: a residual r = y − ŷ differs between the two evaluation orders by at most about
        // 16ε·(Σ|w₁h| + |b₁| + |ŷ|) (a 7-term dot product, tanh and sin/cos within a few ulps each), so ½r² by |r| times
        // that; the mean of n positive terms summed in different orders differs by at most 2nε relative.
        double eps = Precision.Eps<double>();
        foreach ((double[] xs, double value) in new[] { (trainingX, first[2]), (validationX, first[3]) })
        {
            (double loss, double scale) = NaiveLoss(xs);
            Assert.True(Math.Abs(value - loss) <= (2 * xs.Length * eps * loss) + (16 * eps * scale), $"loss {value} vs naive {loss}");
        }

        // Hidden activations over the validation inputs: 1792 values in [−1, 1], each within a few ulps; the sums of
        // N values differ by at most N·ε·max|a| between orders, so mean and variance by 2Nε, and the standard deviation
        // by about Δvariance / (2·std) ≤ 2Nε / std.
        var activations = new List<double>();
        foreach (double x in validationX)
        {
            NaiveForward(x, w0, w1, lambda, out double[] hidden);
            activations.AddRange(hidden);
        }

        double mean = activations.Average();
        double std = Math.Sqrt(activations.Select(a => (a - mean) * (a - mean)).Average());
        double bound = 2 * activations.Count * eps;

        // Saturation is a count: only activations within 16ε of ±0.99 (the bound above on one activation) could be
        // classified differently by the two computations.
        int saturated = activations.Count(a => Math.Abs(a) > 0.99), borderline = activations.Count(a => Math.Abs(Math.Abs(a) - 0.99) <= 16 * eps);
        Assert.InRange(Math.Round(first[6] * activations.Count), saturated - borderline, saturated + borderline);
        Assert.True(Math.Abs(first[4] - mean) <= bound, $"activation mean {first[4]} vs naive {mean}");
        Assert.True(Math.Abs(first[5] - std) <= bound / std, $"activation std {first[5]} vs naive {std}");

        // The tracked sample x = 0.35: y = (f₁, λ·f₂) within 16ε of the output's scale.
        (double t1, double t2, double tScale) = NaiveForward(0.35, w0, w1, lambda, out _);
        Assert.True(Math.Abs(first[7] - t1) <= 16 * eps * tScale, $"y1 {first[7]} vs naive {t1}");
        Assert.True(Math.Abs(first[8] - t2) <= 16 * eps * tScale * lambda, $"y2 {first[8]} vs naive {t2}");
        Assert.Equal(0, first[0]);
        Assert.Equal(0, first[1]);
    }

    [Fact]
    public void IterationBudgetGivesIdenticalFilesApartFromTiming()
    {
        string[] flags = ["--iterations", "15", "--seeds", "1", "--seed", "3", "--batch", "16"];
        string summary = ExperimentFiles.AssertIterationBudgetReproduces("toy", flags, ExperimentCommand.ClaimsFailed,
            from lambda in new[] { "1", "0.01" } from optimizer in Optimizers select $"lambda-{lambda}/{optimizer}-seed-{{seed}}.csv");
        Assert.Contains("final_validation_loss", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOutputFolderThatCannotBeCreatedIsOneLineAndExitCodeOne()
    {
        // A file where the folder should be: creating the folder fails before any run starts.
        string file = System.IO.Path.GetTempFileName();
        try
        {
            using ExperimentInvocation run = ExperimentInvocation.RunRaw("toy", "--iterations", "1", "--out", file);
            Assert.Equal(1, run.ExitCode);
            Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
            Assert.Contains(file, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }

    /// <summary>y = (f₁, λ·f₂) of the 1→7 tanh→2 network with zero biases, by plain loops; also Σ|w₁h| + 1 as a scale.</summary>
    private static (double Y1, double Y2, double Scale) NaiveForward(double x, double[] w0, double[] w1, double lambda, out double[] hidden)
    {
        hidden = new double[7];
        double f1 = 0, f2 = 0, scale = 1;
        for (int p = 0; p < 7; p++)
        {
            hidden[p] = Math.Tanh(w0[p] * x);
            f1 += w1[p] * hidden[p];
            f2 += w1[7 + p] * hidden[p];
            scale += Math.Abs(w1[p] * hidden[p]) + Math.Abs(w1[7 + p] * hidden[p]);
        }

        return (f1, lambda * f2, scale);
    }

    /// <summary>Parses a toy CSV (ExperimentFiles.ParseCsv) and checks its own columns: activations and a fraction in range.</summary>
    private static double[][] ParseCsv(string text)
    {
        double[][] rows = ExperimentFiles.ParseCsv(text, Header, 10);
        foreach (double[] row in rows)
        {
            Assert.True(Math.Abs(row[4]) <= 1 && row[5] >= 0 && row[5] <= 1, "tanh activations lie in [−1, 1]");
            Assert.True(row[6] >= 0 && row[6] <= 1, "a fraction");
        }

        return rows;
    }

    private static void AssertFigureHasThreePanels(string svg)
    {
        (XElement[] panels, string legend) = ExperimentFiles.Figure(svg, "panel-loss", "panel-activations", "panel-path");
        foreach (XElement panel in panels)
        {
            Assert.True(ExperimentFiles.Count(panel, "polyline") >= 3, "one line per optimizer");
            Assert.True(ExperimentFiles.Count(panel, "text") >= 4, "a title, axis labels and tick labels");
        }

        foreach (string label in new[] { "Adam|", "GN|", "HIG|", "target" })
        {
            Assert.Contains(label, legend, StringComparison.Ordinal);
        }
    }
}
