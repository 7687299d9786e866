using System;

namespace Hig.Bench.Experiments.Cli;

/// <summary>
/// A command line that cannot be run: an unknown flag, a missing or malformed value, or values that contradict each
/// other. The message is the complete one-line error shown to the user (the command exits with code 2).
/// </summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public UsageException()
        : this("invalid command line")
    {
    }

    /// <summary>Creates the exception with the one-line message shown to the user.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
