// GemmWorkspace: per-thread packing buffers for gemm, so a call allocates nothing after the
// first one on each thread. Each buffer is a byte array on the pinned object heap (it never
// moves, so raw pointers into it stay valid) and is freed with its thread. Pointers are aligned
// to 64 bytes, a cache line and a 512-bit vector.
using System;
using System.Runtime.CompilerServices;

namespace Hig.Numerics;

internal static unsafe class GemmWorkspace
{
    private const int Alignment = 64;

    [ThreadStatic]
    private static byte[]? t_buffer;

    /// <summary>A 64-byte-aligned scratch area of at least <paramref name="elements"/> elements, owned by the calling thread until its next call.</summary>
    public static T* Rent<T>(int elements)
        where T : unmanaged
    {
        long bytes = ((long)elements * sizeof(T)) + Alignment;
        byte[]? buffer = t_buffer;
        if (buffer is null || buffer.Length < bytes)
        {
            buffer = GC.AllocateUninitializedArray<byte>(checked((int)bytes), pinned: true);
            t_buffer = buffer;
        }

        nint start = (nint)Unsafe.AsPointer(ref buffer[0]);
        nint aligned = (start + (Alignment - 1)) & ~(nint)(Alignment - 1);
        return (T*)aligned;
    }
}
