package org.cortexsim.core;

import java.util.List;

/**
 * The forward-Euler pass over the state of a {@link Neurons}, bound to one {@link TimeGrid}: the
 * constants derived from dt are computed once per population when the integrator is made
 * ({@link EulerConstants}), as a synapse model's kernel is bound to dt, never per call. See
 * {@link EulerPass} for the equations and the operation order; populations run on the Vector API
 * kernels when {@link Kernels} selects them (same results, bit for bit).
 *
 * <p>Owns the choice of kernel per population and whether the pass keeps I_n in
 * {@code neurons.current} ({@link #keepCurrent}). Spike source populations have no dynamics: the
 * pass skips them (their v and u stay as they are; their spikes come from their
 * {@link SpikeSchedule}). Allocates nothing per call.
 */
public final class EulerIntegrator {
    private final Neurons neurons;
    private final TimeGrid grid;
    private final Population[] populations;
    /** By population index: its pass bound to the grid's dt (null for a spike source). */
    private final EulerConstants[] constants;
    /** Whether the pass that forms I_n from a {@link CurrentSum} also stores it. */
    private boolean keepCurrent = true;

    /** The Euler pass of {@code neurons} with the time step of {@code grid}. */
    public EulerIntegrator(Neurons neurons, TimeGrid grid) {
        this.neurons = neurons;
        this.grid = grid;
        List<Population> pops = neurons.populations();
        this.populations = pops.toArray(new Population[0]);
        this.constants = new EulerConstants[populations.length];
        for (int k = 0; k < populations.length; k++) {
            constants[k] = populations[k].isSpikeSource() ? null : EulerConstants.of(populations[k], grid.dtMs());
        }
    }

    public Neurons neurons() {
        return neurons;
    }

    public TimeGrid grid() {
        return grid;
    }

    /**
     * Whether {@code current} must hold I_n after {@link #integrateAndDetect(CurrentSum,
     * SpikeBuffer)} (the default). Off, a pass that sums the held-back terms itself may leave a
     * partial sum there and save storing I_n: for runs in which nothing reads I_n after the step
     * (no recorder of I). States and spikes are the same either way.
     */
    public void keepCurrent(boolean keep) {
        this.keepCurrent = keep;
    }

    /**
     * Takes one Euler step for neurons {@code [from, to)} with the input {@code current}. Neurons
     * at or above the peak reset instead.
     */
    public void integrate(int from, int to) {
        pass(from, to, null);
    }

    /**
     * {@link #integrate} followed by {@link Neurons#detectSpikes} on the new samples, in one pass
     * where the vector kernels run (the new v is compared while still in a register): the same
     * state and the same spikes, in the same order, as the two calls.
     */
    public void integrateAndDetect(int from, int to, SpikeBuffer spikes) {
        pass(from, to, spikes);
    }

    /**
     * One Euler step for neurons {@code [from, to)}, population by population (spike sources
     * skipped), each followed by its spike detection when {@code spikes} is not null.
     */
    private void pass(int from, int to, SpikeBuffer spikes) {
        for (int k = 0; k < populations.length; k++) {
            final Population p = populations[k];
            final int lo = Math.max(from, p.offset());
            final int hi = Math.min(to, p.end());
            if (lo >= hi || p.isSpikeSource()) {
                continue;
            }
            if (onVectorKernels(p)) {
                vectorPass(k, lo, hi, spikes, null, false);
                continue;
            }
            if (p.isHeterogeneous()) {
                EulerPass.heterogeneous(neurons.v, neurons.u, neurons.current, lo, hi, constants[k]);
            } else {
                EulerPass.uniform(neurons.v, neurons.u, neurons.current, lo, hi, constants[k]);
            }
            if (spikes != null) {
                neurons.detectSpikes(lo, hi, spikes);
            }
        }
    }

    /**
     * Completes I_n from {@code sum} (see {@link CurrentSum}) over its block and then does as
     * {@link #integrateAndDetect(int, int, SpikeBuffer)} on that block, ending the block. Where
     * the block lies in one population and the vector kernels run, the held-back terms are summed
     * inside the Euler pass itself: the same I_n (left in {@code current} unless
     * {@link #keepCurrent} is off), state and spikes as {@link CurrentSum#finish()} followed by the
     * pass.
     */
    public void integrateAndDetect(CurrentSum sum, SpikeBuffer spikes) {
        if (sum.array() != neurons.current) {
            throw new IllegalArgumentException("the sum must be begun on the current array of these neurons");
        }
        final int from = sum.from();
        final int to = sum.to();
        if (from < to && Kernels.vector()) {
            final int k = populationIndexOf(from);
            if (to <= populations[k].end() && onVectorKernels(populations[k])) {
                vectorPass(k, from, to, spikes, sum, keepCurrent);
                return;
            }
        }
        sum.finish();
        integrateAndDetect(from, to, spikes);
    }

    /** Index of the population holding state index {@code index}. */
    private int populationIndexOf(int index) {
        for (int k = 0; k < populations.length; k++) {
            if (index < populations[k].end()) {
                return k;
            }
        }
        throw new IndexOutOfBoundsException("neuron index " + index + " of " + neurons.size());
    }

    /** Whether population {@code p} is stepped by the Vector API kernels. */
    private static boolean onVectorKernels(Population p) {
        return Kernels.vector() && !p.isSpikeSource()
                && (!p.isHeterogeneous() || VectorEulerPass.handlesHeterogeneous());
    }

    /** The vector pass over {@code [from, to)} of population {@code k}: see {@link VectorEulerPass}. */
    private void vectorPass(int k, int from, int to, SpikeBuffer spikes, CurrentSum sum, boolean storeCurrent) {
        if (populations[k].isHeterogeneous()) {
            VectorEulerPass.heterogeneous(neurons.v, neurons.u, neurons.current, from, to, constants[k], spikes, sum,
                    storeCurrent);
        } else {
            VectorEulerPass.uniform(neurons.v, neurons.u, neurons.current, from, to, constants[k], spikes, sum,
                    storeCurrent);
        }
    }
}
