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
/// The oscillators command end to end with tiny budgets: the files it writes exist and parse (CSV columns,
/// summary.json, well-formed SVG with its three panels), agree with each other, start from the loss an independent naive
/// computation predicts (plain loops for the network, a textbook RK4 for the chain), and are reproducible with an
/// iteration budget apart from their timing fields, in float and in double. A tiny budget never reaches 512 updates, so
/// a run covering the must-holds writes every file and exits with ClaimsFailed.
/// </summary>
public sealed class OscillatorCommandTests
{
    private const string Header = "iteration,seconds,training_loss,test_loss,step_norm";
    private static readonly string[] Optimizers = ["adam", "gn", "hig"];

    // Small batches keep the Jacobians (32×1444) and so the test fast; everything else is as in the default run.
    private static readonly string[] TinyRun = ["--iterations", "6", "--seeds", "2", "--adam-batch", "16", "--gn-batch", "8", "--hig-batch", "8"];

    [Fact]
    public void TinyRunWritesEveryFileAndTheyParse()
    {
        using ExperimentInvocation run = ExperimentInvocation.RunCommand("oscillators", TinyRun);
        Assert.True(run.ExitCode == ExperimentCommand.ClaimsFailed, $"exit code {run.ExitCode}: {run.Error}");
        Assert.Contains("[FAIL] linear: HIG's training loss after 512 updates ≤ 1e-5 (not reached", run.Output, StringComparison.Ordinal);
        Assert.Contains("[6/6]", run.Error, StringComparison.Ordinal);
        Assert.Contains("code path: ", run.Output, StringComparison.Ordinal);

        using JsonDocument summary = JsonDocument.Parse(run.ReadText("summary.json"));
        JsonElement root = summary.RootElement;
        Assert.Equal("oscillators", root.GetProperty("experiment").GetString());
        JsonElement settings = root.GetProperty("settings");
        Assert.Equal(["linear"], settings.GetProperty("variants").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(4096, settings.GetProperty("training_size").GetInt32());
        Assert.Equal(4096, settings.GetProperty("test_size").GetInt32());
        Assert.StartsWith("sequential", settings.GetProperty("batch_order").GetString(), StringComparison.Ordinal);
        Assert.Equal([512L, 2048L], settings.GetProperty("log_schedule").GetProperty("also_at").EnumerateArray().Select(e => e.GetInt64()));
        JsonElement chain = settings.GetProperty("variants_detail").GetProperty("linear");
        Assert.Equal((24, 0.5, 0.2, 1444), (chain.GetProperty("steps").GetInt32(), chain.GetProperty("time_step").GetDouble(),
            chain.GetProperty("linear_coupling").GetDouble(), chain.GetProperty("network").GetProperty("parameters").GetInt32()));
        JsonElement optimizers = settings.GetProperty("optimizers").GetProperty("linear");
        Assert.Equal((0.001, 16, 1e-7), (optimizers.GetProperty("adam").GetProperty("learning_rate").GetDouble(),
            optimizers.GetProperty("adam").GetProperty("batch_size").GetInt32(), optimizers.GetProperty("adam").GetProperty("epsilon").GetDouble()));
        Assert.Equal((1e-10, 8), (optimizers.GetProperty("hig").GetProperty("cutoff_relative_tau").GetDouble(), optimizers.GetProperty("hig").GetProperty("batch_size").GetInt32()));
        Assert.Equal(1e-6, optimizers.GetProperty("gn").GetProperty("cutoff_relative_tau").GetDouble());

        JsonElement[] groups = [.. root.GetProperty("results").EnumerateArray()];
        Assert.Equal(3, groups.Length);
        foreach (JsonElement group in groups)
        {
            Assert.Equal("linear", group.GetProperty("variant").GetString());
            string optimizer = group.GetProperty("optimizer").GetString()!;
            Assert.Contains(optimizer, Optimizers);
            foreach (JsonElement r in group.GetProperty("runs").EnumerateArray())
            {
                Assert.Equal(6, r.GetProperty("iterations").GetInt64());
                string csv = r.GetProperty("csv").GetString()!;
                Assert.Equal($"linear/{optimizer}-seed-{r.GetProperty("seed").GetUInt64()}.csv", csv);
                double[][] rows = ParseCsv(run.ReadText(csv));
                Assert.Equal(6, rows[^1][0]);
                Assert.Equal(rows[^1][2], r.GetProperty("final_training_loss").GetDouble());
                Assert.Equal(rows[^1][3], r.GetProperty("final_test_loss").GetDouble());
                Assert.Equal(rows[^1][1], r.GetProperty("timing").GetProperty("seconds").GetDouble());
                Assert.Equal(JsonValueKind.Null, r.GetProperty("training_loss_at_512").ValueKind); // never reached
                Assert.Equal(Enumerable.Range(0, 7).Select(i => (double)i), rows.Select(row => row[0])); // every step logged early on
            }
        }

        AssertFigureHasThreePanels(run.ReadText("oscillators-linear.svg"));
    }

    [Fact]
    public void FirstRowMatchesAnIndependentComputationOfTheInitialNetworkAndChain()
    {
        const ulong seed = 4;
        using ExperimentInvocation run = ExperimentInvocation.RunCommand("oscillators", "--iterations", "1", "--seeds", "1", "--seed", "4", "--optimizers", "adam");

        // One optimizer does not cover the must-holds: none is checked, and the exit code is 0.
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.DoesNotContain("must-holds", run.Output, StringComparison.Ordinal);
        double[] first = ParseCsv(run.ReadText($"linear/adam-seed-{seed}.csv"))[0];

        // The documented streams: the run's Rng forks the data first (4096 training states, then 4096 test states, each
        // state's four entries in order, uniform in [0, 1)), then the initial weights (θ layout W_l row-major then b_l per
        // layer; Glorot-uniform limits √(6/(n_in + n_out)), zero biases).
        var root = new Rng(seed);
        Rng data = root.Fork(), init = root.Fork();
        double[][] training = [.. Enumerable.Range(0, 4096).Select(_ => Enumerable.Range(0, 4).Select(_ => data.NextUniform(0.0, 1.0)).ToArray())];
        double[][] test = [.. Enumerable.Range(0, 4096).Select(_ => Enumerable.Range(0, 4).Select(_ => data.NextUniform(0.0, 1.0)).ToArray())];
        int[] widths = [4, 20, 20, 20, 24];
        var weights = new double[widths.Length - 1][];
        for (int l = 0; l < weights.Length; l++)
        {
            weights[l] = new double[widths[l + 1] * widths[l]];
            init.FillUniform<double>(weights[l], -Math.Sqrt(6.0 / (widths[l] + widths[l + 1])), Math.Sqrt(6.0 / (widths[l] + widths[l + 1])));
        }

        // Tolerance, with ε = 2⁻⁵²: the network's outputs differ between the two evaluations by at most K_f·ε·(their
        // absolute scale), K_f = 4·(20 + 20 + 20 + 4) for four layers of dot products and tanh within a few ulps; the chain
        // adds about 40 roundings per state entry and step in either RK4 (24 steps) on a map of norm about 1: so each
        // residual r = s_T − s* is within K·ε·(1 + |s_T|) with K = K_f + 2·40·24, and the loss Σr² per sample within
        // 2·K·ε·Σ|r|(1 + |s_T|); the mean of n positive terms summed in another order within 2nε relative.
        const int kf = 4 * (20 + 20 + 20 + 4), k = kf + (2 * 40 * 24);
        double eps = Precision.EpsOf<double>();
        foreach ((double[][] states, double value) in new[] { (training, first[2]), (test, first[3]) })
        {
            double sum = 0, scale = 0;
            foreach (double[] s in states)
            {
                double[] end = NaiveChain(s, NaiveNetwork(s, weights, widths));
                for (int j = 0; j < 4; j++)
                {
                    double r = end[j] - s[j];
                    sum += r * r;
                    scale += 2 * k * eps * Math.Abs(r) * (1 + Math.Abs(end[j]));
                }
            }

            double loss = sum / states.Length;
            Assert.True(Math.Abs(value - loss) <= (2 * states.Length * eps * loss) + (scale / states.Length), $"loss {value:R} vs naive {loss:R}");
        }
    }

    [Theory]
    [InlineData("double")]
    [InlineData("single")]
    public void IterationBudgetGivesIdenticalFilesApartFromTiming(string precision)
    {
        string[] flags = ["--iterations", "5", "--seeds", "1", "--seed", "3", "--adam-batch", "16", "--gn-batch", "8", "--hig-batch", "8", "--precision", precision];
        string summaryA = ExperimentFiles.AssertIterationBudgetReproduces("oscillators", flags, ExperimentCommand.ClaimsFailed,
            Optimizers.Select(optimizer => $"linear/{optimizer}-seed-{{seed}}.csv"));

        // The element type is recorded, and float's default cut-off is raised to √max(m, n)·ε_float for HIG's 32×1444 J.
        using JsonDocument summary = JsonDocument.Parse(summaryA);
        JsonElement settings = summary.RootElement.GetProperty("settings");
        Assert.Equal(precision == "double" ? "float64" : "float32", settings.GetProperty("precision").GetString());
        double used = settings.GetProperty("optimizers").GetProperty("linear").GetProperty("hig").GetProperty("cutoff_relative_tau_used").GetDouble();
        Assert.Equal(precision == "double" ? 1e-10 : 38 * Math.ScaleB(1, -23), used);
    }

    [Fact]
    public void CubicVariantRunsThePapersChainAndItsChecksDoNotApply()
    {
        using ExperimentInvocation run = ExperimentInvocation.RunCommand("oscillators",
            "--variant", "cubic", "--iterations", "2", "--seeds", "1", "--optimizers", "adam,hig", "--adam-batch", "8", "--hig-batch", "4");
        Assert.True(run.ExitCode == 0, run.Error);
        using JsonDocument summary = JsonDocument.Parse(run.ReadText("summary.json"));
        JsonElement chain = summary.RootElement.GetProperty("settings").GetProperty("variants_detail").GetProperty("cubic");
        Assert.Equal((96, 0.125, 1.0, 3.0, 2956), (chain.GetProperty("steps").GetInt32(), chain.GetProperty("time_step").GetDouble(),
            chain.GetProperty("cubic_coupling").GetDouble(), chain.GetProperty("gain").GetDouble(), chain.GetProperty("network").GetProperty("parameters").GetInt32()));
        Assert.Equal("relu", chain.GetProperty("network").GetProperty("hidden_activation").GetString());
        Assert.Equal(3, ParseCsv(run.ReadText("cubic/hig-seed-1.csv")).Length);
        Assert.Contains("panel-trajectory", run.ReadText("oscillators-cubic.svg"), StringComparison.Ordinal);
    }

    /// <summary>The controls of the 4→20→20→20→24 tanh network with zero biases, by plain loops and Math.Tanh.</summary>
    private static double[] NaiveNetwork(double[] x, double[][] weights, int[] widths)
    {
        double[] a = x;
        for (int l = 0; l < weights.Length; l++)
        {
            var next = new double[widths[l + 1]];
            for (int p = 0; p < next.Length; p++)
            {
                double z = 0;
                for (int q = 0; q < a.Length; q++)
                {
                    z += weights[l][(p * a.Length) + q] * a[q];
                }

                next[p] = l + 1 < weights.Length ? Math.Tanh(z) : z;
            }

            a = next;
        }

        return a;
    }

    /// <summary>The book's chain by a textbook RK4: s' = s + h/6·(k₁ + 2k₂ + 2k₃ + k₄), f(x, v) = (v, −x + 0.2·L·x + (0, u)).</summary>
    private static double[] NaiveChain(double[] s0, double[] controls)
    {
        static double[] F(double[] s, double u) =>
        [
            s[2], s[3],
            -s[0] + (0.2 * (s[1] - s[0])),
            -s[1] + (0.2 * (s[0] - s[1])) + u,
        ];

        static double[] Add(double[] s, double h, double[] k) => [.. s.Select((v, i) => v + (h * k[i]))];
        double[] state = s0;
        const double h = 0.5;
        foreach (double u in controls)
        {
            double[] k1 = F(state, u), k2 = F(Add(state, h / 2, k1), u), k3 = F(Add(state, h / 2, k2), u), k4 = F(Add(state, h, k3), u);
            state = [.. state.Select((v, i) => v + (h / 6 * (k1[i] + (2 * k2[i]) + (2 * k3[i]) + k4[i])))];
        }

        return state;
    }

    private static double[][] ParseCsv(string text) => ExperimentFiles.ParseCsv(text, Header, 5);

    private static void AssertFigureHasThreePanels(string svg)
    {
        (XElement[] panels, string legend) = ExperimentFiles.Figure(svg, "panel-loss", "panel-controls", "panel-trajectory");
        Assert.Equal(3, ExperimentFiles.Count(panels[0], "polygon")); // one seed band per optimizer
        Assert.True(ExperimentFiles.Count(panels[0], "polyline") >= 3, "one median line per optimizer");
        Assert.True(ExperimentFiles.Count(panels[1], "polyline") >= 4, "untrained and three trained control sequences");
        Assert.True(ExperimentFiles.Count(panels[2], "polyline") >= 8, "x₁ and x₂ untrained and for three trained networks");
        foreach (string label in new[] { "Adam (b=16)|", "GN (b=8)|", "HIG (b=8)|", "untrained network|" })
        {
            Assert.Contains(label, legend, StringComparison.Ordinal);
        }
    }
}
