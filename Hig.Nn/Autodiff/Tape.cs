// Tape: reverse-mode automatic differentiation by recording (Griewank & Walther, "Evaluating Derivatives",
// 2nd ed., ch. 3-4; micrograd's engine; the "Wengert list").
//
// Every operation on TapeVariables appends one node holding, for each operand, the operand's node index
// and the local partial derivative ∂node/∂operand, computed right beside the primal value (ScalarRules).
// The backward sweep walks the nodes in reverse recording order and accumulates
//     adjoint[operand] += ∂node/∂operand · adjoint[node]
// so fan-out (a value used several times) just works, as in micrograd. Nodes are appended in evaluation
// order, so reverse order is a valid reverse topological order.
//
// Several adjoint "lanes" can be swept at once: with m seeds each node carries m adjoints, and one sweep
// yields m vector-Jacobian products (m rows of a Jacobian), reading each recorded edge once.
//
// Reuse: Reset() forgets the nodes but keeps the storage, so after the first evaluations have grown the
// arrays, recording allocates nothing. Variables remember the tape's generation; using one after Reset (or
// mixing variables of two tapes) throws instead of silently reading another node's adjoint.
using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>
/// A reusable reverse-mode tape. Create input variables with <see cref="Variable"/>, run generic code on
/// <see cref="TapeVariable{T}"/>, then pull cotangents back with <see cref="Backward(TapeVariable{T})"/>,
/// <see cref="Backward(ReadOnlySpan{TapeVariable{T}}, ReadOnlySpan{T})"/> or <see cref="Jacobian"/>.
/// </summary>
/// <remarks>
/// <para>Storage grows by doubling when needed and is kept across <see cref="Reset"/>, so a warmed-up tape records
/// and sweeps without allocating. A tape is not thread-safe; use one per thread.</para>
/// <para>Adjoints are accumulated with fused multiply-adds in reverse recording order; NaN and ±Inf propagate (a zero
/// adjoint times an infinite local derivative gives NaN, as in forward mode).</para>
/// </remarks>
/// <typeparam name="T">The underlying floating-point type.</typeparam>
public sealed class Tape<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private Edge[] _edges;
    private int[] _edgeEnd;
    private T[] _adjoints = [];
    private int _edgeCount;
    private int _nodeCount;
    private int _lanes;
    private int _sweptNodes;

    /// <summary>Creates an empty tape with room for <paramref name="initialNodes"/> nodes before it first grows.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialNodes"/> is less than 1.</exception>
    public Tape(int initialNodes = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialNodes, 1);
        _edges = new Edge[2 * initialNodes];
        _edgeEnd = new int[initialNodes];
    }

    /// <summary>Number of nodes recorded since the last <see cref="Reset"/>.</summary>
    public int NodeCount => _nodeCount;

    /// <summary>Incremented by every <see cref="Reset"/>; variables from an earlier generation are rejected.</summary>
    internal int Generation { get; private set; }

    /// <summary>Forgets every recorded node (keeping the storage). Variables created before are invalid afterwards.</summary>
    public void Reset()
    {
        _nodeCount = 0;
        _edgeCount = 0;
        _lanes = 0;
        Generation++;
    }

    /// <summary>Records an independent input variable with the given value.</summary>
    public TapeVariable<T> Variable(T value)
    {
        EnsureNodeCapacity();
        _edgeEnd[_nodeCount] = _edgeCount;
        return new TapeVariable<T>(this, _nodeCount++, value);
    }

    /// <summary>Fills <paramref name="variables"/> with new input variables holding <paramref name="values"/>.</summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public void Variables(ReadOnlySpan<T> values, Span<TapeVariable<T>> variables)
    {
        NnGuard.Length(variables.Length, values.Length, nameof(variables), "the values");
        for (int i = 0; i < values.Length; i++)
        {
            variables[i] = Variable(values[i]);
        }
    }

    /// <summary>
    /// Reverse sweep seeded with ∂output/∂output = 1: afterwards <see cref="Adjoint"/> of any variable v is ∂output/∂v.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="output"/> belongs to another tape or an earlier generation.</exception>
    public void Backward(TapeVariable<T> output)
    {
        PrepareLanes(1);
        if (output.IsConstant)
        {
            return;
        }

        CheckOwned(output, nameof(output));
        _adjoints[output.Index] = T.One;
        Sweep(output.Index + 1);
    }

    /// <summary>
    /// Reverse sweep seeded with ∂L/∂outputs[k] = seeds[k] (a vector-Jacobian product): afterwards <see cref="Adjoint"/> of
    /// any variable v is Σₖ seeds[k]·∂outputs[k]/∂v. Repeated outputs accumulate.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    /// <exception cref="InvalidOperationException">An output belongs to another tape or an earlier generation.</exception>
    public void Backward(ReadOnlySpan<TapeVariable<T>> outputs, ReadOnlySpan<T> seeds)
    {
        NnGuard.Length(seeds.Length, outputs.Length, nameof(seeds), "the outputs");
        PrepareLanes(1);
        int end = 0;
        for (int k = 0; k < outputs.Length; k++)
        {
            TapeVariable<T> output = outputs[k];
            if (!output.IsConstant)
            {
                CheckOwned(output, nameof(outputs));
                _adjoints[output.Index] += seeds[k];
                end = Math.Max(end, output.Index + 1);
            }
        }

        Sweep(end);
    }

    /// <summary>
    /// The adjoint of <paramref name="variable"/> from the last single-seed sweep (0 for constants and for variables
    /// recorded after that sweep, which cannot influence its outputs).
    /// </summary>
    /// <exception cref="InvalidOperationException">The variable belongs to another tape or generation, or no single-seed sweep has run.</exception>
    public T Adjoint(TapeVariable<T> variable)
    {
        if (_lanes != 1)
        {
            throw new InvalidOperationException("Adjoint needs a Backward sweep on this tape since its last Reset.");
        }

        if (variable.IsConstant)
        {
            return T.Zero;
        }

        CheckOwned(variable, nameof(variable));
        return variable.Index < _sweptNodes ? _adjoints[variable.Index] : T.Zero;
    }

    /// <summary>
    /// The Jacobian ∂outputs/∂inputs (outputs.Length × inputs.Length) by one reverse sweep carrying one adjoint lane per
    /// output. Constant outputs give zero rows and constant inputs zero columns.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="jacobian"/> is not outputs.Length × inputs.Length.</exception>
    /// <exception cref="InvalidOperationException">A variable belongs to another tape or an earlier generation.</exception>
    public void Jacobian(ReadOnlySpan<TapeVariable<T>> outputs, ReadOnlySpan<TapeVariable<T>> inputs, MatrixView<T> jacobian) =>
        JacobianCore(outputs, inputs, jacobian, absolute: false);

    /// <summary>
    /// The sums over all paths from each input to each output of the products of the
    /// absolute local derivatives: the magnitude that bounds the rounding error of either autodiff mode
    /// (|computed − exact| ≲ path length · u · this sum, Griewank &amp; Walther §3.4). Used by the tests.
    /// </summary>
    internal void AbsolutePathSums(ReadOnlySpan<TapeVariable<T>> outputs, ReadOnlySpan<TapeVariable<T>> inputs, MatrixView<T> sums) =>
        JacobianCore(outputs, inputs, sums, absolute: true);

    private void JacobianCore(ReadOnlySpan<TapeVariable<T>> outputs, ReadOnlySpan<TapeVariable<T>> inputs, MatrixView<T> jacobian, bool absolute)
    {
        if (jacobian.Rows != outputs.Length || jacobian.Cols != inputs.Length)
        {
            NnGuard.ThrowShape(nameof(jacobian),
                $"jacobian is {NnGuard.Shape(jacobian.Rows, jacobian.Cols)} but ∂outputs/∂inputs is {NnGuard.Shape(outputs.Length, inputs.Length)}.");
        }

        int m = outputs.Length;
        if (m == 0)
        {
            return;
        }

        PrepareLanes(m);
        int end = 0;
        for (int k = 0; k < m; k++)
        {
            TapeVariable<T> output = outputs[k];
            if (!output.IsConstant)
            {
                CheckOwned(output, nameof(outputs));
                _adjoints[(output.Index * m) + k] += T.One;
                end = Math.Max(end, output.Index + 1);
            }
        }

        if (absolute)
        {
            SweepLanes<AbsoluteDerivative>(end, m);
        }
        else if (m == 1)
        {
            Sweep(end);
        }
        else
        {
            SweepLanes<SignedDerivative>(end, m);
        }

        for (int j = 0; j < inputs.Length; j++)
        {
            TapeVariable<T> input = inputs[j];
            if (!input.IsConstant)
            {
                CheckOwned(input, nameof(inputs));
            }

            for (int k = 0; k < m; k++)
            {
                jacobian[k, j] = input.IsConstant ? T.Zero : _adjoints[(input.Index * m) + k];
            }
        }

        _lanes = 0; // the lane layout is not the one Adjoint reads
    }

    /// <summary>Appends a node with one operand, which must be a variable of this tape.</summary>
    internal TapeVariable<T> Record(T value, in TapeVariable<T> a, T da)
    {
        EnsureNodeCapacity();
        EnsureEdgeCapacity(1);
        AddEdge(a, da);
        return Close(value);
    }

    /// <summary>Appends a node with two operands; constant operands get no edge.</summary>
    internal TapeVariable<T> Record(T value, in TapeVariable<T> a, T da, in TapeVariable<T> b, T db)
    {
        EnsureNodeCapacity();
        EnsureEdgeCapacity(2);
        AddEdge(a, da);
        AddEdge(b, db);
        return Close(value);
    }

    /// <summary>Appends a node with three operands; constant operands get no edge.</summary>
    internal TapeVariable<T> Record(T value, in TapeVariable<T> a, T da, in TapeVariable<T> b, T db, in TapeVariable<T> c, T dc)
    {
        EnsureNodeCapacity();
        EnsureEdgeCapacity(3);
        AddEdge(a, da);
        AddEdge(b, db);
        AddEdge(c, dc);
        return Close(value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddEdge(in TapeVariable<T> operand, T derivative)
    {
        if (operand.IsConstant)
        {
            return;
        }

        CheckOwned(operand, "operand");
        _edges[_edgeCount++] = new Edge(operand.Index, derivative);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TapeVariable<T> Close(T value)
    {
        _edgeEnd[_nodeCount] = _edgeCount;
        return new TapeVariable<T>(this, _nodeCount++, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckOwned(in TapeVariable<T> v, string name)
    {
        if (!ReferenceEquals(v.Tape, this) || v.Generation != Generation)
        {
            ThrowForeign(name);
        }
    }

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowForeign(string name) =>
        throw new InvalidOperationException(
            $"{name} was recorded on another tape or before this tape's last Reset; variables are valid only on their own tape until it is reset.");

    /// <summary>Zeroes m adjoint lanes for every recorded node.</summary>
    private void PrepareLanes(int m)
    {
        long needed = (long)_nodeCount * m;
        if (_adjoints.Length < needed)
        {
            _adjoints = new T[Math.Max(needed, 2L * _adjoints.Length)];
        }

        _adjoints.AsSpan(0, (int)needed).Clear();
        _lanes = m;
        _sweptNodes = _nodeCount;
    }

    /// <summary>One-lane reverse sweep over nodes [0, end).</summary>
    private void Sweep(int end)
    {
        ref Edge edges = ref MemoryMarshal.GetArrayDataReference(_edges);
        ref T adjoint = ref MemoryMarshal.GetArrayDataReference(_adjoints);
        int e = end == 0 ? 0 : _edgeEnd[end - 1];
        for (int node = end - 1; node >= 0; node--)
        {
            int start = node == 0 ? 0 : _edgeEnd[node - 1];
            T a = Unsafe.Add(ref adjoint, node);
            for (e--; e >= start; e--)
            {
                ref Edge edge = ref Unsafe.Add(ref edges, e);
                ref T target = ref Unsafe.Add(ref adjoint, edge.Parent);
                target = T.FusedMultiplyAdd(edge.Derivative, a, target);
            }

            e = start;
        }
    }

    /// <summary>m-lane reverse sweep over nodes [0, end): lane k of node i lives at adjoints[i·m + k].</summary>
    private void SweepLanes<TWeight>(int end, int m)
        where TWeight : struct, IEdgeWeight
    {
        ref Edge edges = ref MemoryMarshal.GetArrayDataReference(_edges);
        ref T adjoint = ref MemoryMarshal.GetArrayDataReference(_adjoints);
        int e = end == 0 ? 0 : _edgeEnd[end - 1];
        for (int node = end - 1; node >= 0; node--)
        {
            int start = node == 0 ? 0 : _edgeEnd[node - 1];
            ref T a = ref Unsafe.Add(ref adjoint, node * m);
            for (e--; e >= start; e--)
            {
                ref Edge edge = ref Unsafe.Add(ref edges, e);
                ref T target = ref Unsafe.Add(ref adjoint, edge.Parent * m);
                T d = TWeight.Of(edge.Derivative);
                for (int k = 0; k < m; k++)
                {
                    Unsafe.Add(ref target, k) = T.FusedMultiplyAdd(d, Unsafe.Add(ref a, k), Unsafe.Add(ref target, k));
                }
            }

            e = start;
        }
    }

    private void EnsureNodeCapacity()
    {
        if (_nodeCount == _edgeEnd.Length)
        {
            Array.Resize(ref _edgeEnd, 2 * _edgeEnd.Length);
        }
    }

    private void EnsureEdgeCapacity(int count)
    {
        if (_edgeCount + count > _edges.Length)
        {
            Array.Resize(ref _edges, 2 * _edges.Length);
        }
    }

    /// <summary>One recorded operand: the parent node and ∂node/∂parent.</summary>
    private readonly struct Edge(int parent, T derivative)
    {
        public readonly T Derivative = derivative;
        public readonly int Parent = parent;
    }

    /// <summary>How a sweep weighs a recorded local derivative (specialized by the JIT, no branch in the loop).</summary>
    private interface IEdgeWeight
    {
        static abstract T Of(T derivative);
    }

    private readonly struct SignedDerivative : IEdgeWeight
    {
        public static T Of(T derivative) => derivative;
    }

    private readonly struct AbsoluteDerivative : IEdgeWeight
    {
        public static T Of(T derivative) => T.Abs(derivative);
    }
}
