package org.cortexsim.config;

/**
 * One entry of {@code inputs}: external drive applied to the {@link #neurons()} of
 * {@code population} (all of them unless {@code neurons:} selects some) during
 * {@link #window()}. The variant is chosen by the {@code type} key: {@code dc}, {@code noise},
 * {@code poisson}, {@code step_current} or {@code sinusoidal}.
 *
 * <p>Invariant common to all variants: {@code population} names a population of the same config,
 * and the ids of {@code neurons} are within it (checked by the config reader).
 */
public sealed interface InputSpec
        permits DcInputSpec, NoiseInputSpec, PoissonInputSpec, StepCurrentInputSpec, SinusoidalInputSpec {

    /** Name of the target population. */
    String population();

    /** When the input is on. */
    TimeWindow window();

    /** Which neurons of the population receive the input ({@code neurons:}, the syntax of {@code record.state}). */
    NeuronSelection neurons();

    /** Where the input was written. */
    Location location();
}
