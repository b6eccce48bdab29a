package org.cortexsim.network;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A fixed team of threads that run one task per chunk, chunk t on thread t (the caller runs
 * chunk 0), and return when all are done. Hand-offs spin briefly (a step of a 10k-neuron
 * network lasts about 10 us, less than a parked thread takes to wake), then yield, then park.
 * With one thread, the caller runs the task inline. Owns its threads; {@link #close} ends them.
 */
final class StepWorkers implements AutoCloseable {
    private static final int SPINS_BEFORE_YIELD = 20_000;
    private static final int YIELDS_BEFORE_SLEEP = 2_000;

    private final int threads;
    private final Thread[] workers;
    private final AtomicInteger remaining = new AtomicInteger();
    private volatile long generation;
    private volatile IntConsumer task;
    private volatile boolean closed;
    private volatile Throwable failure;
    /** Calls of {@link #run} so far (hand-offs, when there are several threads). */
    private long runs;
    /** Whether the caller runs every chunk itself, in order (the other threads idle). */
    private boolean inline;

    StepWorkers(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int t = 1; t < threads; t++) {
            final int chunk = t;
            Thread w = new Thread(() -> work(chunk), "cortexsim-step-" + t);
            w.setDaemon(true);
            workers[t - 1] = w;
            w.start();
        }
    }

    int threads() {
        return threads;
    }

    /**
     * Makes the caller run every chunk itself, in order ({@code true}), or the chunks run on their
     * threads again; between runs only.
     */
    void inline(boolean onCaller) {
        this.inline = onCaller;
    }

    /** Whether the caller runs every chunk itself ({@link #inline(boolean)}). */
    boolean inline() {
        return inline;
    }

    /** Calls of {@link #run} so far: with several threads, each is one hand-off and one wait for all. */
    long runs() {
        return runs;
    }

    /**
     * Runs {@code task.accept(t)} for every chunk t in [0, threads), in parallel (or in order on
     * the caller, {@link #inline}, and once the team is {@link #close closed}, e.g. a checkpoint
     * saved after the run); returns when all are done.
     */
    void run(IntConsumer task) {
        runs++;
        if (threads == 1 || inline || closed) {
            for (int t = 0; t < threads; t++) {
                task.accept(t);
            }
            return;
        }
        this.task = task;
        remaining.set(threads - 1);
        generation = generation + 1;
        Throwable own = null;
        try {
            task.accept(0);
        } catch (RuntimeException | Error e) {
            own = e;
        }
        int spins = 0;
        while (remaining.get() != 0) {
            spins = pause(spins);
        }
        if (own != null) {
            rethrow(own);
        }
        Throwable f = failure;
        if (f != null) {
            failure = null;
            rethrow(f);
        }
    }

    private static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) t;
    }

    private void work(int chunk) {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (generation == seen && !closed) {
                spins = pause(spins);
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                task.accept(chunk);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            remaining.decrementAndGet();
        }
    }

    private static int pause(int spins) {
        if (spins < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else if (spins < SPINS_BEFORE_YIELD + YIELDS_BEFORE_SLEEP) {
            Thread.yield();
        } else {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000);
        }
        return spins + 1;
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            try {
                w.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
