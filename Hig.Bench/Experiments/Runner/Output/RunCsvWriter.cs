// RunCsvWriter: one CSV file per run, one row per logged step: iteration, seconds, training_loss, the validation (or
// test) loss, the experiment's own columns, step_norm. Numbers are written in the invariant culture in shortest
// round-trip form, so the file parses back to the exact doubles; `seconds` is the only column that depends on timing,
// so runs with an iteration budget give byte-identical files once it is removed.
using System.IO;
using System.Text;

namespace Hig.Bench.Experiments.Runner.Output;

/// <summary>Writes a run's logged steps as CSV.</summary>
internal static class RunCsvWriter
{
    /// <summary>The header line of an experiment's files: the columns in order. <c>seconds</c> (column 2) is the timing column.</summary>
    public static string Header(Experiment experiment)
    {
        var header = new StringBuilder("iteration,seconds,training_loss,").Append(experiment.ValidationColumn);
        foreach (string column in experiment.ExtraColumns)
        {
            header.Append(',').Append(column);
        }

        return header.Append(",step_norm").ToString();
    }

    /// <summary>The file of a run relative to the output directory: {case}/{optimizer}-seed-{seed}.csv ('/' on every system).</summary>
    public static string RelativePath(RunSpec spec) => $"{spec.Case.Key}/{spec.Optimizer.Key}-seed-{spec.Seed}.csv";

    /// <summary>Writes <paramref name="run"/>'s rows to <paramref name="path"/> (UTF-8, "\n" line ends), creating its folder.</summary>
    public static void Write(string path, Experiment experiment, RunResult run)
    {
        var text = new StringBuilder();
        text.Append(Header(experiment)).Append('\n');
        foreach (LogRow row in run.Rows)
        {
            text.Append(Invariant.Number(row.Iteration)).Append(',')
                .Append(Invariant.Number(row.Seconds)).Append(',')
                .Append(Invariant.Number(row.TrainingLoss)).Append(',')
                .Append(Invariant.Number(row.ValidationLoss)).Append(',');
            foreach (double extra in row.Extras)
            {
                text.Append(Invariant.Number(extra)).Append(',');
            }

            text.Append(Invariant.Number(row.StepNorm)).Append('\n');
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}
