// Rng: the seeded pseudo-random source of every Hig experiment.
//
// Generator: xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number generators",
// ACM TOMS 2021), 256-bit state, period 2^256 − 1. The state is seeded from a 64-bit seed by
// SplitMix64 (Steele, Lea & Flood 2014), as its authors recommend, so nearby seeds give
// unrelated streams.
//
// Reproducibility: every output is a function of the seed alone, computed with integer
// arithmetic and IEEE-754 basic operations (+, −, ×, ÷, sqrt) only — no Math.Log, Math.Sin or
// other library functions whose last bit may differ between .NET versions, operating systems or
// processors. The same seed therefore gives the same numbers on every conforming platform.
//
// Invariants: the xoshiro state is never all zero (SplitMix64 cannot produce four zero words
// in a row from any seed, and the generator preserves non-zero states).
using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Hig.Numerics;

/// <summary>
/// A small, fast, seeded pseudo-random number generator (xoshiro256**, seeded by SplitMix64) whose
/// output is bitwise reproducible across .NET versions and platforms. Uniform, normal and integer
/// variates, shuffles and independent child streams. Not thread-safe and not cryptographic.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Creates a generator whose whole output is determined by <paramref name="seed"/>.</summary>
    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The next 64 uniformly distributed random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform double in [0, 1): the top 53 bits of <see cref="NextUInt64"/> times 2⁻⁵³, so every value is a multiple of 2⁻⁵³.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform float in [0, 1): the top 24 bits of <see cref="NextUInt64"/> times 2⁻²⁴.</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>
    /// A uniform value in [<paramref name="low"/>, <paramref name="high"/>]: <c>low + (high − low)·u</c> with u uniform in
    /// [0, 1) at the precision of <typeparamref name="T"/> (53 bits for double, 24 for float). Rounding in the final
    /// multiply-add can return <paramref name="high"/> itself.
    /// </summary>
    /// <exception cref="ArgumentException">A bound is not finite or <paramref name="high"/> &lt; <paramref name="low"/>.</exception>
    public T NextUniform<T>(T low, T high)
        where T : IFloatingPointIeee754<T>
    {
        if (!T.IsFinite(low) || !T.IsFinite(high) || high < low)
        {
            throw new ArgumentException($"NextUniform needs finite bounds with low ≤ high, got low = {low}, high = {high}.", nameof(high));
        }

        T u = typeof(T) == typeof(float) ? T.CreateTruncating(NextSingle()) : T.CreateTruncating(NextDouble());
        return low + ((high - low) * u);
    }

    /// <summary>
    /// A standard normal variate (mean 0, variance 1) by Marsaglia's polar method. Variates come in pairs; the second
    /// of each pair is kept and returned by the next call, and is part of the generator's state.
    /// </summary>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        double factor = Math.Sqrt(-2.0 * ReproducibleLog.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    /// <summary>A normal variate with the given <paramref name="mean"/> and <paramref name="standardDeviation"/>, rounded to <typeparamref name="T"/>.</summary>
    public T NextNormal<T>(T mean, T standardDeviation)
        where T : IFloatingPointIeee754<T> =>
        mean + (standardDeviation * T.CreateTruncating(NextNormal()));

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>), without modulo bias (Lemire's multiply-and-reject).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exclusiveMax"/> is not positive.</exception>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exclusiveMax), exclusiveMax, "exclusiveMax must be positive.");
        }

        ulong range = (ulong)exclusiveMax;
        ulong threshold = (0UL - range) % range;
        while (true)
        {
            ulong high = Math.BigMul(NextUInt64(), range, out ulong low);
            if (low >= threshold)
            {
                return (int)high;
            }
        }
    }

    /// <summary>Fills <paramref name="destination"/> with uniform values in [<paramref name="low"/>, <paramref name="high"/>] (see <see cref="NextUniform{T}"/>).</summary>
    public void FillUniform<T>(Span<T> destination, T low, T high)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = NextUniform(low, high);
        }
    }

    /// <summary>Fills <paramref name="destination"/> with standard normal variates rounded to <typeparamref name="T"/>.</summary>
    public void FillNormal<T>(Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = T.CreateTruncating(NextNormal());
        }
    }

    /// <summary>Permutes <paramref name="values"/> uniformly at random (Fisher–Yates).</summary>
    public void Shuffle<TItem>(Span<TItem> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>
    /// A new generator seeded from this one's next output: a reproducible, statistically independent child
    /// stream (for example one per experiment run), leaving this generator advanced by one draw.
    /// </summary>
    public Rng Fork() => new(NextUInt64());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
