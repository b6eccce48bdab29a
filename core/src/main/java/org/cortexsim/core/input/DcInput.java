package org.cortexsim.core.input;

import org.cortexsim.core.ArrayOps;
import org.cortexsim.core.CurrentSum;
import org.cortexsim.core.Population;

/**
 * A constant current (pA) into the selected neurons of a population ({@link TargetNeurons}; by
 * default all of them), on the steps {@code n} with {@code startStep <= n < stopStep}: the
 * notebook's DC step. Amplitudes are one value for the population or one per neuron of the
 * population's slice (a quenched DC bias; unselected neurons' values are ignored). Neurons not
 * selected get nothing from this input.
 */
public final class DcInput implements Input {
    private final TargetNeurons targets;
    private final double amplitude;
    private final double[] amplitudes;
    private final StepWindow window;

    /** @param amplitudes per-neuron amplitudes in pA, one per neuron of {@code target} */
    public DcInput(Population target, double[] amplitudes, long startStep, long stopStep) {
        this(TargetNeurons.all(target), amplitudes, startStep, stopStep);
    }

    /** @param amplitude the current in pA for every neuron of {@code target} */
    public DcInput(Population target, double amplitude, long startStep, long stopStep) {
        this(TargetNeurons.all(target), amplitude, null, startStep, stopStep);
    }

    /** @param amplitudes per-neuron amplitudes in pA, one per neuron of the targets' population (slice) */
    public DcInput(TargetNeurons targets, double[] amplitudes, long startStep, long stopStep) {
        this(targets, 0.0, amplitudes.clone(), startStep, stopStep);
        Population target = targets.population();
        if (amplitudes.length != target.size()) {
            throw new IllegalArgumentException("DC input to '" + target.name() + "': " + amplitudes.length
                    + " amplitudes for " + target.size() + " neurons");
        }
    }

    /** @param amplitude the current in pA for every selected neuron */
    public DcInput(TargetNeurons targets, double amplitude, long startStep, long stopStep) {
        this(targets, amplitude, null, startStep, stopStep);
    }

    private DcInput(TargetNeurons targets, double amplitude, double[] amplitudes, long startStep, long stopStep) {
        this.window = new StepWindow(startStep, stopStep);
        this.targets = targets;
        this.amplitude = amplitude;
        this.amplitudes = amplitudes;
    }

    @Override
    public boolean touches(long step, int from, int to) {
        return window.contains(step) && targets.overlaps(from, to);
    }

    @Override
    public void contribute(long step, CurrentSum sum) {
        if (!touches(step, sum.from(), sum.to())) {
            return;
        }
        if (amplitudes != null && targets.isRange()
                && targets.from() <= sum.from() && sum.to() <= targets.to()) {
            sum.add(amplitudes, sum.from() - targets.population().offset(), false);
            return;
        }
        addCurrent(step, sum.current(), sum.from(), sum.to());
    }

    @Override
    public void addCurrent(long step, double[] current, int from, int to) {
        if (!window.contains(step)) {
            return;
        }
        if (amplitudes == null) {
            targets.addToEach(current, from, to, amplitude);
            return;
        }
        final int offset = targets.population().offset();
        if (targets.isRange()) {
            final int lo = Math.max(from, targets.from());
            final int hi = Math.min(to, targets.to());
            if (lo < hi) {
                // I += amplitude of each neuron
                ArrayOps.add(current, lo, amplitudes, lo - offset, hi - lo);
            }
            return;
        }
        final int[] idx = targets.indices();
        for (int k = targets.firstAtOrAfter(from); k < idx.length && idx[k] < to; k++) {
            final int i = idx[k];
            current[i] += amplitudes[i - offset];
        }
    }
}
