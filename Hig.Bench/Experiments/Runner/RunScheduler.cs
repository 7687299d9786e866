// RunScheduler: which runs an invocation does and in what order, the JIT warm-up before them, executing them one after
// another or on --jobs threads, and grouping the results by (case, optimizer).
// Order: case, then seed, then optimizer, so the optimizers of one seed run back to back under the same machine load.
// Invariants: results come back in plan order whatever the number of threads; the first exception of any run stops
// the others from starting and is rethrown with its original stack.
using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Hig.Bench.Experiments.Runner;

/// <summary>Plans, warms up, executes and groups the runs of an invocation.</summary>
internal static class RunScheduler
{
    /// <summary>Every (case, seed, optimizer) of <paramref name="settings"/>, case-major.</summary>
    public static IReadOnlyList<RunSpec> Plan(Experiment experiment, RunnerSettings settings)
    {
        var specs = new List<RunSpec>();
        foreach (IExperimentCase @case in settings.Cases)
        {
            IReadOnlyList<OptimizerSettings> optimizers = settings.OptimizersFor(experiment, @case);
            foreach (ulong seed in settings.Seeds)
            {
                foreach (OptimizerSettings optimizer in optimizers)
                {
                    specs.Add(new RunSpec(@case, optimizer, seed));
                }
            }
        }

        return specs;
    }

    /// <summary>
    /// One discarded run per optimizer on each warm-up case (at most <see cref="Experiment.WarmupIterations"/> steps,
    /// never more than an iteration budget, and <see cref="Experiment.WarmupSeconds"/>), so the JIT has compiled the
    /// hot code before anything is timed. A grid warms up each optimizer once, with its settings' own values.
    /// </summary>
    public static void WarmUp(Experiment experiment, RunnerSettings settings)
    {
        var budget = new RunBudget(Math.Min(experiment.WarmupIterations, settings.Budget.Iterations ?? long.MaxValue), experiment.WarmupSeconds);
        RunnerSettings plain = settings with { Grid = false };
        foreach (IExperimentCase @case in experiment.WarmUpCases(settings))
        {
            foreach (OptimizerSettings optimizer in plain.OptimizersFor(experiment, @case))
            {
                TrainingRun.Execute(experiment, settings, new RunSpec(@case, optimizer, settings.Seed), budget, progress: null);
            }
        }
    }

    /// <summary>Runs every spec on <see cref="RunnerSettings.Jobs"/> threads; results come back in spec order.</summary>
    /// <param name="experiment">The problem.</param>
    /// <param name="settings">The settings (budget, jobs, precision).</param>
    /// <param name="specs">The runs.</param>
    /// <param name="progress">Told each run's state on its logged steps (from the run's thread).</param>
    /// <param name="finished">Told each finished run (from the run's thread).</param>
    public static RunResult[] RunAll(Experiment experiment, RunnerSettings settings, IReadOnlyList<RunSpec> specs, Action<RunStatus> progress,
        Action<RunResult> finished)
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
                    results[i] = TrainingRun.Execute(experiment, settings, specs[i], settings.Budget, progress);
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
                threads[t] = new Thread(Work) { Name = $"{experiment.Name} run {t}", IsBackground = true };
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

    /// <summary>The results grouped by (case, optimizer), in plan order, each group's runs in seed order.</summary>
    public static IReadOnlyList<RunGroup> Group(Experiment experiment, RunnerSettings settings, IReadOnlyList<RunResult> results)
    {
        var groups = new List<RunGroup>();
        foreach (IExperimentCase @case in settings.Cases)
        {
            foreach (OptimizerSettings optimizer in settings.OptimizersFor(experiment, @case))
            {
                var runs = new List<RunResult>();
                foreach (RunResult run in results)
                {
                    if (run.Spec.Case.Equals(@case) && run.Spec.Optimizer == optimizer)
                    {
                        runs.Add(run);
                    }
                }

                groups.Add(new RunGroup(@case, optimizer, runs, experiment.Threshold(@case), experiment.FollowsValidation));
            }
        }

        return groups;
    }
}
