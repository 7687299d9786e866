// ParsedArguments: a command line split into flags and their values, checked against the flags a command knows.
// Accepted forms: `--name value`, `--name=value`, and bare switches (`--help`, `-h`). Rejected with a UsageException
// naming the culprit: unknown flags, a flag given twice, a value flag without its value, a value given to a switch,
// and positional arguments (no command here takes any).
using System;
using System.Collections.Generic;

namespace Hig.Bench.Experiments.Cli;

/// <summary>The flags of one command line, after checking them against the flags the command knows.</summary>
public sealed class ParsedArguments
{
    private readonly Dictionary<string, string?> _given = new(StringComparer.Ordinal);

    private ParsedArguments()
    {
    }

    /// <summary>
    /// Splits <paramref name="args"/> into flags. <paramref name="valueFlags"/> take one value each (`--name value` or
    /// `--name=value`); <paramref name="switches"/> take none. Names include their dashes (`--seed`, `-h`).
    /// </summary>
    /// <exception cref="UsageException">An unknown or repeated flag, a missing value, a value after a switch, or a
    /// positional argument.</exception>
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> valueFlags, IReadOnlyCollection<string> switches)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(valueFlags);
        ArgumentNullException.ThrowIfNull(switches);
        var parsed = new ParsedArguments();
        for (int i = 0; i < args.Count; i++)
        {
            string token = args[i];
            if (!token.StartsWith('-') || token.Length < 2)
            {
                throw new UsageException($"unexpected argument '{token}' (flags start with --)");
            }

            int equals = token.IndexOf('=', StringComparison.Ordinal);
            string name = equals < 0 ? token : token[..equals];
            string? inlineValue = equals < 0 ? null : token[(equals + 1)..];
            if (parsed._given.ContainsKey(name))
            {
                throw new UsageException($"{name} is given more than once");
            }

            if (Contains(switches, name))
            {
                if (inlineValue is not null)
                {
                    throw new UsageException($"{name} takes no value");
                }

                parsed._given[name] = null;
            }
            else if (Contains(valueFlags, name))
            {
                string? value = inlineValue;
                if (value is null)
                {
                    if (i + 1 >= args.Count || IsFlag(args[i + 1]))
                    {
                        throw new UsageException($"{name} needs a value");
                    }

                    value = args[++i];
                }

                parsed._given[name] = value;
            }
            else
            {
                throw new UsageException($"unknown flag '{name}'");
            }
        }

        return parsed;
    }

    /// <summary>Whether the flag was given.</summary>
    public bool Has(string name) => _given.ContainsKey(name);

    /// <summary>The value given to a value flag, or null if the flag was not given.</summary>
    public string? Value(string name) => _given.TryGetValue(name, out string? value) ? value : null;

    /// <summary>A token that is a flag rather than a value: "--x" or "-x", but not a negative number such as "-1".</summary>
    private static bool IsFlag(string token) =>
        token.Length >= 2 && token[0] == '-' && !char.IsAsciiDigit(token[1]) && token[1] != '.';

    private static bool Contains(IReadOnlyCollection<string> names, string name)
    {
        foreach (string candidate in names)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
