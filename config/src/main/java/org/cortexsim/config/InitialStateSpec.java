package org.cortexsim.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The optional {@code initial} mapping of a population: initial membrane potential {@code v} (mV)
 * and recovery variable {@code u} (pA). An absent value is {@link Optional#empty()}, meaning the
 * model default: {@code v = vr} and {@code u = 0}.
 */
public record InitialStateSpec(Optional<ValueSpec> v, Optional<ValueSpec> u) {

    /** Both values absent: the model defaults apply. */
    public static final InitialStateSpec DEFAULTS = new InitialStateSpec(Optional.empty(), Optional.empty());

    public InitialStateSpec {
        Objects.requireNonNull(v, "v");
        Objects.requireNonNull(u, "u");
    }
}
