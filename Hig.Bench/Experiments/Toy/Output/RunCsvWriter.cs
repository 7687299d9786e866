// RunCsvWriter: one CSV file per run, one row per logged step. Numbers are written in the invariant culture in
// shortest round-trip form, so the file parses back to the exact doubles; `seconds` is the only column that depends
// on timing, so runs with an iteration budget give byte-identical files once it is removed.
using System.IO;
using System.Text;

namespace Hig.Bench.Experiments.Toy.Output;

/// <summary>Writes a run's logged steps as CSV.</summary>
internal static class RunCsvWriter
{
    /// <summary>The header line: the columns in order. <c>seconds</c> (column 2) is the timing column.</summary>
    public const string Header = "iteration,seconds,training_loss,validation_loss,activation_mean,activation_std,saturated_fraction,y1,y2,step_norm";

    /// <summary>The file of a run relative to the output directory: lambda-{λ}/{optimizer}-seed-{seed}.csv ('/' on every system).</summary>
    public static string RelativePath(RunSpec spec) => $"lambda-{Invariant.Number(spec.Lambda)}/{spec.Optimizer.Key}-seed-{spec.Seed}.csv";

    /// <summary>Writes <paramref name="run"/>'s rows to <paramref name="path"/> (UTF-8, "\n" line ends), creating its folder.</summary>
    public static void Write(string path, RunResult run)
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        foreach (LogRow row in run.Rows)
        {
            text.Append(Invariant.Number(row.Iteration)).Append(',')
                .Append(Invariant.Number(row.Seconds)).Append(',')
                .Append(Invariant.Number(row.TrainingLoss)).Append(',')
                .Append(Invariant.Number(row.ValidationLoss)).Append(',')
                .Append(Invariant.Number(row.ActivationMean)).Append(',')
                .Append(Invariant.Number(row.ActivationStd)).Append(',')
                .Append(Invariant.Number(row.SaturatedFraction)).Append(',')
                .Append(Invariant.Number(row.Y1)).Append(',')
                .Append(Invariant.Number(row.Y2)).Append(',')
                .Append(Invariant.Number(row.StepNorm)).Append('\n');
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
