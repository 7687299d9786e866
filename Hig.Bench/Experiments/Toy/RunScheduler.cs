// RunScheduler: which runs a toy invocation does and in what order, the JIT warm-up before them, executing them one
// after another or on --jobs threads, and grouping the results by (λ, optimizer).
// Order: λ, then seed, then optimizer, so the optimizers of one seed run back to back under the same machine load.
// Invariants: results come back in plan order whatever the number of threads; the first exception of any run stops
// the others from starting and is rethrown with its original stack.
using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Hig.Bench.Experiments.Toy;

/// <summary>Plans, warms up, executes and groups the runs of a toy invocation.</summary>
internal static class RunScheduler
{
    /// <summary>Every (λ, seed, optimizer) of <paramref name="settings"/>, λ-major.</summary>
    public static IReadOnlyList<RunSpec> Plan(ToySettings settings)
    {
        var specs = new List<RunSpec>();
        foreach (double lambda in settings.Lambdas)
        {
            foreach (ulong seed in settings.Seeds)
            {
                foreach (OptimizerSettings optimizer in settings.Optimizers)
                {
                    specs.Add(new RunSpec(lambda, optimizer, seed));
                }
            }
        }

        return specs;
    }

    /// <summary>
    /// One discarded run per optimizer (at most <see cref="ToySettings.WarmupIterations"/> steps, never more than an
    /// iteration budget, and <see cref="ToySettings.WarmupSeconds"/>), so the JIT has compiled the hot code before
    /// anything is timed.
    /// </summary>
    public static void WarmUp(ToySettings settings)
    {
        var budget = new RunBudget(Math.Min(settings.WarmupIterations, settings.Budget.Iterations ?? long.MaxValue), settings.WarmupSeconds);
        foreach (OptimizerSettings optimizer in settings.Optimizers)
        {
            ToyRun.Execute(settings, new RunSpec(settings.Lambdas[0], optimizer, settings.Seed), budget, progress: null);
        }
    }

    /// <summary>Runs every spec on <see cref="ToySettings.Jobs"/> threads; results come back in spec order.</summary>
    /// <param name="settings">The settings (budget, jobs).</param>
    /// <param name="specs">The runs.</param>
    /// <param name="progress">Told each run's state on its logged steps (from the run's thread).</param>
    /// <param name="finished">Told each finished run (from the run's thread).</param>
    public static RunResult[] RunAll(ToySettings settings, IReadOnlyList<RunSpec> specs, Action<RunStatus> progress, Action<RunResult> finished)
    {
        var results = new RunResult[specs.Count];
        int next = -1;
        ExceptionDispatchInfo? failure = null;
        void Work()
        {
            try
            {
                for (int i = Interlocked.Increment(ref next); i < specs.Count && Volatile.Read(ref failure) is null; i = Interlocked.Increment(ref next))
                {
                    results[i] = ToyRun.Execute(settings, specs[i], settings.Budget, progress);
                    finished(results[i]);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
            }
        }

        if (settings.Jobs == 1)
        {
            Work();
        }
        else
        {
            var threads = new Thread[settings.Jobs];
            for (int t = 0; t < threads.Length; t++)
            {
                threads[t] = new Thread(Work) { Name = $"toy run {t}", IsBackground = true };
                threads[t].Start();
            }

            foreach (Thread thread in threads)
            {
                thread.Join();
            }
        }

        failure?.Throw();
        return results;
    }

    /// <summary>The results grouped by (λ, optimizer), in settings order, each group's runs in seed order.</summary>
    public static IReadOnlyList<RunGroup> Group(ToySettings settings, IReadOnlyList<RunResult> results)
    {
        var groups = new List<RunGroup>();
        foreach (double lambda in settings.Lambdas)
        {
            foreach (OptimizerSettings optimizer in settings.Optimizers)
            {
                var runs = new List<RunResult>();
                foreach (RunResult run in results)
                {
                    if (run.Spec.Lambda == lambda && run.Spec.Optimizer == optimizer)
                    {
                        runs.Add(run);
                    }
                }

                groups.Add(new RunGroup(lambda, optimizer, runs, settings.Threshold));
            }
        }

        return groups;
    }
}
