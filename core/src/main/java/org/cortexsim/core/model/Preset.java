package org.cortexsim.core.model;

import java.util.Locale;

/**
 * The neuron types of the seed notebook, with its parameters (Izhikevich 2007, ch. 8).
 *
 * <p>FS: the notebook lists {@code d = 100} but its FS loop never applies it (the reset leaves
 * u unchanged), as in the book; the preset therefore has {@code d = 0}. Its cubic recovery
 * starts at {@code vb = vr = -55 mV}.
 */
public enum Preset {
    /** Regular-spiking excitatory pyramidal cell. */
    RS("regular-spiking excitatory cell",
            new IzhikevichParameters(100, 0.7, -60, -40, 35, 0.03, -2, -50, 100, -60, Recovery.LINEAR)),
    /** Fast-spiking inhibitory interneuron. */
    FS("fast-spiking inhibitory interneuron",
            new IzhikevichParameters(20, 1, -55, -40, 25, 0.2, 0.025, -45, 0, -55, Recovery.CUBIC_ABOVE_VB));

    private final String description;
    private final IzhikevichParameters parameters;

    Preset(String description, IzhikevichParameters parameters) {
        this.description = description;
        this.parameters = parameters;
    }

    public String description() {
        return description;
    }

    public IzhikevichParameters parameters() {
        return parameters;
    }

    /** The preset named {@code name}, ignoring case, or {@code null}. */
    public static Preset byName(String name) {
        for (Preset p : values()) {
            if (p.name().equals(name.toUpperCase(Locale.ROOT))) {
                return p;
            }
        }
        return null;
    }
}
