package org.cortexsim.core.input;

import org.cortexsim.core.Population;
import org.cortexsim.core.RandomStreams;

/**
 * A Gaussian noise current into the selected neurons of a population ({@link TargetNeurons}; by
 * default all of them): each step, each selected neuron gets an
 * independent {@code mean + sigma * N(0, 1)} pA, held for that step (piecewise constant, as
 * NEST's {@code noise_generator} with dt equal to the resolution, and the thalamic drive of
 * Izhikevich 2003). {@code sigma} is the standard deviation of the per-step current, so the
 * noise's effect on v scales with dt. Active on steps {@code startStep <= n < stopStep}. Draws
 * depend only on (stream key, step, neuron): any thread split gives the same current. Neurons
 * at positions 2m and 2m + 1 of the stream take the two outputs of one Box-Muller transform
 * ({@link RandomStreams#gaussian}), computed once when both are in the range.
 *
 * <p>Reproducibility of a subset: the draw of node id i in step n is the one at stream position
 * {@code n * totalSize + i} whatever else is selected, so a selected neuron receives exactly the
 * current it receives when the input drives the whole population, and unselected neurons draw
 * nothing and receive nothing.
 */
public final class NoiseInput implements Input {
    private final Population target;
    private final TargetNeurons targets;
    private final double meanPa;
    private final double sigmaPa;
    private final long key;
    private final StepWindow window;

    /**
     * @param meanPa the mean current, pA (finite)
     * @param sigmaPa the standard deviation of the per-step current, pA (>= 0)
     * @param key the key of the counter-based stream the draws come from ({@link RandomStreams})
     * @param startStep the first step with noise
     * @param stopStep the first step without noise again
     */
    public NoiseInput(Population target, double meanPa, double sigmaPa, long key, long startStep, long stopStep) {
        this(TargetNeurons.all(target), meanPa, sigmaPa, key, startStep, stopStep);
    }

    /** Noise into {@code targets} only, drawing from stream {@code key}. */
    public NoiseInput(TargetNeurons targets, double meanPa, double sigmaPa, long key, long startStep,
            long stopStep) {
        Population target = targets.population();
        if (!(sigmaPa >= 0) || !Double.isFinite(sigmaPa) || !Double.isFinite(meanPa)) {
            throw new IllegalArgumentException("noise input to '" + target.name()
                    + "': mean must be finite and sigma >= 0 pA, got mean " + meanPa + ", sigma " + sigmaPa);
        }
        this.target = target;
        this.targets = targets;
        this.meanPa = meanPa;
        this.sigmaPa = sigmaPa;
        this.key = key;
        this.window = new StepWindow(startStep, stopStep);
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
        final int offset = target.offset();
        // stream position: step * (the whole population's size) + node id, the same in every partition
        final long base = step * target.totalSize() + target.firstNode() - offset;
        if (!targets.isRange()) {
            final int[] idx = targets.indices();
            for (int k = targets.firstAtOrAfter(from); k < idx.length && idx[k] < to; k++) {
                final int i = idx[k];
                current[i] += meanPa + sigmaPa * RandomStreams.gaussian(key, base + i);
            }
            return;
        }
        final int lo = Math.max(from, targets.from());
        final int hi = Math.min(to, targets.to());
        int i = lo;
        if (i < hi && ((base + i) & 1L) != 0) {
            current[i] += meanPa + sigmaPa * RandomStreams.gaussian(key, base + i);
            i++;
        }
        // positions base + i (even) and base + i + 1 share one Box-Muller transform
        for (; i + 1 < hi; i += 2) {
            final long pair = base + i;
            final double r = RandomStreams.boxMullerRadius(key, pair);
            final double theta = RandomStreams.boxMullerAngle(key, pair);
            current[i] += meanPa + sigmaPa * (r * Math.cos(theta));
            current[i + 1] += meanPa + sigmaPa * (r * Math.sin(theta));
        }
        if (i < hi) {
            current[i] += meanPa + sigmaPa * RandomStreams.gaussian(key, base + i);
        }
    }
}
