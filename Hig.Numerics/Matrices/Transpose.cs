namespace Hig.Numerics;

/// <summary>Whether a matrix operand enters a product as stored (<see cref="No"/>) or transposed (<see cref="Yes"/>),
/// as the TRANS arguments of BLAS gemm/gemv.</summary>
public enum Transpose
{
    /// <summary>op(A) = A.</summary>
    No = 0,

    /// <summary>op(A) = Aᵀ.</summary>
    Yes = 1,
}
