// CodePathJson: the "code_path" object of a summary.json — which instruction-set level, vector widths and multiply-add
// the run's kernels took (Hig.Numerics.CodePath). Results are bitwise reproducible only between runs on the same code
// path, so a summary says which one produced it; the object depends on the machine and the build, not on timing.
using System.Text.Json;
using Hig.Numerics;

namespace Hig.Bench.Experiments.Runner.Output;

/// <summary>Writes the "code_path" object.</summary>
internal static class CodePathJson
{
    /// <summary>Writes <c>"code_path": { … }</c> into the open object of <paramref name="json"/>.</summary>
    public static void Write(Utf8JsonWriter json)
    {
        json.WriteStartObject("code_path");
        json.WriteString("architecture", CodePath.Architecture);
        json.WriteString("level", CodePath.Level);
        json.WriteNumber("kernel_vector_bits", CodePath.WidestVectorBits);
        json.WriteNumber("vector_t_bits", CodePath.VectorBits);
        json.WriteBoolean("fused_multiply_add", CodePath.FusedMultiplyAdd);
        json.WriteNumber("vector_registers", CodePath.VectorRegisters);
        json.WriteString("compilation", CodePath.IsAheadOfTimeCompiled ? "nativeaot" : "jit");
        json.WriteString("description", CodePath.Description);
        json.WriteEndObject();
    }
}
