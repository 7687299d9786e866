using System;

namespace Hig.Bench.Experiments.Runner;

/// <summary>The floating-point type an experiment trains in (<c>--precision single|double</c>).</summary>
public enum ElementPrecision
{
    /// <summary>float64, the default: the library's audit precision.</summary>
    Double,

    /// <summary>float32, as embedded users and the book's TensorFlow runs use.</summary>
    Single,
}

/// <summary>Names and constants of <see cref="ElementPrecision"/>.</summary>
public static class ElementPrecisionExtensions
{
    /// <summary>The command-line value: double or single.</summary>
    public static string Key(this ElementPrecision precision) => precision == ElementPrecision.Double ? "double" : "single";

    /// <summary>The IEEE name: float64 or float32.</summary>
    public static string Name(this ElementPrecision precision) => precision == ElementPrecision.Double ? "float64" : "float32";

    /// <summary>ε = 2^(1−p): 2⁻⁵² or 2⁻²³, the spacing of the type at 1.</summary>
    public static double Epsilon(this ElementPrecision precision) => precision == ElementPrecision.Double ? Math.ScaleB(1, -52) : Math.ScaleB(1, -23);
}
