using System.Numerics;
using Hig.Numerics;

namespace Hig.Optim;

/// <summary>Diagnostics of one successful optimizer step.</summary>
/// <param name="StepNorm">‖Δθ‖₂, the length of the update actually applied.</param>
/// <param name="Spectrum">For least-squares optimizers: the singular-value summary of J (σ_max, smallest kept σ, kept
/// rank, threshold); null for first-order optimizers.</param>
/// <typeparam name="T">The floating-point type.</typeparam>
public readonly record struct StepReport<T>(T StepNorm, KappaPowerSummary<T>? Spectrum)
    where T : unmanaged, IFloatingPointIeee754<T>;
