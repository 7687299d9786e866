using System;

namespace Hig.Numerics;

/// <summary>
/// Thrown when the bidiagonal QR iteration of the SVD does not converge within its iteration cap
/// (LAPACK dbdsqr's INFO &gt; 0). The cap, as in dbdsqr, is 6·n² inner rotation steps for an n×n bidiagonal.
/// No partial result is returned: the outputs' contents are unspecified.
/// </summary>
public sealed class SvdNoConvergenceException : ArithmeticException
{
    /// <summary>Creates the exception with a default message.</summary>
    public SvdNoConvergenceException()
        : base("The bidiagonal QR iteration did not converge.")
    {
    }

    /// <summary>Creates the exception with the given message.</summary>
    public SvdNoConvergenceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the given message and inner exception.</summary>
    public SvdNoConvergenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception reporting how many superdiagonal entries stayed nonzero and the cap that was hit.</summary>
    /// <param name="unconvergedCount">Superdiagonal entries of the bidiagonal still nonzero (singular values not converged).</param>
    /// <param name="order">Order n of the bidiagonal.</param>
    /// <param name="iterationCap">The cap on inner rotation steps that was reached (6·n²).</param>
    public SvdNoConvergenceException(int unconvergedCount, int order, long iterationCap)
        : base($"The bidiagonal QR iteration did not converge: {unconvergedCount} of {order} singular values failed to converge "
               + $"within the cap of {iterationCap} inner steps (6·n² with n = {order}).")
    {
        UnconvergedCount = unconvergedCount;
        Order = order;
        IterationCap = iterationCap;
    }

    /// <summary>How many singular values failed to converge (the nonzero superdiagonal entries left).</summary>
    public int UnconvergedCount { get; }

    /// <summary>Order n of the bidiagonal matrix that was being diagonalized.</summary>
    public int Order { get; }

    /// <summary>The iteration cap that was reached, in inner rotation steps (6·n²).</summary>
    public long IterationCap { get; }
}
