// ProgressDisplay: the live status of an experiment invocation. On an interactive terminal it is one line, rewritten in place
// with a carriage return at most ten times a second; otherwise (output redirected, CI=true, TERM=dumb) it prints plain
// lines: one per finished run and a status line at most every ten seconds, so logs stay short and readable.
// Thread-safe: concurrent runs report through the same display.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;

namespace Hig.Bench.Experiments.Runner.Output;

/// <summary>Shows which runs are in progress and how far they are.</summary>
internal sealed class ProgressDisplay
{
    private static readonly TimeSpan InteractiveInterval = TimeSpan.FromSeconds(0.1);
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(10);
    private const int MaxWidth = 118;

    private readonly string _name;
    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly int _totalRuns;
    private readonly int _width;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<RunSpec, RunStatus> _active = [];
    private readonly Lock _lock = new();
    private TimeSpan _lastShown = -PlainInterval;
    private int _finished;
    private int _shownWidth;

    /// <param name="name">The command's name, the prefix of the status line.</param>
    /// <param name="writer">Where the display goes (standard error for the command).</param>
    /// <param name="interactive">Whether to rewrite one line in place (a terminal) or print plain lines.</param>
    /// <param name="totalRuns">How many runs the invocation does.</param>
    public ProgressDisplay(string name, TextWriter writer, bool interactive, int totalRuns)
    {
        _name = name;
        _writer = writer;
        _interactive = interactive;
        _totalRuns = totalRuns;
        _width = interactive ? TerminalWidth() : int.MaxValue;
    }

    /// <summary>
    /// Whether a writer should get the in-place display: standard error is a terminal, CI is not set to true and TERM is
    /// not "dumb".
    /// </summary>
    public static bool IsInteractiveConsole()
    {
        string? ci = Environment.GetEnvironmentVariable("CI");
        bool inCi = ci is not null && (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");
        return !Console.IsErrorRedirected && !inCi && Environment.GetEnvironmentVariable("TERM") != "dumb";
    }

    /// <summary>Records a run's latest state and refreshes the display if it is due.</summary>
    public void Report(RunStatus status)
    {
        lock (_lock)
        {
            _active[status.Spec] = status;
            TimeSpan now = _clock.Elapsed;
            if (now - _lastShown < (_interactive ? InteractiveInterval : PlainInterval))
            {
                return;
            }

            _lastShown = now;
            Show(StatusLine());
        }
    }

    /// <summary>Marks a run as finished, with a one-line summary of it.</summary>
    public void Finished(RunSpec spec, string summary)
    {
        lock (_lock)
        {
            _active.Remove(spec);
            _finished++;
            if (_interactive)
            {
                Show(StatusLine());
            }
            else
            {
                _writer.WriteLine($"[{_finished}/{_totalRuns}] {summary}");
                _writer.Flush();
            }
        }
    }

    /// <summary>Prints a plain message line (clearing the in-place line first).</summary>
    public void Message(string line)
    {
        lock (_lock)
        {
            Clear();
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    /// <summary>Removes the in-place line, leaving the cursor at the start of an empty line.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            if (_interactive && _shownWidth > 0)
            {
                _writer.Write('\r' + new string(' ', _shownWidth) + '\r');
                _writer.Flush();
                _shownWidth = 0;
            }
        }
    }

    /// <summary>A name for a run in progress lines: λ=0.01 HIG seed 3.</summary>
    public static string Describe(RunSpec spec) => $"{spec.Case.Label} {spec.Optimizer.Label} seed {spec.Seed}";

    /// <summary>The terminal's width less one column (a full-width line would wrap), at most <see cref="MaxWidth"/>.</summary>
    private static int TerminalWidth()
    {
        try
        {
            int columns = Console.WindowWidth;
            return columns > 20 ? Math.Min(columns - 1, MaxWidth) : MaxWidth;
        }
        catch (IOException)
        {
            return MaxWidth;
        }
    }

    private string StatusLine()
    {
        var line = new StringBuilder();
        line.Append(_name).Append(": ").Append(_finished).Append('/').Append(_totalRuns).Append(" runs done, ")
            .Append(Invariant.Seconds(_clock.Elapsed.TotalSeconds)).Append(" s");
        foreach (RunStatus status in _active.Values)
        {
            line.Append(" | ").Append(Describe(status.Spec)).Append(": it ").Append(status.Iteration)
                .Append(", ").Append(Invariant.Seconds(status.Seconds)).Append(" s, loss ").Append(Invariant.Short(status.Loss));
        }

        return line.ToString();
    }

    private void Show(string line)
    {
        if (!_interactive)
        {
            _writer.WriteLine(line);
            _writer.Flush();
            return;
        }

        if (line.Length > _width)
        {
            line = line[..(_width - 1)] + "…";
        }

        _writer.Write('\r' + line + (line.Length < _shownWidth ? new string(' ', _shownWidth - line.Length) : string.Empty));
        _writer.Flush();
        _shownWidth = line.Length;
    }
}
