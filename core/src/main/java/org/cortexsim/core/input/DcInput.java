package org.cortexsim.core.input;

import org.cortexsim.core.ArrayOps;
import org.cortexsim.core.CurrentSum;
import org.cortexsim.core.Population;

/**
 * A constant current (pA) into every neuron of a population, on the steps {@code n} with
 * {@code startStep <= n < stopStep}: the notebook's DC step. Amplitudes are one value for the
 * population or one per neuron (a quenched DC bias).
 */
public final class DcInput implements Input {
    private final Population target;
    private final double amplitude;
    private final double[] amplitudes;
    private final StepWindow window;

    /** @param amplitudes per-neuron amplitudes in pA, one per neuron of {@code target} */
    public DcInput(Population target, double[] amplitudes, long startStep, long stopStep) {
        this(target, 0.0, amplitudes.clone(), startStep, stopStep);
        if (amplitudes.length != target.size()) {
            throw new IllegalArgumentException("DC input to '" + target.name() + "': " + amplitudes.length
                    + " amplitudes for " + target.size() + " neurons");
        }
    }

    /** @param amplitude the current in pA for every neuron of {@code target} */
    public DcInput(Population target, double amplitude, long startStep, long stopStep) {
        this(target, amplitude, null, startStep, stopStep);
    }

    private DcInput(Population target, double amplitude, double[] amplitudes, long startStep, long stopStep) {
        this.window = new StepWindow(startStep, stopStep);
        this.target = target;
        this.amplitude = amplitude;
        this.amplitudes = amplitudes;
    }

    @Override
    public void contribute(long step, CurrentSum sum) {
        final int lo = Math.max(sum.from(), target.offset());
        final int hi = Math.min(sum.to(), target.end());
        if (!window.contains(step) || lo >= hi) {
            return;
        }
        if (amplitudes != null && lo == sum.from() && hi == sum.to()) {
            sum.add(amplitudes, lo - target.offset(), false);
        } else {
            addCurrent(step, sum.current(), lo, hi);
        }
    }

    @Override
    public void addCurrent(long step, double[] current, int from, int to) {
        if (!window.contains(step)) {
            return;
        }
        final int lo = Math.max(from, target.offset());
        final int hi = Math.min(to, target.end());
        if (amplitudes == null) {
            for (int i = lo; i < hi; i++) {
                current[i] += amplitude;
            }
        } else {
            // I += amplitude of each neuron
            ArrayOps.add(current, lo, amplitudes, lo - target.offset(), hi - lo);
        }
    }
}
