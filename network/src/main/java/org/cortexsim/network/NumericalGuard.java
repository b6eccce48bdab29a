package org.cortexsim.network;

import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;

/**
 * A stop condition that ends a run when the state has gone bad: v or u not finite, or v
 * beyond {@link #V_LIMIT_MV} in magnitude. Checks every {@code every} steps (a NaN stays NaN, so
 * a fault is caught at most that many steps late) and names the population, neuron and model time
 * of the first bad value it finds, with the likely cause.
 */
public final class NumericalGuard implements StopCondition {
    /** Membrane potentials beyond this magnitude (mV) count as a blow-up. */
    public static final double V_LIMIT_MV = 1e4;

    private final Neurons neurons;
    private final double dtMs;
    private final int every;

    public NumericalGuard(Neurons neurons, double dtMs, int every) {
        this.neurons = neurons;
        this.dtMs = dtMs;
        this.every = Math.max(1, every);
    }

    @Override
    public String check(long step) {
        if ((step + 1) % every != 0) {
            return null;
        }
        final double[] v = neurons.v;
        final double[] u = neurons.u;
        for (int i = 0; i < v.length; i++) {
            if (!(Math.abs(v[i]) <= V_LIMIT_MV) || !Double.isFinite(u[i])) {
                Population p = neurons.populationOf(i);
                return String.format(java.util.Locale.ROOT,
                        "numerical fault: population '%s', neuron %d has v = %s mV, u = %s pA at t = %.3f ms "
                                + "(checked every %d steps); likely cause: dt = %s ms is too large for the "
                                + "parameters or the input is too strong (try a smaller dt_ms or smaller weights)",
                        p.name(), i - p.offset(), v[i], u[i], (step + 1) * dtMs, every, dtMs);
            }
        }
        return null;
    }
}
