using System;
using System.Collections.Generic;
using System.IO;
using Hig.Bench;

namespace Hig.Tests.Experiments;

/// <summary>
/// One in-process invocation of `Hig.Bench toy …` or `Hig.Bench oscillators …` writing into a fresh temporary folder
/// (deleted on dispose), with its exit code and captured standard output and error. Progress is in plain-line mode, as
/// when output is redirected.
/// </summary>
internal sealed class ExperimentInvocation : IDisposable
{
    private ExperimentInvocation(string folder, int exitCode, string output, string error)
    {
        Folder = folder;
        ExitCode = exitCode;
        Output = output;
        Error = error;
    }

    /// <summary>The output folder passed with --out.</summary>
    public string Folder { get; }

    /// <summary>The exit code.</summary>
    public int ExitCode { get; }

    /// <summary>Everything written to standard output.</summary>
    public string Output { get; }

    /// <summary>Everything written to standard error.</summary>
    public string Error { get; }

    /// <summary>Runs `toy` with <paramref name="flags"/> plus --out into a new temporary folder.</summary>
    public static ExperimentInvocation Run(params string[] flags) => RunCommand("toy", flags);

    /// <summary>Runs <paramref name="command"/> with <paramref name="flags"/> plus --out into a new temporary folder.</summary>
    public static ExperimentInvocation RunCommand(string command, params string[] flags)
    {
        string folder = Path.Combine(Path.GetTempPath(), $"hig-{command}-test-" + Guid.NewGuid().ToString("N"));
        var args = new List<string> { command };
        args.AddRange(flags);
        args.Add("--out");
        args.Add(folder);
        return Capture(folder, args);
    }

    /// <summary>Runs the command line <paramref name="args"/> exactly as given (no --out added).</summary>
    public static ExperimentInvocation RunRaw(params string[] args) => Capture(folder: string.Empty, args);

    /// <summary>The text of a file in the output folder.</summary>
    public string ReadText(string relativePath) => File.ReadAllText(Path.Combine(Folder, relativePath));

    /// <summary>The bytes of a file in the output folder.</summary>
    public byte[] ReadBytes(string relativePath) => File.ReadAllBytes(Path.Combine(Folder, relativePath));

    public void Dispose()
    {
        if (Folder.Length > 0 && Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private static ExperimentInvocation Capture(string folder, IReadOnlyList<string> args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        output.NewLine = "\n";
        error.NewLine = "\n";
        int code = Program.Run(args, output, error, interactive: false);
        return new ExperimentInvocation(folder, code, output.ToString(), error.ToString());
    }
}
