using System;

namespace Hig.Numerics;

/// <summary>
/// Thrown by the decompositions (<see cref="Svd"/>, <see cref="KappaPower"/>) when an input holds NaN or ±Infinity.
/// The check runs over the whole input before any iteration starts, so the failure is immediate and in bounded time
/// (LAPACK's dbdsqr, by contrast, can loop forever on such input).
/// </summary>
/// <remarks>The message names the argument and the first offending entry in row-major order.</remarks>
public sealed class NonFiniteInputException : ArgumentException
{
    /// <summary>Creates the exception with a default message.</summary>
    public NonFiniteInputException()
        : base("The input holds a NaN or infinite value.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    public NonFiniteInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and inner exception.</summary>
    public NonFiniteInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for entry (<paramref name="row"/>, <paramref name="column"/>) of argument <paramref name="paramName"/>.</summary>
    /// <param name="paramName">The argument holding the value.</param>
    /// <param name="row">Row of the first non-finite entry (0 for a vector).</param>
    /// <param name="column">Column of the first non-finite entry (the index, for a vector).</param>
    /// <param name="value">The offending value, as text (NaN, ∞ or −∞).</param>
    public NonFiniteInputException(string paramName, int row, int column, string value)
        : base($"{paramName} holds a non-finite value ({value}) at row {row}, column {column} (the first in row-major order); "
               + "the decomposition needs finite input.", paramName)
    {
        Row = row;
        Column = column;
    }

    /// <summary>Row of the first non-finite entry (0 for a vector), or −1 when not known.</summary>
    public int Row { get; } = -1;

    /// <summary>Column of the first non-finite entry (the index, for a vector), or −1 when not known.</summary>
    public int Column { get; } = -1;
}
