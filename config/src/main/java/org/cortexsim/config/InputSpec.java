package org.cortexsim.config;

/**
 * One entry of {@code inputs}: external drive applied to every neuron of {@code population}
 * during {@link #window()}. The variant is chosen by the {@code type} key.
 *
 * <p>Invariant common to all variants: {@code population} names a population of the same config.
 */
public sealed interface InputSpec permits DcInputSpec, NoiseInputSpec, PoissonInputSpec {

    /** Name of the target population. */
    String population();

    /** When the input is on. */
    TimeWindow window();

    /** Where the input was written. */
    Location location();
}
