using System;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Hig.Bench.Micro;

/// <summary>A BenchmarkDotNet column showing floating-point throughput: flops(case) / mean time, in GFLOP/s.</summary>
public sealed class GflopsColumn : IColumn
{
    private readonly Func<BenchmarkCase, double> _flops;

    /// <summary>Creates the column; <paramref name="flops"/> gives the floating-point operations of one invocation.</summary>
    public GflopsColumn(Func<BenchmarkCase, double> flops) => _flops = flops;

    /// <inheritdoc/>
    public string Id => nameof(GflopsColumn);

    /// <inheritdoc/>
    public string ColumnName => "GFLOP/s";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "Floating-point throughput: operations per invocation / mean time (1 GFLOP/s = 1e9 flop/s)";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } stats)
        {
            return "NA";
        }

        double seconds = stats.Mean * 1e-9; // BenchmarkDotNet reports nanoseconds
        return (_flops(benchmarkCase) / seconds / 1e9).ToString("F1", CultureInfo.InvariantCulture);
    }

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
