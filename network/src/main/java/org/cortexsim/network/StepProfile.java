package org.cortexsim.network;

import java.util.Locale;

/**
 * Where the step loop's wall time went, per phase and per stepping thread, as measured by a
 * simulation run with {@link Simulation#enableProfile()}: {@code System.nanoTime()} at the
 * boundaries of the phases of every block and step (about 25 ns a reading on this machine, so
 * a profiled run is slightly slower than an unprofiled one, which takes no reading at all).
 *
 * <p>Phases (see {@link Simulation} for the step order): {@link Phase#PROPAGATE} adds the
 * arrivals queued for the step and delivers the step's spikes to the thread's targets through
 * the static projections; {@link Phase#PLASTICITY} is the plastic projections' work: the
 * arrivals at the thread's plastic synapses (delivery and rule updates) and the updates for its
 * neurons' new spikes, plus, on the calling thread (thread 0), the serial presynaptic updates
 * before the parallel phase (0 without plastic projections); {@link Phase#INPUT} emits Poisson spikes and runs the synapse kernels and current inputs that
 * are not summed inside the Euler pass; {@link Phase#INTEGRATE} is the Euler pass, which also
 * forms I_n from the held-back terms and checks the new samples against the peak (so the
 * threshold test of the next step is part of it); {@link Phase#DETECT} collects the chunks'
 * spikes into the step's list and {@link Phase#RECORD} runs the listeners, both on the calling
 * thread (thread 0) while the others wait; {@link Phase#WAIT} is the rest of the loop's wall
 * time for that thread: hand-offs, waiting for the slower chunk and for the serial phases, and
 * the stop check. Per thread the phases add up to the loop's wall time.
 *
 * <p>Each thread writes only its own slots (spread over cache lines). Read it after the run.
 */
public final class StepProfile {
    /** The phases of a step, as timed. */
    public enum Phase {
        PROPAGATE, PLASTICITY, INPUT, INTEGRATE, DETECT, RECORD, WAIT
    }

    private static final int STRIDE = 16;
    private final int threads;
    /** Nanoseconds of thread t in phase p at {@code t * STRIDE + p.ordinal()}. */
    final long[] nanos;
    private long loopNanos;
    private long steps;
    private long handOffs;

    StepProfile(int threads) {
        this.threads = threads;
        this.nanos = new long[threads * STRIDE];
    }

    static int slot(int thread, Phase phase) {
        return thread * STRIDE + phase.ordinal();
    }

    void finish(long loopNanos, long steps, long handOffs) {
        this.loopNanos = loopNanos;
        this.steps = steps;
        this.handOffs = handOffs;
        for (int t = 0; t < threads; t++) {
            long busy = 0;
            for (Phase p : Phase.values()) {
                if (p != Phase.WAIT) {
                    busy += nanos[slot(t, p)];
                }
            }
            nanos[slot(t, Phase.WAIT)] = Math.max(0, loopNanos - busy);
        }
    }

    public int threads() {
        return threads;
    }

    /** Steps taken in the profiled run. */
    public long steps() {
        return steps;
    }

    /**
     * Times the loop set the chunks to work (with several threads, hand-offs): one per step, one
     * per window of steps in windowed stepping, plus extra phases (shared plastic updates).
     */
    public long handOffs() {
        return handOffs;
    }

    /** Wall time of the profiled loop, ns. */
    public long loopNanos() {
        return loopNanos;
    }

    /** Time thread {@code thread} spent in {@code phase}, ns. */
    public long nanos(int thread, Phase phase) {
        return nanos[slot(thread, phase)];
    }

    /** A table: one row per thread, per phase the seconds and the share of the loop's wall time. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-7s", "thread"));
        for (Phase p : Phase.values()) {
            b.append(String.format(Locale.ROOT, " %17s", p.name().toLowerCase(Locale.ROOT)));
        }
        b.append('\n');
        for (int t = 0; t < threads; t++) {
            b.append(String.format(Locale.ROOT, "%-7d", t));
            for (Phase p : Phase.values()) {
                long ns = nanos(t, p);
                b.append(String.format(Locale.ROOT, " %9.4f s %5.1f%%", ns / 1e9, 100.0 * ns / Math.max(1, loopNanos)));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
