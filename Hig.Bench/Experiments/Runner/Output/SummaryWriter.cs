// SummaryWriter: summary.json, the machine-readable record of an invocation: every setting, every run's final state and
// the medians over seeds. Written with System.Text.Json's Utf8JsonWriter (no reflection, so NativeAOT-safe; numbers in
// shortest round-trip form, properties in a fixed order). Everything that depends on timing — seconds, times to the
// threshold, steps per second, the total run time, the must-hold verdicts — sits in objects named "timing", so runs
// with an iteration budget give byte-identical files once those objects are removed. Non-finite numbers (a threshold
// never reached, a diverged loss) are null.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hig.Optim;

namespace Hig.Bench.Experiments.Runner.Output;

/// <summary>Writes summary.json.</summary>
internal static class SummaryWriter
{
    /// <summary>The file name in the output directory.</summary>
    public const string FileName = "summary.json";

    /// <summary>Writes the summary of <paramref name="groups"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, Experiment experiment, RunnerSettings settings, IReadOnlyList<RunGroup> groups, double totalSeconds,
        IReadOnlyList<MustHold>? checks)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("experiment", experiment.Name);
            json.WriteStartObject("problem");
            experiment.WriteProblem(json, settings);
            json.WriteString("precision", settings.Precision.Name());
            json.WriteEndObject();
            CodePathJson.Write(json);
            WriteSettings(json, experiment, settings);
            json.WriteStartArray("results");
            foreach (RunGroup group in groups)
            {
                WriteGroup(json, experiment, group);
            }

            json.WriteEndArray();
            json.WriteStartObject("timing");
            json.WriteNumber("total_seconds", totalSeconds);
            if (checks is not null)
            {
                json.WriteStartArray("must_holds");
                foreach (MustHold check in checks)
                {
                    json.WriteStringValue($"{(check.Passed ? "PASS" : "FAIL")}: {check.Text}");
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, stream.ToArray());
    }

    private static void WriteSettings(Utf8JsonWriter json, Experiment experiment, RunnerSettings settings)
    {
        json.WriteStartObject("settings");
        experiment.WriteCases(json, settings.Cases);
        json.WriteStartArray("seeds");
        foreach (ulong seed in settings.Seeds)
        {
            json.WriteNumberValue(seed);
        }

        json.WriteEndArray();
        json.WriteNumber("figure_seed", settings.Seed);
        json.WriteString("seed_use", "each run's seed drives three streams: the data, the initial weights, the mini-batch order");
        json.WriteStartObject("budget_per_run");
        WriteNumberOrNull(json, "iterations", settings.Budget.Iterations);
        WriteNumberOrNull(json, "seconds", settings.Budget.Seconds);
        json.WriteString("clock", "training time only: validation, logging and progress output are excluded");
        json.WriteEndObject();
        json.WriteString("precision", settings.Precision.Name());
        experiment.WriteSettings(json, settings);
        json.WriteString("jacobian_mode", "auto");
        json.WriteString("batch_order", experiment.BatchOrder == BatchOrder.Sequential
            ? "sequential: every epoch takes the batches in storage order; an incomplete last batch is skipped"
            : "reshuffled every epoch; an incomplete last batch is skipped");
        json.WriteStartObject("thresholds");
        foreach (IExperimentCase @case in settings.Cases)
        {
            json.WriteStartObject(@case.Key);
            json.WriteString("loss", experiment.FollowsValidation ? experiment.ValidationColumn : "training_loss");
            json.WriteNumber("value", experiment.Threshold(@case));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteStartObject("log_schedule");
        json.WriteString("kind", "geometric");
        json.WriteNumber("ratio", experiment.LogRatio);
        json.WriteString("rule", "log iterations 0, 1, 2, 3, ... then each at least ratio times the previous, the listed ones, and the last");
        json.WriteStartArray("also_at");
        foreach (long iteration in experiment.LoggedIterations)
        {
            json.WriteNumberValue(iteration);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("warmup_per_optimizer");
        json.WriteNumber("max_iterations", experiment.WarmupIterations);
        json.WriteNumber("max_seconds", experiment.WarmupSeconds);
        json.WriteString("purpose", "one discarded run per optimizer before timing, so JIT compilation is not timed");
        json.WriteEndObject();
        json.WriteNumber("concurrent_runs", settings.Jobs);
        if (settings.Grid)
        {
            json.WriteStartObject("grid");
            WriteNumbers(json, "learning_rate_factors", RunnerSettings.GridLearningRateFactors);
            WriteNumbers(json, "gn_taus", RunnerSettings.GridGaussNewtonTaus);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("grid");
        }

        json.WriteStartObject("optimizers");
        foreach (IExperimentCase @case in settings.Cases)
        {
            json.WriteStartObject(@case.Key);
            int parameters = experiment.ParameterCount(@case), outputs = experiment.OutputSize(@case);
            foreach (OptimizerSettings optimizer in settings.OptimizersFor(experiment, @case))
            {
                json.WriteStartObject(optimizer.Key);
                optimizer.WriteProperties(json, settings.Precision, optimizer.BatchSize * outputs, parameters);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteGroup(Utf8JsonWriter json, Experiment experiment, RunGroup group)
    {
        string threshold = experiment.ThresholdLabel(group.Case);
        string finalValidation = "final_" + experiment.ValidationColumn;
        json.WriteStartObject();
        experiment.WriteCase(json, group.Case);
        json.WriteString("optimizer", group.Optimizer.Key);
        json.WriteStartArray("runs");
        foreach (RunResult run in group.Runs)
        {
            LogRow final = run.Final;
            json.WriteStartObject();
            json.WriteNumber("seed", run.Spec.Seed);
            json.WriteString("csv", RunCsvWriter.RelativePath(run.Spec));
            json.WriteNumber("iterations", run.Iterations);
            json.WriteString("stop_reason", StopReasonText(run.StopReason));
            if (run.Failure is null)
            {
                json.WriteNull("failure");
            }
            else
            {
                json.WriteString("failure", run.Failure);
            }

            WriteNumberOrNull(json, "final_training_loss", final.TrainingLoss);
            WriteNumberOrNull(json, finalValidation, final.ValidationLoss);
            foreach (RunMetric metric in experiment.Metrics)
            {
                WriteNumberOrNull(json, metric.Name, metric.Value(group, run));
            }

            WriteNumberOrNull(json, $"iterations_to_{threshold}", group.IterationsToThreshold(run));
            json.WriteStartObject("timing");
            json.WriteNumber("seconds", run.Seconds);
            WriteNumberOrNull(json, $"seconds_to_{threshold}", group.SecondsToThreshold(run));
            WriteNumberOrNull(json, "steps_per_second", run.StepsPerSecond);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("median");
        WriteNumberOrNull(json, "iterations", group.Median(r => r.Iterations));
        WriteNumberOrNull(json, "final_training_loss", group.Median(r => r.Final.TrainingLoss));
        WriteNumberOrNull(json, finalValidation, group.Median(r => r.Final.ValidationLoss));
        foreach (RunMetric metric in experiment.Metrics)
        {
            WriteNumberOrNull(json, metric.Name, group.Median(r => metric.Value(group, r)));
        }

        WriteNumberOrNull(json, $"iterations_to_{threshold}", group.Median(group.IterationsToThreshold));
        json.WriteNumber($"runs_reaching_{threshold}", group.RunsReachingThreshold);
        json.WriteStartObject("timing");
        WriteNumberOrNull(json, "seconds", group.Median(r => r.Seconds));
        WriteNumberOrNull(json, $"seconds_to_{threshold}", group.Median(group.SecondsToThreshold));
        WriteNumberOrNull(json, "steps_per_second", group.Median(r => r.StepsPerSecond));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Why a run ended, in words.</summary>
    public static string StopReasonText(StopReason reason) => reason switch
    {
        StopReason.IterationBudget => "iteration budget",
        StopReason.TimeBudget => "time budget",
        _ => "step failed",
    };

    /// <summary>The "network" object of an experiment's settings: widths, activations, parameter count, initialization.</summary>
    public static void WriteNetwork(Utf8JsonWriter json, IReadOnlyList<int> widths, string hiddenActivation, int parameters)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(widths);
        json.WriteStartObject("network");
        json.WriteStartArray("widths");
        foreach (int width in widths)
        {
            json.WriteNumberValue(width);
        }

        json.WriteEndArray();
        json.WriteString("hidden_activation", hiddenActivation);
        json.WriteString("output_activation", "identity");
        json.WriteNumber("parameters", parameters);
        json.WriteString("initialization", "Glorot-uniform weights, zero biases");
        json.WriteEndObject();
    }

    /// <summary>A named array of numbers.</summary>
    public static void WriteNumbers(Utf8JsonWriter json, string name, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(values);
        json.WriteStartArray(name);
        foreach (double value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>A number, or null when it is not finite.</summary>
    public static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
