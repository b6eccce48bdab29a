package org.cortexsim.core.input;


/**
 * A sinusoidal current (pA) into the selected neurons of a population, as NEST's
 * {@code ac_generator}: in step n, on the steps {@code startStep <= n < stopStep},
 * <pre>{@code
 * I_n = offsetPa + amplitudePa * StrictMath.sin(omega * t + phase)
 * omega = 2 * Math.PI * frequencyHz / 1000   (rad/ms)
 * phase = phaseDeg * Math.PI / 180           (rad)
 * t     = n * dtMs                           (ms, the time of sample n, which step n starts from)
 * }</pre>
 * each expression evaluated left to right in double precision. {@code StrictMath.sin} (fdlibm)
 * gives the same bits on every JVM and CPU, which {@code Math.sin} does not promise. The same
 * current goes to every selected neuron; neurons not selected get nothing. Stateless: any thread
 * split gives the same current. Invariant: all parameters finite, {@code dtMs > 0}.
 */
public final class SinusoidalInput implements Input {
    private final TargetNeurons targets;
    private final double dtMs;
    private final double offsetPa;
    private final double amplitudePa;
    private final double omega;
    private final double phase;
    private final StepWindow window;

    public SinusoidalInput(TargetNeurons targets, double dtMs, double offsetPa, double amplitudePa,
            double frequencyHz, double phaseDeg, long startStep, long stopStep) {
        if (!(dtMs > 0) || !Double.isFinite(dtMs) || !Double.isFinite(offsetPa) || !Double.isFinite(amplitudePa)
                || !Double.isFinite(frequencyHz) || !Double.isFinite(phaseDeg)) {
            throw new IllegalArgumentException("sinusoidal input to '" + targets.population().name()
                    + "': offset, amplitude, frequency and phase must be finite and dt > 0");
        }
        this.targets = targets;
        this.dtMs = dtMs;
        this.offsetPa = offsetPa;
        this.amplitudePa = amplitudePa;
        this.omega = 2 * Math.PI * frequencyHz / 1000;
        this.phase = phaseDeg * Math.PI / 180;
        this.window = new StepWindow(startStep, stopStep);
    }

    /** The current of step {@code n}, pA (whether or not the step is in the window). */
    public double currentAt(long n) {
        final double t = n * dtMs;
        return offsetPa + amplitudePa * StrictMath.sin(omega * t + phase);
    }

    @Override
    public boolean touches(long step, int from, int to) {
        return window.contains(step) && targets.overlaps(from, to);
    }

    @Override
    public void addCurrent(long step, double[] current, int from, int to) {
        if (!window.contains(step) || !targets.overlaps(from, to)) {
            return;
        }
        final double amplitude = currentAt(step);
        targets.addToEach(current, from, to, amplitude);
    }
}
