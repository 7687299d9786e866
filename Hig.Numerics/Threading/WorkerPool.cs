// WorkerPool: a tiny, allocation-free fork-join pool for the opt-in parallelism of the kernels.
//
// Run(p, body, state) executes body(state, t) for t = 0 … p−1: the calling thread takes t = 0 and
// worker thread i takes t = i + 1, each task on exactly one thread (static assignment, so no task
// can run twice), and Run returns when all have finished. Callers split *outputs* between tasks,
// never a reduction, so results do not depend on p.
//
// Invariants: a worker resets its start signal before its task and decrements the pending count
// after it; Run waits for the count to reach zero, so no worker is still inside a task when Run
// returns and no start signal can be lost. One caller at a time owns the pool; a concurrent or
// nested caller simply runs its tasks sequentially on its own thread (same results).
using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Hig.Numerics;

[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The pool lives for the whole process; its events are never released.")]
internal sealed unsafe class WorkerPool
{
    private static readonly Lazy<WorkerPool> s_shared = new(() => new WorkerPool(Math.Max(0, Environment.ProcessorCount - 1)));

    private readonly ManualResetEventSlim[] _start;
    private readonly ManualResetEventSlim _done = new(false);
    private readonly Lock _gate = new();
    private delegate*<void*, int, void> _body;
    private void* _state;
    private int _pending;
    private Exception? _failure;

    private WorkerPool(int workers)
    {
        _start = new ManualResetEventSlim[workers];
        for (int i = 0; i < workers; i++)
        {
            _start[i] = new ManualResetEventSlim(false);
            int index = i;
            var thread = new Thread(() => WorkerLoop(index))
            {
                IsBackground = true,
                Name = $"Hig worker {i + 1}",
            };
            thread.Start();
        }
    }

    /// <summary>The process-wide pool: one worker per processor beyond the first.</summary>
    public static WorkerPool Shared => s_shared.Value;

    /// <summary>The largest useful task count: workers + the calling thread.</summary>
    public int MaxParallelism => _start.Length + 1;

    /// <summary>Runs body(state, t) for t in [0, <paramref name="taskCount"/>) and returns when all are done. <paramref name="taskCount"/> ≤ <see cref="MaxParallelism"/>.</summary>
    public void Run(int taskCount, delegate*<void*, int, void> body, void* state)
    {
        int helpers = Math.Min(taskCount - 1, _start.Length);
        if (helpers <= 0 || !_gate.TryEnter())
        {
            for (int t = 0; t < taskCount; t++)
            {
                body(state, t);
            }

            return;
        }

        try
        {
            _body = body;
            _state = state;
            _failure = null;
            _done.Reset();
            Volatile.Write(ref _pending, helpers);
            for (int i = 0; i < helpers; i++)
            {
                _start[i].Set();
            }

            try
            {
                body(state, 0);
                for (int t = helpers + 1; t < taskCount; t++)
                {
                    body(state, t); // more tasks than threads: the caller takes the rest
                }
            }
            finally
            {
                _done.Wait(); // the workers use the caller's state: never leave before they are done
            }

            if (_failure is { } failure)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }
        }
        finally
        {
            _gate.Exit();
        }
    }

    private void WorkerLoop(int index)
    {
        while (true)
        {
            _start[index].Wait();
            _start[index].Reset();
            try
            {
                _body(_state, index + 1);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            finally
            {
                if (Interlocked.Decrement(ref _pending) == 0)
                {
                    _done.Set();
                }
            }
        }
    }
}
