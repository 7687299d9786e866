using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Hig.Numerics;

/// <summary>
/// The multiply-add a·b + c on generic SIMD vectors, lane by lane exactly as <see cref="Arithmetic.MultiplyAdd{T}"/>:
/// one fused multiply-add instruction where the processor has FMA (<see cref="Arithmetic.IsMultiplyAddFused"/>),
/// otherwise a vector multiply and a vector add. The BCL exposes FusedMultiplyAdd only for the concrete float and
/// double vector types; these helpers dispatch on the element type with JIT-time constant type tests, so each
/// instantiation compiles to one vfmadd (or one multiply and one add) and nothing else.
/// </summary>
internal static class VectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<T> MultiplyAdd<T>(Vector<T> a, Vector<T> b, Vector<T> c)
    {
        if (typeof(T) == typeof(double))
        {
            Vector<double> x = a.As<T, double>(), y = b.As<T, double>(), z = c.As<T, double>();
            return (Arithmetic.IsMultiplyAddFused ? Vector.FusedMultiplyAdd(x, y, z) : (x * y) + z).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            Vector<float> x = a.As<T, float>(), y = b.As<T, float>(), z = c.As<T, float>();
            return (Arithmetic.IsMultiplyAddFused ? Vector.FusedMultiplyAdd(x, y, z) : (x * y) + z).As<float, T>();
        }

        throw new NotSupportedException($"{typeof(T).Name} is not supported; use float or double.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> MultiplyAdd<T>(Vector512<T> a, Vector512<T> b, Vector512<T> c)
    {
        if (typeof(T) == typeof(double))
        {
            Vector512<double> x = a.AsDouble(), y = b.AsDouble(), z = c.AsDouble();
            return (Arithmetic.IsMultiplyAddFused ? Vector512.FusedMultiplyAdd(x, y, z) : (x * y) + z).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            Vector512<float> x = a.AsSingle(), y = b.AsSingle(), z = c.AsSingle();
            return (Arithmetic.IsMultiplyAddFused ? Vector512.FusedMultiplyAdd(x, y, z) : (x * y) + z).As<float, T>();
        }

        throw new NotSupportedException($"{typeof(T).Name} is not supported; use float or double.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> MultiplyAdd<T>(Vector256<T> a, Vector256<T> b, Vector256<T> c)
    {
        if (typeof(T) == typeof(double))
        {
            Vector256<double> x = a.AsDouble(), y = b.AsDouble(), z = c.AsDouble();
            return (Arithmetic.IsMultiplyAddFused ? Vector256.FusedMultiplyAdd(x, y, z) : (x * y) + z).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            Vector256<float> x = a.AsSingle(), y = b.AsSingle(), z = c.AsSingle();
            return (Arithmetic.IsMultiplyAddFused ? Vector256.FusedMultiplyAdd(x, y, z) : (x * y) + z).As<float, T>();
        }

        throw new NotSupportedException($"{typeof(T).Name} is not supported; use float or double.");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> MultiplyAdd<T>(Vector128<T> a, Vector128<T> b, Vector128<T> c)
    {
        if (typeof(T) == typeof(double))
        {
            Vector128<double> x = a.AsDouble(), y = b.AsDouble(), z = c.AsDouble();
            return (Arithmetic.IsMultiplyAddFused ? Vector128.FusedMultiplyAdd(x, y, z) : (x * y) + z).As<double, T>();
        }

        if (typeof(T) == typeof(float))
        {
            Vector128<float> x = a.AsSingle(), y = b.AsSingle(), z = c.AsSingle();
            return (Arithmetic.IsMultiplyAddFused ? Vector128.FusedMultiplyAdd(x, y, z) : (x * y) + z).As<float, T>();
        }

        throw new NotSupportedException($"{typeof(T).Name} is not supported; use float or double.");
    }
}
