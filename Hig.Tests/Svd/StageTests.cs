using System;
using System.Numerics;
using Hig.Numerics;
using Hig.Tests.Infrastructure;

namespace Hig.Tests.Svd;

/// <summary>Each SVD stage alone: QR, bidiagonalization and the bidiagonal QR reproduce their input.</summary>
public abstract class StageTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static readonly double Eps = Precision.EpsOf<T>();

    [Theory]
    [InlineData(9, 4, false, 32, 96)]
    [InlineData(9, 4, true, 32, 96)]
    [InlineData(150, 120, false, 8, 16)]
    [InlineData(150, 120, true, 8, 16)]
    [InlineData(70, 70, false, 16, 0)]
    [InlineData(600, 200, false, 64, 0)] // panels of 64 × ≥ 2¹³ elements: factored blocked themselves (two-level blocking)
    [InlineData(100, 80, false, 64, 0)]  // a 64-wide panel under 2¹³ elements: factored unblocked
    [InlineData(600, 200, true, 64, 0)]
    public void QrReproducesTheMatrix(int rows, int cols, bool transposed, int blockSize, int crossover)
    {
        var options = new SvdOptions { BlockSize = blockSize, BlockedCrossover = crossover };
        Matrix<T> a0 = TestMatrices.Uniform<T>(transposed ? cols : rows, transposed ? rows : cols, seed: 3);
        Matrix<T> a = a0.Clone();
        var l = new OrientedMatrix<T>(a, transposed);
        int k = Math.Min(rows, cols);
        var tau = new T[k];
        var work = new T[HouseholderQr.WorkspaceLength(rows, rows, blockSize)];
        HouseholderQr.Factor(l, tau, options, work);
        var r = new Matrix<T>(k, cols);
        for (int i = 0; i < k; i++)
        {
            for (int j = i; j < cols; j++)
            {
                r[i, j] = l[i, j];
            }
        }

        // Q (rows×k): form it in a copy of the factored matrix's first k columns, held in the same orientation as
        // the factorization (transposed storage: Qᵀ, the route the thin SVD of a tall matrix takes).
        var qStorage = transposed ? new Matrix<T>(k, rows) : new Matrix<T>(rows, k);
        var qOriented = new OrientedMatrix<T>(qStorage, transposed);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < k; j++)
            {
                qOriented[i, j] = l[i, j];
            }
        }

        HouseholderQr.FormQ(qOriented, k, tau, options, work);
        Matrix<T> q = transposed ? qStorage.Transposed() : qStorage;
        Matrix<T> logical = transposed ? a0.Transposed() : a0;
        AssertProductEquals(logical, q, r, 10 * rows * Eps); // QR's backward error is O(rows·ε)·‖A‖
        Assert.True(SvdDiagnostics.OrthogonalityRatio<T>(q) < 30);
    }

    [Theory]
    [InlineData(9, 4, 3, 32)]
    [InlineData(150, 120, 120, 8)]   // several blocks, the last one partial (120 = 15·8)
    [InlineData(150, 100, 7, 64)]    // blocks of 64 and 36
    [InlineData(600, 200, 200, 64)]  // the thin SVD's use: C = [U_R; 0] with U_R square
    public void ApplyingQEqualsMultiplyingByTheFormedQ(int rows, int cols, int nc, int blockSize)
    {
        // Q·[X; 0] by block reflectors (dormqr) against Q formed explicitly (dorgqr) times X in a naive loop. Both are
        // backward stable products of reflectors: each entry differs by at most c·rows·ε·‖X‖_F (Higham, Lemma 19.3);
        // c = 10 as in the QR test above.
        var options = new SvdOptions { BlockSize = blockSize };
        Matrix<T> factored = TestMatrices.Uniform<T>(cols, rows, seed: 11); // Lᵀ storage, as the thin SVD holds it
        var l = new OrientedMatrix<T>(factored, transposed: true);
        var tau = new T[cols];
        var work = new T[HouseholderQr.WorkspaceLength(rows, rows, blockSize)];
        var blockT = new T[HouseholderQr.BlockTLength(cols, blockSize)];
        HouseholderQr.Factor(l, tau, options, work, blockT: blockT);
        Matrix<T> x = TestMatrices.Uniform<T>(cols, nc, seed: 12);

        var c = new Matrix<T>(rows, nc);
        x.AsView().CopyTo(c.AsView().SliceRows(0, cols));
        Matrix<T> reusingT = c.Clone();
        HouseholderQr.Apply(l, cols, tau, c, options, work);

        // Reusing the T factors the factorization kept is the same arithmetic on the same reflectors: the same bits.
        HouseholderQr.Apply(l, cols, tau, reusingT, options, work, blockT);
        Assert.Equal(c.Data, reusingT.Data);

        Matrix<T> qStorage = factored.Clone();
        HouseholderQr.FormQ(new OrientedMatrix<T>(qStorage, transposed: true), cols, tau, options, work);
        double frobeniusX = 0;
        foreach (T value in x.Data)
        {
            frobeniusX += double.CreateTruncating(value * value);
        }

        double tolerance = 10 * rows * Eps * Math.Sqrt(frobeniusX);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < nc; j++)
            {
                double expected = 0;
                for (int p = 0; p < cols; p++)
                {
                    expected += double.CreateTruncating(qStorage[p, i]) * double.CreateTruncating(x[p, j]);
                }

                Assert.True(Math.Abs(expected - double.CreateTruncating(c[i, j])) <= tolerance, $"({i}, {j}): {expected:E6} vs {c[i, j]}");
            }
        }
    }

    [Theory]
    [InlineData(12, 7, 32, 96)]
    [InlineData(7, 7, 32, 96)]
    [InlineData(1, 1, 32, 96)]
    [InlineData(5, 1, 32, 96)]
    [InlineData(130, 100, 8, 16)]
    [InlineData(100, 100, 16, 20)]
    [InlineData(560, 520, 64, 96)] // over 1 MB in float and double: the fused-pass path of the blocked reduction
    public void BidiagonalizationReproducesTheMatrix(int rows, int cols, int blockSize, int crossover)
    {
        var options = new SvdOptions { BlockSize = blockSize, BlockedCrossover = crossover };
        Matrix<T> a0 = TestMatrices.Uniform<T>(rows, cols, seed: 5);
        Matrix<T> a = a0.Clone();
        T[] d = new T[cols], e = new T[cols], tauq = new T[cols], taup = new T[cols];
        var work = new T[Math.Max(Bidiagonalization.WorkspaceLength(rows, cols, blockSize), HouseholderQr.WorkspaceLength(rows, rows, blockSize))];
        Bidiagonalization.Reduce(a.AsView(), d, e, tauq, taup, options, work);
        var p = new Matrix<T>(cols, cols);
        BidiagonalFactors.FormRight<T>(a, taup, p, options, work);
        var q = a.Clone();
        BidiagonalFactors.FormLeft<T>(q, cols, tauq, options, work);
        var b = new Matrix<T>(cols, cols);
        for (int i = 0; i < cols; i++)
        {
            b[i, i] = d[i];
            if (i + 1 < cols)
            {
                b[i, i + 1] = e[i];
            }
        }

        var qb = Multiply(q, b);
        AssertProductEquals(a0, qb, p.Transposed(), 20 * rows * Eps); // backward error O(rows·ε)·‖A‖
        Assert.True(SvdDiagnostics.OrthogonalityRatio<T>(q) < 30);
        Assert.True(SvdDiagnostics.OrthogonalityRatio<T>(p) < 30);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(60)]
    public void BidiagonalQrReproducesTheBidiagonal(int n)
    {
        var rng = new Rng(17);
        T[] d = new T[n], e = new T[Math.Max(n - 1, 0)];
        for (int i = 0; i < n; i++)
        {
            d[i] = T.CreateTruncating(rng.NextUniform(-1.0, 1.0));
        }

        for (int i = 0; i < e.Length; i++)
        {
            e[i] = T.CreateTruncating(rng.NextUniform(-1.0, 1.0));
        }

        var b = new Matrix<T>(n, n);
        for (int i = 0; i < n; i++)
        {
            b[i, i] = d[i];
            if (i + 1 < n)
            {
                b[i, i + 1] = e[i];
            }
        }

        Matrix<T> u = Matrix<T>.Identity(n), v = Matrix<T>.Identity(n);
        var work = new T[VectorAccumulator<T>.WorkspaceLength(n, n)];
        var sink = new VectorAccumulator<T>(u, v, work);
        BidiagonalQr.Diagonalize(d, e, ref sink, new T[BidiagonalQr.WorkspaceLength(n)]);
        sink.Flush();
        var diag = new Matrix<T>(n, n);
        for (int i = 0; i < n; i++)
        {
            diag[i, i] = d[i];
        }

        AssertProductEquals(b, Multiply(u, diag), v.Transposed(), 30 * n * Eps); // O(n·ε)·‖B‖ backward error
        Assert.True(SvdDiagnostics.OrthogonalityRatio<T>(u) < 30);
        Assert.True(SvdDiagnostics.OrthogonalityRatio<T>(v) < 30);
    }

    [Theory]
    [InlineData(true, 1 << 20, 1 << 10)]  // the default situation: everything fits in the log
    [InlineData(true, 50, 2)]             // a tiny log: folded into the accumulator many times
    [InlineData(false, 50, 2)]
    public void RightHandSideSinkMatchesExplicitRotations(bool leftOnTheFly, int logRotations, int logSweeps)
    {
        // The κ-step's sink applies one side's rotations to right-hand sides and replays the other side's; both must
        // equal the products with the explicitly accumulated U_B and V_B of the same bidiagonal.
        int n = 40, r = 2;
        var rng = new Rng(23);
        T[] d = new T[n], e = new T[n - 1];
        for (int i = 0; i < n; i++)
        {
            d[i] = T.CreateTruncating(rng.NextUniform(-1.0, 1.0));
        }

        for (int i = 0; i < n - 1; i++)
        {
            e[i] = T.CreateTruncating(rng.NextUniform(-1.0, 1.0));
        }

        Matrix<T> u = Matrix<T>.Identity(n), v = Matrix<T>.Identity(n);
        var acc = new VectorAccumulator<T>(u, v, new T[VectorAccumulator<T>.WorkspaceLength(n, n)]);
        T[] d1 = (T[])d.Clone(), e1 = (T[])e.Clone();
        BidiagonalQr.Diagonalize(d1, e1, ref acc, new T[BidiagonalQr.WorkspaceLength(n)]);
        acc.Flush();

        Matrix<T> g = TestMatrices.FromDouble<T>(TestMatrices.UniformDouble(n, r, rng));
        Matrix<T> w = TestMatrices.FromDouble<T>(TestMatrices.UniformDouble(n, r, rng));
        Matrix<T> h = g.Clone();
        var work = new T[RightHandSideSink<T>.WorkspaceLength(n) + SweepLog<T>.StorageLength(logRotations, logSweeps)];
        var sink = new RightHandSideSink<T>(h, leftOnTheFly, work, logRotations, logSweeps);
        BidiagonalQr.Diagonalize(d, e, ref sink, new T[BidiagonalQr.WorkspaceLength(n)]);
        Assert.Equal(d1, d); // the sink never changes the iteration

        Matrix<T> onTheFly = leftOnTheFly ? u : v, replayed = leftOnTheFly ? v : u;
        var expectedH = new Matrix<T>(n, r);
        Blas.Gemm(Transpose.Yes, Transpose.No, T.One, onTheFly, g, T.Zero, expectedH);
        Matrix<T> replay = w.Clone();
        sink.ReplayOnto(replay, new T[n * r]);
        var expectedReplay = Multiply(replayed, w);

        // About 0.85·n² rotations pass over each entry's row pair; every rotation is backward stable, so the products
        // agree to a small multiple of n·ε (30·n·ε).
        double tolerance = 30 * n * Eps;
        for (int i = 0; i < n * r; i++)
        {
            Assert.True(Math.Abs(double.CreateTruncating(h.Data[i] - expectedH.Data[i])) <= tolerance, $"H[{i}]");
            Assert.True(Math.Abs(double.CreateTruncating(replay.Data[i] - expectedReplay.Data[i])) <= tolerance, $"replay[{i}]");
        }
    }

    private static Matrix<T> Multiply(Matrix<T> x, Matrix<T> y)
    {
        var c = new Matrix<T>(x.Rows, y.Cols);
        Blas.Gemm(Transpose.No, Transpose.No, T.One, x, y, T.Zero, c);
        return c;
    }

    /// <summary>‖expected − x·y‖_max ≤ tolerance·‖expected‖_max, computed in double.</summary>
    private static void AssertProductEquals(Matrix<T> expected, Matrix<T> x, Matrix<T> y, double tolerance)
    {
        Matrix<T> p = Multiply(x, y);
        double scale = 0, err = 0;
        for (int i = 0; i < expected.Rows; i++)
        {
            for (int j = 0; j < expected.Cols; j++)
            {
                scale = Math.Max(scale, Math.Abs(double.CreateTruncating(expected[i, j])));
                err = Math.Max(err, Math.Abs(double.CreateTruncating(expected[i, j]) - double.CreateTruncating(p[i, j])));
            }
        }

        Assert.True(err <= tolerance * scale, $"max error {err:E3} vs tolerance {tolerance * scale:E3}");
    }
}

public sealed class StageTestsDouble : StageTests<double>;

public sealed class StageTestsSingle : StageTests<float>;
