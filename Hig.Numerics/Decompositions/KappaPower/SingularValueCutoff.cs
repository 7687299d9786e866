using System;
using System.Globalization;
using System.Numerics;

namespace Hig.Numerics;

/// <summary>
/// Which singular values a truncated spectral operation (the <see cref="KappaPower"/> step, a pseudo-inverse) keeps:
/// the threshold is <c>max(Relative·σ_max, Absolute)</c>, and every singular value <b>at or below</b> it is truncated,
/// i.e. its direction gets weight exactly zero (never clamped to the threshold).
/// </summary>
/// <remarks>
/// <para>The documented default (<see cref="Default"/>) is τ = 1e-6 relative and no absolute floor, the truncation
/// the HIG paper's experiments use; <see cref="DefaultFor"/> raises it to the SVD's rounding level where that is
/// higher (float Jacobians of more than 70 rows or columns), which is what the optimizers use when given no cut-off. <c>default(SingularValueCutoff&lt;T&gt;)</c> is τ = 0 and absolute 0: it truncates
/// only singular values that are exactly zero.</para>
/// <para>Both numbers must be finite and non-negative; the constructor and factories reject negative, NaN or infinite
/// values with an <see cref="ArgumentOutOfRangeException"/> naming the parameter.</para>
/// </remarks>
/// <typeparam name="T">The element type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public readonly record struct SingularValueCutoff<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The relative tolerance of <see cref="Default"/>: τ = 1e-6.</summary>
    public const double DefaultRelative = 1e-6;

    /// <summary>Creates a cut-off with threshold max(<paramref name="relative"/>·σ_max, <paramref name="absolute"/>).</summary>
    /// <param name="relative">τ ≥ 0, relative to the largest singular value.</param>
    /// <param name="absolute">An absolute floor ≥ 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite.</exception>
    public SingularValueCutoff(T relative, T absolute)
    {
        Require(relative, nameof(relative), "the relative tolerance τ (threshold τ·σ_max)");
        Require(absolute, nameof(absolute), "the absolute threshold");
        Relative = relative;
        Absolute = absolute;
    }

    /// <summary>τ: singular values at or below τ·σ_max are truncated.</summary>
    public T Relative { get; }

    /// <summary>An absolute floor: singular values at or below it are truncated.</summary>
    public T Absolute { get; }

    /// <summary>The documented default: τ = 1e-6 relative (<see cref="DefaultRelative"/>), absolute floor 0.</summary>
    public static SingularValueCutoff<T> Default => new(T.CreateTruncating(DefaultRelative), T.Zero);

    /// <summary>
    /// The typical relative rounding level of an SVD of an m×n matrix in <typeparamref name="T"/>: √max(m, n)·ε, with ε
    /// the spacing of T at 1 (2⁻⁵² double, 2⁻²³ float). The worst-case bound is max(m, n)·ε·σ_max; rounding errors of
    /// independent operations grow like √n in practice (Higham &amp; Mary, "A new approach to probabilistic rounding error
    /// analysis", SIAM J. Sci. Comput. 41(5), 2019). A relative τ below this keeps directions that are rounding noise and
    /// multiplies them by up to τ^(−κ).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    public static T RoundoffLevel(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        T eps = typeof(T) == typeof(float) ? T.ScaleB(T.One, -23) : T.ScaleB(T.One, -52);
        return T.Sqrt(T.CreateTruncating(Math.Max(rows, cols))) * eps;
    }

    /// <summary>
    /// The type-aware default for an m×n matrix: relative τ = max(1e-6, <see cref="RoundoffLevel"/>(m, n)), absolute 0.
    /// In double this is 1e-6 for every matrix up to 10¹⁹ rows; in float it is raised above 1e-6 from max(m, n) ≥ 71
    /// (the book's 128×1444 oscillator Jacobian: τ = 38·2⁻²³ ≈ 4.5e-6).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is negative.</exception>
    public static SingularValueCutoff<T> DefaultFor(int rows, int cols) =>
        new(T.Max(T.CreateTruncating(DefaultRelative), RoundoffLevel(rows, cols)), T.Zero);

    /// <summary>Truncates only singular values that are exactly zero (τ = 0, absolute 0).</summary>
    public static SingularValueCutoff<T> None => new(T.Zero, T.Zero);

    /// <summary>A purely relative cut-off: threshold τ·σ_max.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tau"/> is negative, NaN or infinite.</exception>
    public static SingularValueCutoff<T> FromRelative(T tau) => new(tau, T.Zero);

    /// <summary>A purely absolute cut-off: threshold <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is negative, NaN or infinite.</exception>
    public static SingularValueCutoff<T> FromAbsolute(T value) => new(T.Zero, value);

    /// <summary>Both: threshold max(τ·σ_max, <paramref name="absolute"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, NaN or infinite.</exception>
    public static SingularValueCutoff<T> FromBoth(T tau, T absolute) => new(tau, absolute);

    /// <summary>The threshold for a spectrum whose largest singular value is <paramref name="sigmaMax"/>: max(τ·σ_max, absolute).</summary>
    public T ThresholdFor(T sigmaMax) => T.Max(Relative * sigmaMax, Absolute);

    /// <summary>Shows both numbers.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"SingularValueCutoff(τ = {Relative}, absolute = {Absolute})");

    private static void Require(T value, string name, string what)
    {
        if (!T.IsFinite(value) || value < T.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{name} ({what}) must be finite and non-negative, got {value}."));
        }
    }
}
