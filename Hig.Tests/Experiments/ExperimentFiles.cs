using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Hig.Tests.Experiments;

/// <summary>
/// Reading what an experiment command writes, the same way for every experiment: CSV logs with the invariants every run
/// keeps, files with their timing removed for byte comparisons, and the figure's panels and legend.
/// </summary>
internal static partial class ExperimentFiles
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>
    /// Checks the header and parses every row (invariant culture) into <paramref name="columns"/> numbers; checks what
    /// holds for any run: iterations start at 0 and rise, training time never falls, losses (columns 3 and 4) are not
    /// negative.
    /// </summary>
    public static double[][] ParseCsv(string text, string header, int columns)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        string[] lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal(header, lines[0]);
        var rows = new double[lines.Length - 1][];
        for (int i = 1; i < lines.Length; i++)
        {
            string[] cells = lines[i].Split(',');
            Assert.Equal(columns, cells.Length);
            rows[i - 1] = [.. cells.Select(c => double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture))];
        }

        Assert.Equal(0, rows[0][0]);
        for (int i = 1; i < rows.Length; i++)
        {
            Assert.True(rows[i][0] > rows[i - 1][0], "iterations increase");
            Assert.True(rows[i][1] >= rows[i - 1][1], "training time does not decrease");
        }

        Assert.All(rows, row => Assert.True(row[2] >= 0 && row[3] >= 0, "losses are non-negative"));
        return rows;
    }

    /// <summary>The CSV text without its `seconds` column, the only one that depends on timing.</summary>
    public static string WithoutSecondsColumn(string csv) =>
        string.Join('\n', csv.Split('\n').Select(line => line.Length == 0 ? line : string.Join(',', line.Split(',').Where((_, i) => i != 1))));

    /// <summary>summary.json's text with every object named "timing" emptied.</summary>
    public static string WithoutTiming(string summary) => TimingObject().Replace(summary, "\"timing\": {}");

    /// <summary>The figure's panels (groups of class "panel") in document order, after checking the SVG root; and the legend's texts joined by '|'.</summary>
    public static (XElement[] Panels, string Legend) Figure(string svg, params string[] panelIds)
    {
        XDocument document = XDocument.Parse(svg);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        XElement[] panels = [.. document.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "panel")];
        Assert.Equal(panelIds, panels.Select(p => (string?)p.Attribute("id")));
        string legend = string.Concat(document.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == "legend").Descendants(Svg + "text").Select(t => t.Value + "|"));
        return (panels, legend);
    }

    /// <summary>How many elements of an SVG kind (polyline, polygon, text) a panel holds.</summary>
    public static int Count(XElement panel, string element) => panel.Descendants(Svg + element).Count();

    /// <summary>
    /// Runs <paramref name="command"/> three times with an iteration budget — twice with <paramref name="flags"/> (which
    /// contain "--seed", "3"), once with seed 4 — and checks that the two seed-3 runs wrote byte-identical CSVs apart from
    /// `seconds` and summaries apart from their timing objects, that seed 4 gives other numbers (so the comparison can
    /// fail), and that the summary names no absolute path. Returns the first run's summary.json text.
    /// </summary>
    /// <param name="command">toy or oscillators.</param>
    /// <param name="flags">The flags, with the seed given as "--seed", "3".</param>
    /// <param name="exitCode">The exit code every run must end with.</param>
    /// <param name="csvFiles">The CSV files to compare, with "{seed}" where the seed goes.</param>
    public static string AssertIterationBudgetReproduces(string command, string[] flags, int exitCode, IEnumerable<string> csvFiles)
    {
        int seedAt = Array.IndexOf(flags, "--seed") + 1;
        Assert.Equal("3", flags[seedAt]);
        string[] otherSeed = [.. flags];
        otherSeed[seedAt] = "4";
        using ExperimentInvocation a = ExperimentInvocation.RunCommand(command, flags);
        using ExperimentInvocation b = ExperimentInvocation.RunCommand(command, flags);
        using ExperimentInvocation c = ExperimentInvocation.RunCommand(command, otherSeed);
        Assert.True(a.ExitCode == exitCode && b.ExitCode == exitCode && c.ExitCode == exitCode, a.Error + b.Error + c.Error);
        foreach (string csv in csvFiles)
        {
            string withoutTimingA = WithoutSecondsColumn(a.ReadText(csv.Replace("{seed}", "3", StringComparison.Ordinal)));
            Assert.Equal(withoutTimingA, WithoutSecondsColumn(b.ReadText(csv.Replace("{seed}", "3", StringComparison.Ordinal))));
            Assert.NotEqual(withoutTimingA, WithoutSecondsColumn(c.ReadText(csv.Replace("{seed}", "4", StringComparison.Ordinal))));
        }

        string summaryA = a.ReadText("summary.json");
        string strippedA = WithoutTiming(summaryA);
        Assert.Equal(strippedA, WithoutTiming(b.ReadText("summary.json")));
        Assert.DoesNotContain("seconds_to", strippedA, StringComparison.Ordinal);

        // Apart from the paths, nothing else differs: the summaries name their CSVs relative to the output folder.
        Assert.DoesNotContain(a.Folder, summaryA, StringComparison.Ordinal);
        return summaryA;
    }

    [GeneratedRegex("\"timing\": \\{[^{}]*\\}")]
    private static partial Regex TimingObject();
}
