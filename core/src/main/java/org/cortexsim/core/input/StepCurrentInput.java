package org.cortexsim.core.input;

import java.util.Arrays;

/**
 * A piecewise-constant current (pA) into the selected neurons of a population, as NEST's
 * {@code step_current_generator}: amplitude {@code a_k} from step {@code s_k} (inclusive) until
 * step {@code s_{k+1}} (exclusive), 0 before {@code s_0}, {@code a_last} from the last change on;
 * all only on the steps {@code startStep <= n < stopStep}. The change steps are the configured
 * times on the {@link org.cortexsim.core.TimeGrid} ({@code stepAtOrAfter}, as a window's start).
 * The same amplitude goes to every selected neuron; neurons not selected get nothing.
 *
 * <p>The amplitude of step n is found by a binary search of the change steps (no state, no
 * allocation: any thread split gives the same current). Invariants: at least one change;
 * change steps strictly increasing and {@code >= 0}; as many amplitudes as changes, all finite.
 */
public final class StepCurrentInput implements Input {
    private final TargetNeurons targets;
    private final long[] changeSteps;
    private final double[] amplitudes;
    private final StepWindow window;

    /**
     * @param changeSteps steps at which the amplitude changes, strictly increasing, {@code >= 0}
     * @param amplitudesPa the amplitude from each change on, pA
     */
    public StepCurrentInput(TargetNeurons targets, long[] changeSteps, double[] amplitudesPa, long startStep,
            long stopStep) {
        String owner = "step current input to '" + targets.population().name() + "'";
        if (changeSteps.length == 0 || changeSteps.length != amplitudesPa.length) {
            throw new IllegalArgumentException(owner + ": needs one amplitude per change, at least one, got "
                    + changeSteps.length + " steps and " + amplitudesPa.length + " amplitudes");
        }
        for (int k = 0; k < changeSteps.length; k++) {
            if (changeSteps[k] < 0 || (k > 0 && changeSteps[k] <= changeSteps[k - 1])) {
                throw new IllegalArgumentException(owner + ": change steps must be >= 0 and strictly increasing, got "
                        + Arrays.toString(changeSteps));
            }
            if (!Double.isFinite(amplitudesPa[k])) {
                throw new IllegalArgumentException(owner + ": amplitude " + amplitudesPa[k] + " is not finite");
            }
        }
        this.targets = targets;
        this.changeSteps = changeSteps.clone();
        this.amplitudes = amplitudesPa.clone();
        this.window = new StepWindow(startStep, stopStep);
    }

    /** Index of the piece step {@code n} is in, or -1 before the first change. */
    int piece(long n) {
        int k = Arrays.binarySearch(changeSteps, n);
        return k >= 0 ? k : -k - 2;
    }

    @Override
    public boolean touches(long step, int from, int to) {
        return window.contains(step) && targets.overlaps(from, to);
    }

    @Override
    public void addCurrent(long step, double[] current, int from, int to) {
        if (!window.contains(step)) {
            return;
        }
        final int k = piece(step);
        if (k < 0) {
            return;
        }
        final double amplitude = amplitudes[k];
        targets.addToEach(current, from, to, amplitude);
    }
}
