// check-toy-output: parses what one `Hig.Bench toy --iterations N --seeds 1` run wrote, for the CI smoke of the
// NativeAOT binary. Run as a .NET file-based app (`dotnet run .ci/check-toy-output.cs -- <folder> <N>`), so it needs
// nothing beyond the SDK that builds Hig. Checks, independently of the runner's own code:
//   - summary.json parses as JSON and lists 6 groups (λ = 1 and 0.01, each with Adam, GN and HIG) of one run each;
//   - every run's CSV exists, has the documented header, and rows of 10 invariant-culture numbers whose iterations
//     rise from 0 to N; the summary's final losses are the CSV's last row, to the bit;
//   - both figures parse as XML with an <svg> root.
// Prints one line and exits 0 when everything holds; otherwise prints every problem and exits 1.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using System.Xml.Linq;

const string Header = "iteration,seconds,training_loss,validation_loss,activation_mean,activation_std,saturated_fraction,y1,y2,step_norm";
if (args.Length != 2 || !long.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out long budget))
{
    Console.Error.WriteLine("usage: dotnet run .ci/check-toy-output.cs -- <output folder> <iterations per run>");
    return 2;
}

string folder = args[0];
var problems = new List<string>();
int csvCount = 0;
try
{
    using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json")));
    JsonElement[] groups = [.. summary.RootElement.GetProperty("results").EnumerateArray()];
    if (groups.Length != 6)
    {
        problems.Add($"summary.json: {groups.Length} groups, expected 6");
    }

    foreach (JsonElement group in groups)
    {
        foreach (JsonElement run in group.GetProperty("runs").EnumerateArray())
        {
            string csv = run.GetProperty("csv").GetString() ?? string.Empty;
            csvCount++;
            CheckCsv(csv, run);
        }
    }
}
catch (Exception e) when (e is JsonException or IOException or InvalidOperationException or KeyNotFoundException)
{
    problems.Add($"summary.json: {e.Message}");
}

foreach (string figure in new[] { "toy-lambda-1.svg", "toy-lambda-0.01.svg" })
{
    try
    {
        XDocument svg = XDocument.Load(Path.Combine(folder, figure));
        if (svg.Root?.Name.LocalName != "svg")
        {
            problems.Add($"{figure}: the root element is not <svg>");
        }
    }
    catch (Exception e) when (e is System.Xml.XmlException or IOException)
    {
        problems.Add($"{figure}: {e.Message}");
    }
}

if (csvCount != 6)
{
    problems.Add($"summary.json names {csvCount} CSV files, expected 6");
}

foreach (string problem in problems)
{
    Console.Error.WriteLine($"check-toy-output: {problem}");
}

if (problems.Count > 0)
{
    return 1;
}

Console.WriteLine($"check-toy-output: summary.json, {csvCount} CSVs ({budget} iterations each) and 2 figures parse and agree");
return 0;

void CheckCsv(string relative, JsonElement run)
{
    string[] lines;
    try
    {
        lines = File.ReadAllText(Path.Combine(folder, relative)).TrimEnd('\n').Split('\n');
    }
    catch (IOException e)
    {
        problems.Add($"{relative}: {e.Message}");
        return;
    }

    if (lines[0] != Header)
    {
        problems.Add($"{relative}: header '{lines[0]}'");
        return;
    }

    double previous = -1;
    double[] last = [];
    for (int i = 1; i < lines.Length; i++)
    {
        string[] cells = lines[i].Split(',');
        var row = new double[cells.Length];
        bool numeric = cells.Length == 10;
        for (int c = 0; numeric && c < cells.Length; c++)
        {
            numeric = double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out row[c]);
        }

        if (!numeric)
        {
            problems.Add($"{relative}: row {i} is not 10 numbers: '{lines[i]}'");
            return;
        }

        if (row[0] <= previous)
        {
            problems.Add($"{relative}: iteration {row[0]} in row {i} does not follow {previous}");
        }

        previous = row[0];
        last = row;
    }

    if (lines.Length < 2 || double.Parse(lines[1].Split(',')[0], CultureInfo.InvariantCulture) != 0 || last[0] != budget)
    {
        problems.Add($"{relative}: iterations do not run from 0 to {budget}");
        return;
    }

    if (run.GetProperty("final_training_loss").GetDouble() != last[2] || run.GetProperty("final_validation_loss").GetDouble() != last[3])
    {
        problems.Add($"{relative}: the final losses in summary.json are not the last row's");
    }
}
