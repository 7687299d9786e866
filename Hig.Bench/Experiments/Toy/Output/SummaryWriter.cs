// SummaryWriter: summary.json, the machine-readable record of a toy invocation: every setting, every run's final
// state and the medians over seeds. Written with System.Text.Json's Utf8JsonWriter (numbers in shortest round-trip
// form, properties in a fixed order). Everything that depends on timing — seconds, times to the threshold, steps per
// second, the total run time — sits in objects named "timing", so runs with an iteration budget give byte-identical
// files once those objects are removed. Non-finite numbers (a threshold never reached, a diverged loss) are null.
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hig.Optim;

namespace Hig.Bench.Experiments.Toy.Output;

/// <summary>Writes summary.json.</summary>
internal static class SummaryWriter
{
    /// <summary>The file name in the output directory.</summary>
    public const string FileName = "summary.json";

    /// <summary>Writes the summary of <paramref name="groups"/> run with <paramref name="settings"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, ToySettings settings, IReadOnlyList<RunGroup> groups, double totalSeconds)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("experiment", "toy");
            WriteProblem(json);
            CodePathJson.Write(json);
            WriteSettings(json, settings);
            json.WriteStartArray("results");
            foreach (RunGroup group in groups)
            {
                WriteGroup(json, group);
            }

            json.WriteEndArray();
            json.WriteStartObject("timing");
            json.WriteNumber("total_seconds", totalSeconds);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, stream.ToArray());
    }

    private static void WriteProblem(Utf8JsonWriter json)
    {
        json.WriteStartObject("problem");
        json.WriteString("source", "Thuerey et al., Physics-based Deep Learning, HIG chapter, toy example");
        json.WriteString("target", "yhat(x) = (sin 6x, cos 9x), x in [-1, 1]");
        json.WriteString("model", "y = (f1, lambda * f2) with f an MLP 1 -> 7 tanh -> 2 linear");
        json.WriteString("loss", "batch mean of 1/2 (y1 - yhat1)^2 + 1/2 (y2 - yhat2)^2");
        json.WriteString("precision", "float64");
        json.WriteEndObject();
    }

    private static void WriteSettings(Utf8JsonWriter json, ToySettings settings)
    {
        json.WriteStartObject("settings");
        json.WriteStartArray("lambdas");
        foreach (double lambda in settings.Lambdas)
        {
            json.WriteNumberValue(lambda);
        }

        json.WriteEndArray();
        json.WriteStartArray("seeds");
        foreach (ulong seed in settings.Seeds)
        {
            json.WriteNumberValue(seed);
        }

        json.WriteEndArray();
        json.WriteNumber("figure_seed", settings.Seed);
        json.WriteString("seed_use", "each run's seed drives three streams: training inputs, initial weights, mini-batch order");
        json.WriteStartObject("budget_per_run");
        WriteNumberOrNull(json, "iterations", settings.Budget.Iterations);
        WriteNumberOrNull(json, "seconds", settings.Budget.Seconds);
        json.WriteString("clock", "training time only: validation, logging and progress output are excluded");
        json.WriteEndObject();
        json.WriteNumber("batch_size", settings.BatchSize);
        json.WriteNumber("training_size", settings.TrainingSize);
        json.WriteString("training_inputs", "uniform on [-1, 1] from each run's seed; reshuffled every epoch, incomplete last batch skipped");
        json.WriteNumber("validation_size", settings.ValidationSize);
        json.WriteString("validation_inputs", "evenly spaced on [-1, 1], both ends included, the same for every run");
        json.WriteNumber("tracked_input", settings.TrackedInput);
        json.WriteStartObject("network");
        json.WriteStartArray("widths");
        foreach (int width in ToyProblem.Widths)
        {
            json.WriteNumberValue(width);
        }

        json.WriteEndArray();
        json.WriteString("hidden_activation", "tanh");
        json.WriteString("output_activation", "identity");
        json.WriteNumber("parameters", ToyProblem.CreateNetwork().ParameterCount);
        json.WriteString("initialization", "Glorot-uniform weights, zero biases");
        json.WriteEndObject();
        json.WriteString("jacobian_mode", "auto");
        json.WriteNumber("threshold", settings.Threshold);
        json.WriteStartObject("log_schedule");
        json.WriteString("kind", "geometric");
        json.WriteNumber("ratio", settings.LogRatio);
        json.WriteString("rule", "log iterations 0, 1, 2, 3, ... then each at least ratio times the previous, and the last");
        json.WriteEndObject();
        json.WriteStartObject("warmup_per_optimizer");
        json.WriteNumber("max_iterations", settings.WarmupIterations);
        json.WriteNumber("max_seconds", settings.WarmupSeconds);
        json.WriteString("purpose", "one discarded run per optimizer before timing, so JIT compilation is not timed");
        json.WriteEndObject();
        json.WriteNumber("concurrent_runs", settings.Jobs);
        json.WriteStartObject("optimizers");
        foreach (OptimizerSettings optimizer in settings.Optimizers)
        {
            json.WriteStartObject(optimizer.Key);
            optimizer.WriteProperties(json);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteGroup(Utf8JsonWriter json, RunGroup group)
    {
        json.WriteStartObject();
        json.WriteNumber("lambda", group.Lambda);
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
            WriteNumberOrNull(json, "final_validation_loss", final.ValidationLoss);
            WriteNumberOrNull(json, "activation_mean", final.ActivationMean);
            WriteNumberOrNull(json, "activation_std", final.ActivationStd);
            WriteNumberOrNull(json, "saturated_fraction", final.SaturatedFraction);
            WriteNumberOrNull(json, "iterations_to_1e-2", group.IterationsToThreshold(run));
            json.WriteStartObject("timing");
            json.WriteNumber("seconds", run.Seconds);
            WriteNumberOrNull(json, "seconds_to_1e-2", group.SecondsToThreshold(run));
            WriteNumberOrNull(json, "steps_per_second", run.StepsPerSecond);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("median");
        WriteNumberOrNull(json, "iterations", group.Median(r => r.Iterations));
        WriteNumberOrNull(json, "final_training_loss", group.Median(r => r.Final.TrainingLoss));
        WriteNumberOrNull(json, "final_validation_loss", group.Median(r => r.Final.ValidationLoss));
        WriteNumberOrNull(json, "activation_mean", group.Median(r => r.Final.ActivationMean));
        WriteNumberOrNull(json, "activation_std", group.Median(r => r.Final.ActivationStd));
        WriteNumberOrNull(json, "saturated_fraction", group.Median(r => r.Final.SaturatedFraction));
        WriteNumberOrNull(json, "iterations_to_1e-2", group.Median(group.IterationsToThreshold));
        json.WriteNumber("runs_reaching_1e-2", group.RunsReachingThreshold);
        json.WriteStartObject("timing");
        WriteNumberOrNull(json, "seconds", group.Median(r => r.Seconds));
        WriteNumberOrNull(json, "seconds_to_1e-2", group.Median(group.SecondsToThreshold));
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

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
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
