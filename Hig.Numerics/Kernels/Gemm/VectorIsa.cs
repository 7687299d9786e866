// VectorIsa: the few SIMD operations the gemm micro-kernel needs, as static abstract members of
// a struct type parameter. The JIT specializes generic code for each struct argument, so the
// single micro-kernel source compiles into a 512-, 256- and 128-bit kernel with no indirection
// (the TensorPrimitives technique). Every multiply-add is Arithmetic.MultiplyAdd's: fused where the hardware has FMA.
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Hig.Numerics;

/// <summary>SIMD operations on a vector type <typeparamref name="TVec"/> of <typeparamref name="T"/> lanes.</summary>
internal unsafe interface IVectorIsa<T, TVec>
    where T : unmanaged
    where TVec : struct
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>True when the JIT maps this width to hardware instructions.</summary>
    static abstract bool IsHardwareAccelerated { get; }

    static abstract TVec Zero { get; }

    static abstract TVec Load(T* source);

    static abstract void Store(TVec value, T* destination);

    /// <summary>Loads a vector from <paramref name="source"/> + <paramref name="elementOffset"/> elements (managed reference, unaligned).</summary>
    static abstract TVec LoadUnsafe(ref T source, nuint elementOffset);

    /// <summary>Stores <paramref name="value"/> at <paramref name="destination"/> (managed reference, unaligned).</summary>
    static abstract void StoreUnsafe(TVec value, ref T destination);

    static abstract TVec Broadcast(T* source);

    static abstract TVec Broadcast(T value);

    static abstract TVec Multiply(TVec left, TVec right);

    /// <summary>a·b + c, lane by lane as <see cref="Arithmetic.MultiplyAdd{T}"/> (fused where the hardware has FMA).</summary>
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec c);
}

/// <summary>512-bit vectors (AVX-512).</summary>
internal readonly unsafe struct Isa512<T> : IVectorIsa<T, Vector512<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(T* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, T* destination) => Vector512.Store(value, destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LoadUnsafe(ref T source, nuint elementOffset) => Vector512.LoadUnsafe(ref source, elementOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(Vector512<T> value, ref T destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T* source) => Vector512.Create(*source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> left, Vector512<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c) => VectorMath.MultiplyAdd(a, b, c);
}

/// <summary>256-bit vectors (AVX2).</summary>
internal readonly unsafe struct Isa256<T> : IVectorIsa<T, Vector256<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;

    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    public static Vector256<T> Zero => Vector256<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(T* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, T* destination) => Vector256.Store(value, destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LoadUnsafe(ref T source, nuint elementOffset) => Vector256.LoadUnsafe(ref source, elementOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(Vector256<T> value, ref T destination) => value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T* source) => Vector256.Create(*source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> left, Vector256<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c) => VectorMath.MultiplyAdd(a, b, c);
}

/// <summary>128-bit vectors (SSE / NEON); also the portable fallback.</summary>
internal readonly unsafe struct Isa128<T> : IVectorIsa<T, Vector128<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector128<T>.Count;

    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    public static Vector128<T> Zero => Vector128<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(T* source) => Vector128.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, T* destination) => Vector128.Store(value, destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LoadUnsafe(ref T source, nuint elementOffset) => Vector128.LoadUnsafe(ref source, elementOffset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreUnsafe(Vector128<T> value, ref T destination) => value.StoreUnsafe(ref destination);

    /// <summary>
    /// One element broadcast from memory: for double one movddup (SSE3) rather than the load and shuffle NativeAOT emits
    /// for <c>Vector128.Create(*source)</c> (which measured 7–13 % slower in gemm's micro-kernel than the JIT's code).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(T* source) =>
        typeof(T) == typeof(double) && Sse3.IsSupported ? Sse3.LoadAndDuplicateToVector128((double*)source).As<double, T>() : Vector128.Create(*source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Multiply(Vector128<T> left, Vector128<T> right) => left * right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd(Vector128<T> a, Vector128<T> b, Vector128<T> c) => VectorMath.MultiplyAdd(a, b, c);
}
