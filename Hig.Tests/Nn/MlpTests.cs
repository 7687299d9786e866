using System;
using System.Numerics;
using Hig.Nn;
using Hig.Numerics;
using Hig.Tests.Infrastructure;
using Hig.Tests.Nn.Support;

namespace Hig.Tests.Nn;

/// <summary>The network's θ layout, initialization, generic evaluator, cached activations and argument checks.</summary>
public abstract class MlpTests<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private static T C(double v) => T.CreateChecked(v);

    [Fact]
    public void ThetaLayoutIsWeightsRowMajorThenBiasesLayerByLayer()
    {
        // 2→2→1, identity activations: y = W1·(W0·x + b0) + b1, all exactly representable.
        var net = new Mlp<T>([2, 2, 1], Activation.Identity, Activation.Identity);
        Assert.Equal(9, net.ParameterCount);
        Assert.Equal((0, 4, 6, 8), (net.WeightOffset(0), net.BiasOffset(0), net.WeightOffset(1), net.BiasOffset(1)));
        T[] theta = [C(1), C(2), C(3), C(4), C(0.5), C(-0.5), C(-1), C(2), C(0.25)];
        Assert.Equal(C(3), net.Weights(theta, 0)[1, 0]);
        Assert.Equal(C(-0.5), net.Biases(theta, 0)[1]);

        T[] x = [C(1.5), C(-2)];
        double h0 = (1 * 1.5) + (2 * -2) + 0.5, h1 = (3 * 1.5) + (4 * -2) - 0.5;
        var y = new Matrix<T>(1, 1);
        net.Forward(theta, new ReadOnlyMatrixView<T>(x, 1, 2), y, net.CreateWorkspace(1));
        Assert.Equal(C((-1 * h0) + (2 * h1) + 0.25), y[0, 0]);
    }

    [Fact]
    public void GlorotUniformWeightsWithinTheKerasLimitAndZeroBiases()
    {
        var net = new Mlp<T>([64, 128, 3], Activation.Tanh, Activation.Identity);
        var theta = new T[net.ParameterCount];
        theta.AsSpan().Fill(T.One);
        net.InitializeGlorotUniform(theta, new Rng(9));
        for (int l = 0; l < net.LayerCount; l++)
        {
            double limit = Math.Sqrt(6.0 / (net.Widths[l] + net.Widths[l + 1]));
            ReadOnlySpan<T> w = theta.AsSpan(net.WeightOffset(l), net.Widths[l] * net.Widths[l + 1]);
            double sum = 0, sumSquares = 0;
            foreach (T v in w)
            {
                double d = double.CreateChecked(v);
                Assert.InRange(Math.Abs(d), 0, limit * (1 + Precision.EpsOf<T>()));
                sum += d;
                sumSquares += d * d;
            }

            // U(−r, r) has mean 0 and E[d²] = r²/3 with Var(d²) = r⁴/5 − r⁴/9 = 4r⁴/45. The sample mean must lie within
            // 5 standard errors (r/√(3n)) of 0 and the mean of d² within 6 standard errors (r²·√(4/45)/√n) of r²/3: a
            // correct uniform draw fails that with probability below 1e-6, while a wrong limit (a factor √2 or 2 moves
            // E[d²] by 2× or 4×) fails it for every layer here (n ≥ 384: 6 standard errors are 9 % of r²).
            Assert.InRange(sum / w.Length, -5 * limit / Math.Sqrt(3.0 * w.Length), 5 * limit / Math.Sqrt(3.0 * w.Length));
            double meanSquareError = 6 * limit * limit * Math.Sqrt(4.0 / 45.0) / Math.Sqrt(w.Length);
            Assert.InRange(sumSquares / w.Length, (limit * limit / 3) - meanSquareError, (limit * limit / 3) + meanSquareError);
            Assert.All(theta.AsSpan(net.BiasOffset(l), net.Widths[l + 1]).ToArray(), b => Assert.Equal(T.Zero, b));
        }

        var again = new T[net.ParameterCount];
        net.InitializeGlorotUniform(again, new Rng(9));
        Assert.Equal(theta, again);
    }

    [Theory]
    [MemberData(nameof(NetworkCase.Indices), MemberType = typeof(NetworkCase))]
    public void GenericEvaluatorAndCachedActivationsReproduceTheBatchedForwardPass(int index)
    {
        NetworkCase c = NetworkCase.All[index];
        var rng = new Rng(500 + (ulong)index);
        Mlp<T> net = c.Network<T>();
        T[] theta = c.Theta(net, rng);
        Matrix<T> x = NetworkCase.Uniform<T>(c.Batch, net.InputSize, rng);
        MlpWorkspace<T> ws = net.CreateWorkspace(c.Batch);
        var y = new Matrix<T>(c.Batch, net.OutputSize);
        net.Forward(theta, x, y, ws);
        var thetaPrimal = Array.ConvertAll(theta, v => new Primal<T>(v));
        var yi = new Primal<T>[net.OutputSize];
        var scratch = new Primal<T>[net.EvaluateScratchLength];
        for (int i = 0; i < c.Batch; i++)
        {
            net.Evaluate<Primal<T>>(thetaPrimal, Array.ConvertAll(x.Row(i).ToArray(), v => new Primal<T>(v)), yi, scratch);
            for (int o = 0; o < yi.Length; o++)
            {
                Assert.True(yi[o].Value.Equals(y[i, o]), $"Evaluate vs Forward, sample {i} output {o}");
            }

            T[][] a = ReferenceMlp.Forward(net, theta, x.Row(i)).A;
            for (int level = 0; level <= net.LayerCount; level++)
            {
                Assert.Equal(a[level], ws.Activations(level).Row(i).ToArray());
            }
        }
    }

    [Fact]
    public void ConstructorRejectsBadShapes()
    {
        Assert.Throws<ArgumentException>(() => new Mlp<T>([3]));
        Assert.Throws<ArgumentException>(() => new Mlp<T>([3, 0, 1]));
        Assert.Throws<ArgumentException>(() => new Mlp<T>([3, 2, 1], [Activation.Tanh]));
        Assert.Throws<ArgumentException>(() => new Mlp<T>([3, 2], [(Activation)17]));
    }

    [Fact]
    public void CallsRejectShapesThatDoNotFitAndNameThem()
    {
        var net = new Mlp<T>([3, 4, 2]);
        var theta = new T[net.ParameterCount];
        MlpWorkspace<T> ws = net.CreateWorkspace(5);
        var x = new Matrix<T>(5, 3);
        var y = new Matrix<T>(5, 2);
        var j = new Matrix<T>(10, net.ParameterCount);

        ArgumentException e = Assert.Throws<ArgumentException>(() => net.Forward(new T[net.ParameterCount - 1], x, y, ws));
        Assert.Equal("theta", e.ParamName);
        Assert.Contains($"{net.ParameterCount - 1}", e.Message);
        Assert.Contains($"{net.ParameterCount}", e.Message);

        e = Assert.Throws<ArgumentException>(() => net.Forward(theta, new Matrix<T>(5, 4), y, ws));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("5×4", e.Message);

        e = Assert.Throws<ArgumentException>(() => net.Jacobian(theta, x, new Matrix<T>(9, net.ParameterCount), y, ws));
        Assert.Equal("jacobian", e.ParamName);
        Assert.Contains($"9×{net.ParameterCount}", e.Message);
        Assert.Contains($"10×{net.ParameterCount}", e.Message);

        e = Assert.Throws<ArgumentException>(() => net.Jacobian(theta, x, j, new Matrix<T>(5, 3), ws));
        Assert.Equal("y", e.ParamName);
        Assert.Contains("5×3", e.Message);

        e = Assert.Throws<ArgumentException>(() => net.Forward(theta, new Matrix<T>(6, 3), new Matrix<T>(6, 2), ws));
        Assert.Contains("at most 5", e.Message);
        Assert.Equal("workspace", Assert.Throws<ArgumentException>(() => net.Forward(theta, x, y, new Mlp<T>([3, 4, 2]).CreateWorkspace(5))).ParamName);
        Assert.Equal("tangent", Assert.Throws<ArgumentException>(() => net.Jvp(theta, x, new T[3], y, ws)).ParamName);
        Assert.Equal("result", Assert.Throws<ArgumentException>(() => net.Vjp(theta, x, y, new T[3], ws)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => net.Jacobian(theta, x, j, y, ws, (JacobianMode)9));

        Assert.Throws<InvalidOperationException>(() => net.Backward(theta, y, theta, net.CreateWorkspace(5)));
        net.Forward(theta, x, y, ws);
        e = Assert.Throws<ArgumentException>(() => net.Backward(theta, new Matrix<T>(4, 2), new T[net.ParameterCount], ws));
        Assert.Equal("cotangent", e.ParamName);
        Assert.Contains("4×2", e.Message);
        Assert.Contains("5×2", e.Message);
    }
}

public sealed class MlpTestsDouble : MlpTests<double>;

public sealed class MlpTestsSingle : MlpTests<float>;
