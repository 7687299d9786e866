// ReductionBuffers: the vectors every reduction route keeps for an order-k problem — the bidiagonal (d, e) and the
// scalar factors of the reflectors of the bidiagonalization (τq, τp) and of the QR/LQ pre-step (τ).
using System;
using System.Numerics;

namespace Hig.Numerics;

internal readonly ref struct ReductionBuffers<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Carves five vectors of length <paramref name="k"/>.</summary>
    public ReductionBuffers(scoped ref WorkspaceCarver<T> carver, int k)
    {
        D = carver.Take(k);
        E = carver.Take(k);
        TauQ = carver.Take(k);
        TauP = carver.Take(k);
        TauQr = carver.Take(k);
    }

    /// <summary>The diagonal of B; the singular values (up to sign) after the bidiagonal QR.</summary>
    public Span<T> D { get; }

    /// <summary>The superdiagonal of B (its first k − 1 entries are used).</summary>
    public Span<T> E { get; }

    /// <summary>τ of the left reflectors of the bidiagonalization.</summary>
    public Span<T> TauQ { get; }

    /// <summary>τ of the right reflectors of the bidiagonalization.</summary>
    public Span<T> TauP { get; }

    /// <summary>τ of the QR/LQ pre-step.</summary>
    public Span<T> TauQr { get; }
}
