// IDifferentiableModel: what an optimizer asks of a model y = F(x; θ) on a batch.
//
// Shapes (b = rows of x, at most the workspace's BatchSize):
//   θ: ParameterCount, caller-owned (the model holds no parameters);  x: b×InputSize;  y: b×OutputSize (d_y);
//   J = ∂y/∂θ stacked per sample: (b·d_y)×|θ|, sample i owning rows i·d_y … i·d_y+d_y−1, columns in θ's layout;
//   cotangents G (b×d_y) are stacked the same way: vec(G) = (g₀; g₁; …), so Jᵀ·vec(G) = Σᵢ (∂yᵢ/∂θ)ᵀ gᵢ.
using System;
using System.Numerics;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>
/// A model y = F(x; θ) evaluated on a batch, with forward- and reverse-mode derivatives with respect to the flat
/// parameter vector θ: the stacked per-sample Jacobian, Jacobian-vector and vector-Jacobian products, and the
/// gradient pass Jᵀ·G that Adam needs.
/// </summary>
/// <remarks>
/// <para>Shapes: θ has <see cref="ParameterCount"/> entries and is owned by the caller; x is b×<see cref="InputSize"/>
/// and y is b×<see cref="OutputSize"/> (b ≤ the workspace's <see cref="ModelWorkspace{T}.BatchSize"/>; b = 0 is allowed
/// and does nothing). The stacked Jacobian J is (b·d_y)×|θ|: sample i owns rows i·d_y … i·d_y+d_y−1 and the columns
/// follow θ's layout. A cotangent G (b×d_y) stands for the vector vec(G) stacked the same way.</para>
/// <para>Every method validates shapes first and throws <see cref="ArgumentException"/> naming the argument and the shapes.
/// NaN and ±Inf in θ or x propagate to the outputs; nothing is rejected for its values.</para>
/// <para>After <see cref="CreateWorkspace"/>, no method allocates managed memory.</para>
/// </remarks>
/// <typeparam name="T">The floating-point type, <see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IDifferentiableModel<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>|θ|: the length of the flat parameter vector.</summary>
    int ParameterCount { get; }

    /// <summary>d_x: columns of x.</summary>
    int InputSize { get; }

    /// <summary>d_y: columns of y, and rows of J per sample.</summary>
    int OutputSize { get; }

    /// <summary>Creates the scratch memory for batches of up to <paramref name="batchSize"/> samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is negative.</exception>
    ModelWorkspace<T> CreateWorkspace(int batchSize);

    /// <summary>y ← F(x; θ), caching in <paramref name="workspace"/> what <see cref="Backward"/> needs.</summary>
    /// <param name="theta">θ, <see cref="ParameterCount"/> entries.</param>
    /// <param name="x">b×<see cref="InputSize"/> inputs, one sample per row.</param>
    /// <param name="y">b×<see cref="OutputSize"/> outputs, written.</param>
    /// <param name="workspace">A workspace created by this model with <see cref="ModelWorkspace{T}.BatchSize"/> ≥ b.</param>
    /// <exception cref="ArgumentException">A shape does not fit, or the workspace is not this model's or too small.</exception>
    void Forward(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, MatrixView<T> y, ModelWorkspace<T> workspace);

    /// <summary>
    /// J ← ∂y/∂θ stacked per sample ((b·d_y)×|θ|, rows sample-major, columns in θ's layout) and y ← F(x; θ), in one pass.
    /// </summary>
    /// <param name="theta">θ, <see cref="ParameterCount"/> entries.</param>
    /// <param name="x">b×<see cref="InputSize"/> inputs.</param>
    /// <param name="jacobian">(b·<see cref="OutputSize"/>)×<see cref="ParameterCount"/>, every element written.</param>
    /// <param name="y">b×<see cref="OutputSize"/> outputs, written.</param>
    /// <param name="workspace">This model's workspace (it caches the forward pass, so <see cref="Backward"/> may follow).</param>
    /// <param name="mode">Forward mode, reverse mode, or the cheaper of the two for this shape.</param>
    /// <exception cref="ArgumentException">A shape does not fit, or the workspace is not this model's or too small.</exception>
    void Jacobian(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, MatrixView<T> jacobian, MatrixView<T> y,
        ModelWorkspace<T> workspace, JacobianMode mode = JacobianMode.Auto);

    /// <summary>
    /// gradient ← Jᵀ·vec(G) = Σᵢ (∂yᵢ/∂θ)ᵀ gᵢ by one reverse pass over the forward pass cached in
    /// <paramref name="workspace"/> (by the last <see cref="Forward"/> or <see cref="Jacobian"/>), without forming J.
    /// With G = ∂L/∂y this is ∂L/∂θ.
    /// </summary>
    /// <param name="theta">The same θ the cached forward pass used.</param>
    /// <param name="cotangent">G: b×<see cref="OutputSize"/>, b the rows of the cached forward pass.</param>
    /// <param name="gradient">|θ| entries, overwritten.</param>
    /// <param name="workspace">The workspace holding the forward pass.</param>
    /// <exception cref="ArgumentException">A shape does not fit or the workspace is not this model's.</exception>
    /// <exception cref="InvalidOperationException">The workspace holds no forward pass.</exception>
    void Backward(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> cotangent, Span<T> gradient, ModelWorkspace<T> workspace);

    /// <summary>Jacobian-vector product: result ← J·u, stacked per sample as b×d_y (row i = (∂yᵢ/∂θ)·u).</summary>
    /// <param name="theta">θ.</param>
    /// <param name="x">b×<see cref="InputSize"/> inputs.</param>
    /// <param name="tangent">u: a direction in parameter space, |θ| entries.</param>
    /// <param name="result">b×<see cref="OutputSize"/>, written.</param>
    /// <param name="workspace">This model's workspace (it caches the forward pass).</param>
    /// <exception cref="ArgumentException">A shape does not fit, or the workspace is not this model's or too small.</exception>
    void Jvp(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, ReadOnlySpan<T> tangent, MatrixView<T> result, ModelWorkspace<T> workspace);

    /// <summary>Vector-Jacobian product: result ← Jᵀ·vec(W) = Σᵢ (∂yᵢ/∂θ)ᵀ wᵢ: a forward pass, then <see cref="Backward"/>.</summary>
    /// <param name="theta">θ.</param>
    /// <param name="x">b×<see cref="InputSize"/> inputs.</param>
    /// <param name="cotangent">W: b×<see cref="OutputSize"/>.</param>
    /// <param name="result">|θ| entries, overwritten.</param>
    /// <param name="workspace">This model's workspace (it caches the forward pass).</param>
    /// <exception cref="ArgumentException">A shape does not fit, or the workspace is not this model's or too small.</exception>
    void Vjp(ReadOnlySpan<T> theta, ReadOnlyMatrixView<T> x, ReadOnlyMatrixView<T> cotangent, Span<T> result, ModelWorkspace<T> workspace);
}
