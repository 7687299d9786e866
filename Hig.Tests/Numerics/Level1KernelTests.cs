using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Numerics;

/// <summary>
/// dot, axpy, scal, rot and nrm2 against independent references for every length 0..256 (every SIMD remainder),
/// misaligned starts, sentinel-guarded outputs, IEEE special values and bad input.
/// </summary>
public abstract class Level1KernelTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int MaxLength = 256;
    private static readonly double Eps = Precision.EpsOf<T>();

    private static T V(double value) => T.CreateTruncating(value);

    [Fact]
    public void Dot_MatchesAccurateReference_ForEveryLength()
    {
        var rng = new Rng(1);
        for (int n = 0; n <= MaxLength; n++)
        {
            T[] x = Reference.RandomVector<T>(rng, n), y = Reference.RandomVector<T>(rng, n);
            (double exact, double scale) = Reference.Dot<T>(x, y);
            double got = double.CreateTruncating(Blas.Dot<T>(x, y));

            // A dot product in any summation order, multiply-adds fused or not, has |error| ≤ γₙ·Σ|xᵢyᵢ| with γₙ ≈ n·ε/2
            // (Higham, Accuracy and Stability, Thm 3.1); n·ε covers it.
            Assert.True(Math.Abs(got - exact) <= n * Eps * scale, $"n = {n}: got {got}, exact {exact}, bound {n * Eps * scale}");
        }
    }

    [Fact]
    public void Dot_DoesNotDependOnAlignment()
    {
        var rng = new Rng(2);
        foreach (int n in new[] { 1, 7, 15, 16, 17, 63, 64, 65, 255 })
        {
            T[] x = Reference.RandomVector<T>(rng, n), y = Reference.RandomVector<T>(rng, n);
            T expected = Blas.Dot<T>(x, y);
            for (int shift = 1; shift < 8; shift++)
            {
                var px = new PaddedBuffer<T>(n, shift).Fill(x);
                var py = new PaddedBuffer<T>(n, 7 - shift).Fill(y);
                Assert.Equal(expected, Blas.Dot<T>(px.Span, py.Span));
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(37)]
    [InlineData(255)]
    public void Dot_PropagatesNaNAndInfinity(int position)
    {
        var rng = new Rng(3);
        T[] x = Reference.RandomVector<T>(rng, 256), y = Reference.RandomVector<T>(rng, 256);
        x[position] = T.NaN;
        Assert.True(T.IsNaN(Blas.Dot<T>(x, y)));

        x[position] = T.PositiveInfinity;
        y[position] = T.Zero;
        Assert.True(T.IsNaN(Blas.Dot<T>(x, y)), "Inf·0 must give NaN");

        y[position] = T.One;
        Assert.Equal(T.PositiveInfinity, Blas.Dot<T>(x, y));
    }

    [Fact]
    public void Dot_RejectsMismatchedLengths()
    {
        var e = Assert.Throws<ArgumentException>(() => Blas.Dot<T>(new T[3], new T[4]));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("4", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Fact]
    public void Axpy_IsElementwiseFma_ForEveryLength_WithoutTouchingNeighbours()
    {
        var rng = new Rng(4);
        T alpha = V(-0.7351);
        for (int n = 0; n <= MaxLength; n++)
        {
            T[] x = Reference.RandomVector<T>(rng, n), y = Reference.RandomVector<T>(rng, n);
            var py = new PaddedBuffer<T>(n, n % 5).Fill(y);
            Blas.Axpy<T>(alpha, x, py.Span);
            py.AssertSentinelsIntact();
            for (int i = 0; i < n; i++)
            {
                // Documented arithmetic: yᵢ = fma(α, xᵢ, yᵢ), one rounding, bit for bit.
                Assert.Equal(Arithmetic.MultiplyAdd(alpha, x[i], y[i]), py.Span[i]);
            }
        }
    }

    [Fact]
    public void Axpy_AllowsExactAliasButRejectsPartialOverlap()
    {
        T[] y = Reference.RandomVector<T>(new Rng(5), 40);
        T[] expected = new T[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            expected[i] = Arithmetic.MultiplyAdd(V(2), y[i], y[i]);
        }

        Blas.Axpy<T>(V(2), y, y);
        Assert.Equal(expected, y);

        var e = Assert.Throws<ArgumentException>(() => Blas.Axpy<T>(T.One, y.AsSpan(0, 30), y.AsSpan(5, 30)));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("overlaps", e.Message);
    }

    [Fact]
    public void Scal_MultipliesEveryElement_IncludingSpecialValues()
    {
        var rng = new Rng(6);
        for (int n = 0; n <= MaxLength; n++)
        {
            T[] x = Reference.RandomVector<T>(rng, n);
            var px = new PaddedBuffer<T>(n, 3).Fill(x);
            Blas.Scal(V(1.5), px.Span);
            px.AssertSentinelsIntact();
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(V(1.5) * x[i], px.Span[i]);
            }
        }

        T[] special = [T.PositiveInfinity, T.NaN, T.One];
        Blas.Scal<T>(T.Zero, special);
        Assert.True(T.IsNaN(special[0]), "0·Inf is NaN, not silently 0");
        Assert.True(T.IsNaN(special[1]));
        Assert.Equal(T.Zero, special[2]);
    }

    [Fact]
    public void Rot_MatchesScalarFormula_ForEveryLength()
    {
        var rng = new Rng(7);
        T c = V(0.6), s = V(-0.8);
        for (int n = 0; n <= MaxLength; n++)
        {
            T[] x = Reference.RandomVector<T>(rng, n), y = Reference.RandomVector<T>(rng, n);
            var px = new PaddedBuffer<T>(n, 1).Fill(x);
            var py = new PaddedBuffer<T>(n, 2).Fill(y);
            Blas.Rot(px.Span, py.Span, c, s);
            px.AssertSentinelsIntact();
            py.AssertSentinelsIntact();
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(Arithmetic.MultiplyAdd(c, x[i], s * y[i]), px.Span[i]);
                Assert.Equal(Arithmetic.MultiplyAdd(c, y[i], -(s * x[i])), py.Span[i]);
            }
        }
    }

    [Fact]
    public void Rot_RejectsOverlapAndMismatch()
    {
        var buffer = new T[20];
        Assert.Throws<ArgumentException>(() => Blas.Rot(buffer.AsSpan(0, 10), buffer.AsSpan(5, 10), T.One, T.Zero));
        Assert.Throws<ArgumentException>(() => Blas.Rot(new T[3], new T[4], T.One, T.Zero));
    }

    [Fact]
    public void Nrm2_MatchesAccurateReference_ForEveryLength()
    {
        var rng = new Rng(8);
        for (int n = 0; n <= MaxLength; n++)
        {
            T[] x = Reference.RandomVector<T>(rng, n);
            double exact = Math.Sqrt(Reference.Dot<T>(x, x).Value);
            double got = double.CreateTruncating(Blas.Nrm2<T>(x));

            // Sum of n squares: relative error ≤ n·ε/2; √ halves it and adds ε/2; scaling by 2ᵏ is exact. (n + 2)·ε covers it.
            Assert.True(Math.Abs(got - exact) <= (n + 2) * Eps * exact, $"n = {n}: got {got}, exact {exact}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(100)]
    public void Nrm2_DoesNotOverflowOrUnderflow(int n)
    {
        // Huge: every square overflows, the norm does not: big·√n ≤ (max/16)·√100 < max.
        T big = Precision.Max<T>() / V(16);
        T[] x = new T[n];
        x.AsSpan().Fill(big);
        double expectedBig = double.CreateTruncating(big) * Math.Sqrt(n);
        Assert.True(Math.Abs(double.CreateTruncating(Blas.Nrm2<T>(x)) - expectedBig) <= (n + 2) * Eps * expectedBig);

        // Tiny: every square underflows to zero, the norm does not. 2⁻ᵖ·SafeMin keeps full precision in the input.
        T tiny = Precision.SafeMin<T>() * V(4);
        x.AsSpan().Fill(tiny);
        double expectedTiny = double.CreateTruncating(tiny) * Math.Sqrt(n);
        Assert.True(Math.Abs(double.CreateTruncating(Blas.Nrm2<T>(x)) - expectedTiny) <= (n + 2) * Eps * expectedTiny);

        // Subnormal: the smallest positive value, where the input itself has one bit of precision.
        x.AsSpan().Fill(T.Epsilon);
        Assert.True(Blas.Nrm2<T>(x) > T.Zero);
    }

    [Fact]
    public void Nrm2_SpecialValues()
    {
        Assert.Equal(T.Zero, Blas.Nrm2<T>(ReadOnlySpan<T>.Empty));
        Assert.Equal(T.Zero, Blas.Nrm2<T>(new T[33]));
        foreach (int position in new[] { 0, 17, 40 })
        {
            T[] x = Reference.RandomVector<T>(new Rng(9), 41);
            x[position] = T.NegativeInfinity;
            Assert.Equal(T.PositiveInfinity, Blas.Nrm2<T>(x));
            x[(position + 3) % 41] = T.NaN;
            Assert.True(T.IsNaN(Blas.Nrm2<T>(x)), "NaN wins over Inf");
        }
    }
}

/// <summary>Level-1 kernels in double.</summary>
public sealed class Level1KernelTestsDouble : Level1KernelTests<double>;

/// <summary>Level-1 kernels in float.</summary>
public sealed class Level1KernelTestsSingle : Level1KernelTests<float>;
