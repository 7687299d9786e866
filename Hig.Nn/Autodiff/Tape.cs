// Tape: reverse-mode automatic differentiation by recording (Griewank & Walther, "Evaluating Derivatives",
// 2nd ed., ch. 3-4; micrograd's engine; the "Wengert list").
//
// Every operation on TapeVariables appends one node holding its two operands' node indices and the local partial
// derivatives ∂node/∂operand, computed right beside the primal value (ScalarRules). The backward sweep walks the
// nodes in reverse recording order and accumulates
//     adjoint[operand] += ∂node/∂operand · adjoint[node]
// so fan-out (a value used several times) just works, as in micrograd. Nodes are appended in evaluation order, so
// reverse order is a valid reverse topological order.
//
// Layout: fixed-size nodes with exactly two operands. Node 0 is a sink: a missing or constant operand points at
// it with derivative 0, so neither recording nor sweeping branches on the operand count (the sink's adjoint
// collects harmless zeros and is never read). Three-operand multiply-adds are recorded as two nodes: the
// product's partials, then the sum's (∂/∂product = 1 passes the adjoint on exactly), unless one operand is a
// constant.
//
// Several adjoint "lanes" can be swept at once: with m seeds each node carries m adjoints (padded to whole
// vectors), and one sweep yields m vector-Jacobian products (m rows of a Jacobian), reading each node once.
//
// Reuse: Reset() forgets the nodes but keeps the storage, so after the first evaluations have grown the arrays,
// recording allocates nothing.
//
// Recording target: operations record on the thread's active tape, the one on which Reset, Variable or Variables
// was last called on this thread (as JAX's trace context). So a TapeVariable needs no reference to its tape: it is
// a plain 16-byte value (node index, generation, value) that moves in registers and is stored without GC write
// barriers. Every Reset (and every new tape) takes a process-wide unique generation; variables carry it, and an
// operation on a variable whose generation is not the active tape's (a variable from before a Reset, or from
// another tape) throws instead of silently recording a wrong edge.
using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using Hig.Numerics;

namespace Hig.Nn;

/// <summary>
/// A reusable reverse-mode tape. Create input variables with <see cref="Variable"/>, run generic code on
/// <see cref="TapeVariable{T}"/>, then pull cotangents back with <see cref="Backward(TapeVariable{T})"/>,
/// <see cref="Backward(ReadOnlySpan{TapeVariable{T}}, ReadOnlySpan{T})"/> or <see cref="Jacobian"/>.
/// </summary>
/// <remarks>
/// <para>Operations on tape variables record on the thread's active tape: the tape on which <see cref="Reset"/>,
/// <see cref="Variable"/> or <see cref="Variables"/> was last called on the calling thread. Record one computation at
/// a time per thread; a variable from another tape or from before a <see cref="Reset"/> makes an operation throw
/// <see cref="InvalidOperationException"/>.</para>
/// <para>Storage grows by doubling when needed and is kept across <see cref="Reset"/>, so a warmed-up tape records
/// and sweeps without allocating. A tape is not thread-safe; use one per thread.</para>
/// <para>Adjoints are accumulated with multiply-adds (Arithmetic.MultiplyAdd) in reverse recording order; NaN and ±Inf propagate (a zero
/// adjoint times an infinite local derivative gives NaN, as in forward mode).</para>
/// </remarks>
/// <typeparam name="T">The underlying floating-point type.</typeparam>
public sealed class Tape<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Sink = 0;
    private static int s_lastGeneration;

    private Node[] _nodes;
    private T[] _adjoints = [];
    private int _count = 1;
    private int _lanes;
    private int _sweptNodes;

    /// <summary>Creates an empty tape with room for <paramref name="initialNodes"/> nodes before it first grows.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initialNodes"/> is less than 1.</exception>
    public Tape(int initialNodes = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialNodes, 1);
        _nodes = new Node[initialNodes + 1];
        Generation = NewGeneration();
    }

    /// <summary>Number of nodes (input variables and operations) recorded since the last <see cref="Reset"/>.</summary>
    public int NodeCount => _count - 1;

    /// <summary>Process-wide unique per tape and <see cref="Reset"/>; variables of any other generation are rejected.</summary>
    internal int Generation { get; private set; }

    /// <summary>The tape operations record on, on this thread.</summary>
    internal static Tape<T> Active
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            // Thread statics of a generic type need a helper call per access; the non-generic holder's are cheaper.
            object? active = typeof(T) == typeof(double) ? ActiveTapes.Double : typeof(T) == typeof(float) ? ActiveTapes.Single : ActiveTapes.Other;
            return active is null ? ThrowNoActiveTape() : Unsafe.As<Tape<T>>(active);
        }
    }

    /// <summary>
    /// Forgets every recorded node (keeping the storage) and makes this the thread's active tape. Variables created
    /// before are invalid afterwards.
    /// </summary>
    public void Reset()
    {
        _count = 1;
        _lanes = 0;
        Generation = NewGeneration();
        Activate();
    }

    /// <summary>Records an independent input variable with the given value (this becomes the thread's active tape).</summary>
    public TapeVariable<T> Variable(T value)
    {
        Activate();
        return Append(value, Sink, T.Zero, Sink, T.Zero);
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
        SweepLanes<SignedDerivative>(output.Index + 1, 1);
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

        SweepLanes<SignedDerivative>(end, 1);
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
        JacobianCore<SignedDerivative>(outputs, inputs, jacobian);

    /// <summary>
    /// The sums over all paths from each input to each output of the products of the absolute local derivatives: the
    /// magnitude that bounds the rounding error of either autodiff mode (|computed − exact| ≲ path length · u · this
    /// sum, Griewank &amp; Walther §3.4). Used by the tests.
    /// </summary>
    internal void AbsolutePathSums(ReadOnlySpan<TapeVariable<T>> outputs, ReadOnlySpan<TapeVariable<T>> inputs, MatrixView<T> sums) =>
        JacobianCore<AbsoluteDerivative>(outputs, inputs, sums);

    /// <summary>Appends a node with one operand, which must be a variable of this tape.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal TapeVariable<T> Record(T value, in TapeVariable<T> a, T da)
    {
        CheckOwned(a, nameof(a));
        return Append(value, a.Index, da, Sink, T.Zero);
    }

    /// <summary>Appends a node with two operands; a constant operand points at the sink.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal TapeVariable<T> Record(T value, in TapeVariable<T> a, T da, in TapeVariable<T> b, T db) =>
        Append(value, Operand(a), da, Operand(b), db);

    /// <summary>
    /// Appends a·b + c (partials b, a, 1). With at most two variable operands this is one node; with three, two nodes:
    /// the product's partials (b, a), then the sum's (1 for the product, 1 for c).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal TapeVariable<T> RecordMultiplyAdd(T value, in TapeVariable<T> a, in TapeVariable<T> b, in TapeVariable<T> c)
    {
        if (c.IsConstant)
        {
            return Append(value, Operand(a), b.Value, Operand(b), a.Value);
        }

        if (a.IsConstant || b.IsConstant)
        {
            return a.IsConstant ? Append(value, Operand(b), a.Value, Operand(c), T.One) : Append(value, Operand(a), b.Value, Operand(c), T.One);
        }

        int product = Append(value, Operand(a), b.Value, Operand(b), a.Value).Index;
        return Append(value, product, T.One, Operand(c), T.One);
    }

    /// <summary>The operand's node, or the sink for a constant; rejects variables of another tape or generation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Operand(in TapeVariable<T> v)
    {
        if (v.IsConstant)
        {
            return Sink;
        }

        CheckOwned(v, "operand");
        return v.Index;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TapeVariable<T> Append(T value, int p0, T d0, int p1, T d1)
    {
        int node = _count;
        if ((uint)node >= (uint)_nodes.Length)
        {
            Grow();
        }

        Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_nodes), node) = new Node(p0, d0, p1, d1);
        _count = node + 1;
        return new TapeVariable<T>(node, Generation, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckOwned(in TapeVariable<T> v, string name)
    {
        if (v.Generation != Generation)
        {
            ThrowForeign(name);
        }
    }

    /// <summary>
    /// The Jacobians of two computations recorded on two tapes, by one interleaved sweep. A reverse sweep is a chain of
    /// dependent read-modify-writes (each node feeds its operands, often the node just before it), so it runs at the
    /// latency of that chain; walking two independent tapes in step keeps twice as many updates in flight.
    /// </summary>
    internal static void Jacobians(
        Tape<T> first, ReadOnlySpan<TapeVariable<T>> firstOutputs, ReadOnlySpan<TapeVariable<T>> firstInputs, MatrixView<T> firstJacobian,
        Tape<T> second, ReadOnlySpan<TapeVariable<T>> secondOutputs, ReadOnlySpan<TapeVariable<T>> secondInputs, MatrixView<T> secondJacobian)
    {
        int m = firstOutputs.Length;
        if (m != secondOutputs.Length || m > Vector<T>.Count || m < 2 || ReferenceEquals(first, second))
        {
            first.Jacobian(firstOutputs, firstInputs, firstJacobian);
            second.Jacobian(secondOutputs, secondInputs, secondJacobian);
            return;
        }

        int width = Vector<T>.Count;
        int firstEnd = first.SeedLanes(firstOutputs, firstInputs, firstJacobian, width);
        int secondEnd = second.SeedLanes(secondOutputs, secondInputs, secondJacobian, width);
        ref Node firstNodes = ref MemoryMarshal.GetArrayDataReference(first._nodes);
        ref T firstAdjoint = ref MemoryMarshal.GetArrayDataReference(first._adjoints);
        ref Node secondNodes = ref MemoryMarshal.GetArrayDataReference(second._nodes);
        ref T secondAdjoint = ref MemoryMarshal.GetArrayDataReference(second._adjoints);
        for (int i = Math.Max(firstEnd, secondEnd) - 1; i > Sink; i--)
        {
            if (i < firstEnd)
            {
                SweepVectorNode<SignedDerivative>(ref firstNodes, ref firstAdjoint, i);
            }

            if (i < secondEnd)
            {
                SweepVectorNode<SignedDerivative>(ref secondNodes, ref secondAdjoint, i);
            }
        }

        first.ExtractLanes(firstInputs, firstJacobian, width);
        second.ExtractLanes(secondInputs, secondJacobian, width);
    }

    private void JacobianCore<TWeight>(ReadOnlySpan<TapeVariable<T>> outputs, ReadOnlySpan<TapeVariable<T>> inputs, MatrixView<T> jacobian)
        where TWeight : struct, IEdgeWeight
    {
        int m = outputs.Length;
        if (m == 0)
        {
            NnGuard.MatrixShape(jacobian.Rows, jacobian.Cols, 0, inputs.Length, nameof(jacobian), "∂outputs/∂inputs");
            return;
        }

        // Lanes are padded to whole vectors so the sweep moves one node's adjoints with vector operations.
        int stride = m == 1 ? 1 : (m + Vector<T>.Count - 1) / Vector<T>.Count * Vector<T>.Count;
        int end = SeedLanes(outputs, inputs, jacobian, stride);
        SweepLanes<TWeight>(end, stride);
        ExtractLanes(inputs, jacobian, stride);
    }

    /// <summary>Checks the shapes, zeroes the lanes and seeds lane k of output k with 1; returns the sweep's end.</summary>
    private int SeedLanes(ReadOnlySpan<TapeVariable<T>> outputs, ReadOnlySpan<TapeVariable<T>> inputs, MatrixView<T> jacobian, int stride)
    {
        NnGuard.MatrixShape(jacobian.Rows, jacobian.Cols, outputs.Length, inputs.Length, nameof(jacobian), "∂outputs/∂inputs");
        PrepareLanes(stride);
        int end = 0;
        for (int k = 0; k < outputs.Length; k++)
        {
            TapeVariable<T> output = outputs[k];
            if (!output.IsConstant)
            {
                CheckOwned(output, nameof(outputs));
                _adjoints[(output.Index * stride) + k] += T.One;
                end = Math.Max(end, output.Index + 1);
            }
        }

        return end;
    }

    /// <summary>jacobian[k, j] ← lane k of input j (0 for constant inputs).</summary>
    private void ExtractLanes(ReadOnlySpan<TapeVariable<T>> inputs, MatrixView<T> jacobian, int stride)
    {
        ref T destination = ref MemoryMarshal.GetReference(jacobian.Span);
        ref T adjoint = ref MemoryMarshal.GetArrayDataReference(_adjoints);
        for (int j = 0; j < inputs.Length; j++)
        {
            TapeVariable<T> input = inputs[j];
            if (!input.IsConstant)
            {
                CheckOwned(input, nameof(inputs));
            }

            ref T lanes = ref Unsafe.Add(ref adjoint, input.IsConstant ? Sink : input.Index * stride);
            for (int k = 0; k < jacobian.Rows; k++)
            {
                Unsafe.Add(ref destination, (k * jacobian.RowStride) + j) = input.IsConstant ? T.Zero : Unsafe.Add(ref lanes, k);
            }
        }

        _lanes = 0; // the lane layout is not the one Adjoint reads
    }

    /// <summary>Zeroes <paramref name="stride"/> adjoint lanes for every recorded node.</summary>
    private void PrepareLanes(int stride)
    {
        long needed = (long)_count * stride;
        if (_adjoints.Length < needed)
        {
            _adjoints = new T[Math.Max(needed, 2L * _adjoints.Length)];
        }

        _adjoints.AsSpan(0, (int)needed).Clear();
        _lanes = stride;
        _sweptNodes = _count;
    }

    /// <summary>
    /// Reverse sweep over nodes [1, end): lane k of node i lives at adjoints[i·stride + k]. A stride of 1 or a whole
    /// number of vectors: then each operand receives the node's lanes by vector multiply-adds.
    /// </summary>
    private void SweepLanes<TWeight>(int end, int stride)
        where TWeight : struct, IEdgeWeight
    {
        ref Node nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref T adjoint = ref MemoryMarshal.GetArrayDataReference(_adjoints);
        if (stride == 1)
        {
            for (int i = end - 1; i > Sink; i--)
            {
                ref Node node = ref Unsafe.Add(ref nodes, i);
                T a = Unsafe.Add(ref adjoint, i);
                ref T t0 = ref Unsafe.Add(ref adjoint, node.P0);
                t0 = Arithmetic.MultiplyAdd(TWeight.Of(node.D0), a, t0);
                ref T t1 = ref Unsafe.Add(ref adjoint, node.P1);
                t1 = Arithmetic.MultiplyAdd(TWeight.Of(node.D1), a, t1);
            }

            return;
        }

        int width = Vector<T>.Count;
        if (stride == width)
        {
            // One vector of lanes per node (up to 4 outputs in double, 8 in float on 256-bit vectors): no inner loop.
            for (int i = end - 1; i > Sink; i--)
            {
                SweepVectorNode<TWeight>(ref nodes, ref adjoint, i);
            }

            return;
        }

        for (int i = end - 1; i > Sink; i--)
        {
            ref Node node = ref Unsafe.Add(ref nodes, i);
            ref T a = ref Unsafe.Add(ref adjoint, i * stride);
            ref T t0 = ref Unsafe.Add(ref adjoint, node.P0 * stride);
            ref T t1 = ref Unsafe.Add(ref adjoint, node.P1 * stride);
            var d0 = new Vector<T>(TWeight.Of(node.D0));
            var d1 = new Vector<T>(TWeight.Of(node.D1));
            for (int k = 0; k < stride; k += width)
            {
                Vector<T> ak = Vector.LoadUnsafe(ref a, (nuint)k);
                VectorMath.MultiplyAdd(d0, ak, Vector.LoadUnsafe(ref t0, (nuint)k)).StoreUnsafe(ref t0, (nuint)k);
                VectorMath.MultiplyAdd(d1, ak, Vector.LoadUnsafe(ref t1, (nuint)k)).StoreUnsafe(ref t1, (nuint)k);
            }
        }
    }

    /// <summary>Node i passes its one vector of adjoint lanes on to its two operands.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SweepVectorNode<TWeight>(ref Node nodes, ref T adjoint, int i)
        where TWeight : struct, IEdgeWeight
    {
        int width = Vector<T>.Count;
        ref Node node = ref Unsafe.Add(ref nodes, i);
        Vector<T> a = Vector.LoadUnsafe(ref adjoint, (nuint)(i * width));
        ref T t0 = ref Unsafe.Add(ref adjoint, node.P0 * width);
        VectorMath.MultiplyAdd(new Vector<T>(TWeight.Of(node.D0)), a, Vector.LoadUnsafe(ref t0)).StoreUnsafe(ref t0);
        ref T t1 = ref Unsafe.Add(ref adjoint, node.P1 * width);
        VectorMath.MultiplyAdd(new Vector<T>(TWeight.Of(node.D1)), a, Vector.LoadUnsafe(ref t1)).StoreUnsafe(ref t1);
    }

    /// <summary>Makes this the thread's active tape (the holder field matching T only ever holds a Tape&lt;T&gt;).</summary>
    private void Activate()
    {
        if (typeof(T) == typeof(double))
        {
            ActiveTapes.Double = this;
        }
        else if (typeof(T) == typeof(float))
        {
            ActiveTapes.Single = this;
        }
        else
        {
            ActiveTapes.Other = this;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow() => Array.Resize(ref _nodes, 2 * _nodes.Length);

    private static int NewGeneration() => Interlocked.Increment(ref s_lastGeneration);

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static Tape<T> ThrowNoActiveTape() =>
        throw new InvalidOperationException("No tape is recording on this thread; create variables with Tape.Variable first.");

    [DoesNotReturn, MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowForeign(string name) =>
        throw new InvalidOperationException(
            $"{name} was recorded on another tape or before this tape's last Reset; variables are valid only on their own tape until it is reset.");

    /// <summary>One recorded operation: its two operands (the sink when absent) and ∂node/∂operand.</summary>
    private readonly struct Node(int p0, T d0, int p1, T d1)
    {
        public readonly T D0 = d0;
        public readonly T D1 = d1;
        public readonly int P0 = p0;
        public readonly int P1 = p1;
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

/// <summary>The active tape of each thread, per element type, in a non-generic class (see <see cref="Tape{T}.Active"/>).</summary>
internal static class ActiveTapes
{
    [ThreadStatic]
    internal static object? Double;

    [ThreadStatic]
    internal static object? Single;

    [ThreadStatic]
    internal static object? Other;
}
