namespace Hig.Bench.Experiments.Runner;

/// <summary>
/// One setting of an experiment that every optimizer and seed run at: the toy's λ, the oscillators' variant. Cases are
/// compared by value (records), so runs group by case.
/// </summary>
public interface IExperimentCase
{
    /// <summary>The folder of the case's CSV files and the key of its figure, e.g. lambda-0.01 or linear.</summary>
    string Key { get; }

    /// <summary>The name in progress lines and figure titles, e.g. λ=0.01 or linear.</summary>
    string Label { get; }

    /// <summary>The value in the case column of tables, e.g. 0.01 or linear.</summary>
    string Cell { get; }
}
