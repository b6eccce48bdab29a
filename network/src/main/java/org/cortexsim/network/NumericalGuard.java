package org.cortexsim.network;

import org.cortexsim.core.Neurons;
import org.cortexsim.core.Population;
import org.cortexsim.core.TimeGrid;

/**
 * A stop condition that ends a run of a {@link Simulation} when its state has gone bad: v or u
 * not finite, or v beyond {@link #V_LIMIT_MV} in magnitude. Checks every {@code every} steps (a
 * NaN stays NaN, so a fault is caught at most that many steps late) and names the population,
 * neuron and model time (on the simulation's grid) of the first bad value it finds, with the
 * likely cause (for a NaN also a synapse model or plasticity rule that returned one).
 */
public final class NumericalGuard implements StopCondition {
    /** Membrane potentials beyond this magnitude (mV) count as a blow-up. */
    public static final double V_LIMIT_MV = 1e4;

    private final Neurons neurons;
    private final TimeGrid grid;
    private final int every;

    /** Guards {@code simulation}'s state, checking it every {@code every} steps (at least 1). */
    public NumericalGuard(Simulation simulation, int every) {
        this.neurons = simulation.neurons();
        this.grid = simulation.grid();
        this.every = Math.max(1, every);
    }

    /** The next step after which this guard checks: {@code (step + 1)} a multiple of its period. */
    @Override
    public long nextCheck(long step) {
        return ((step + 1) / every + 1) * every - 1;
    }

    @Override
    public Action check(long step) {
        if ((step + 1) % every != 0) {
            return Action.CONTINUE;
        }
        final double[] v = neurons.v;
        final double[] u = neurons.u;
        for (int i = 0; i < v.length; i++) {
            if (!(Math.abs(v[i]) <= V_LIMIT_MV) || !Double.isFinite(u[i])) {
                Population p = neurons.populationOf(i);
                String nan = Double.isNaN(v[i]) || Double.isNaN(u[i])
                        ? "; a NaN can also come from a synapse model or plasticity rule that returned NaN (one of"
                                + " your own: check its kernel)"
                        : "";
                return Action.stop(String.format(java.util.Locale.ROOT,
                        "numerical fault: population '%s', neuron %d has v = %s mV, u = %s pA at t = %.3f ms "
                                + "(checked every %d steps); likely cause: dt = %s ms is too large for the "
                                + "parameters or the input is too strong (try a smaller dt_ms or smaller weights)%s",
                        p.name(), i - p.offset() + p.firstNode(), v[i], u[i], grid.timeOf(step + 1), every, grid.dtMs(),
                        nan));
            }
        }
        return Action.CONTINUE;
    }
}
