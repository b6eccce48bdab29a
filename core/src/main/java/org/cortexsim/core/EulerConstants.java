package org.cortexsim.core;

import org.cortexsim.core.model.IzhikevichParameters;
import org.cortexsim.core.model.Parameter;

/**
 * One population's Euler pass bound to a time step: the parameters with the constants derived
 * from dt, computed once when the pass is bound (as a synapse model's kernel is bound to dt),
 * never per call or per neuron. Only products the notebook's order also forms are precomputed:
 * {@code dt*a}, which {@code u + dt*a*(U - u)} evaluates first; {@code dt*(...)/C} keeps dt
 * itself, since {@code dt/C} would round differently.
 *
 * <p>For a population with per-neuron parameters, {@code dt*a} is a column laid out as the
 * population's values of a ({@link Population#values}): element {@code j * dtTimesAStride} is
 * local neuron j's. Immutable.
 */
final class EulerConstants {
    /** The population, or null for a pass over bare parameters (tests, benchmarks). */
    final Population population;
    final IzhikevichParameters parameters;
    /** The time step, ms. */
    final double dt;
    /** {@code dt * a} of the shared parameters. */
    final double dtTimesA;
    /** For a heterogeneous population, {@code dt * a} per element of its values of a; else null. */
    final double[] dtTimesAValues;
    final int dtTimesAStride;

    private EulerConstants(Population population, IzhikevichParameters parameters, double dt) {
        this.population = population;
        this.parameters = parameters;
        this.dt = dt;
        this.dtTimesA = dt * parameters.a();
        if (population != null && population.isHeterogeneous()) {
            double[] a = population.values(Parameter.RECOVERY_RATE);
            dtTimesAValues = new double[a.length];
            for (int k = 0; k < a.length; k++) {
                dtTimesAValues[k] = dt * a[k];
            }
            dtTimesAStride = population.stride(Parameter.RECOVERY_RATE);
        } else {
            dtTimesAValues = null;
            dtTimesAStride = 0;
        }
    }

    /** The pass of {@code population} bound to {@code dt} ms. */
    static EulerConstants of(Population population, double dt) {
        return new EulerConstants(population, population.parameters(), dt);
    }

    /** A homogeneous pass with {@code parameters}, bound to {@code dt} ms. */
    static EulerConstants of(IzhikevichParameters parameters, double dt) {
        return new EulerConstants(null, parameters, dt);
    }
}
