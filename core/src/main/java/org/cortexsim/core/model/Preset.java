package org.cortexsim.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The neuron types of the seed notebook (Izhikevich 2007, ch. 8): a description and a recovery
 * per preset; the parameter values are the preset's column of the {@link Parameter} table.
 *
 * <p>FS: the notebook lists {@code d = 100} but its FS loop never applies it (the reset leaves
 * u unchanged), as in the book; the preset therefore has {@code d = 0} ({@link #note()}). Its
 * cubic recovery starts at {@code vb = vr = -55 mV}.
 */
public enum Preset {
    /** Regular-spiking excitatory pyramidal cell. */
    RS("regular-spiking excitatory cell", Recovery.LINEAR, ""),
    /** Fast-spiking inhibitory interneuron. */
    FS("fast-spiking inhibitory interneuron", Recovery.CUBIC_ABOVE_VB,
            "the notebook lists d = 100 but never applies it; its reset leaves u unchanged (d = 0), as in the book");

    private static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (Preset p : values()) {
            names.add(p.name());
        }
        NAMES = Collections.unmodifiableList(names);
    }

    private final String description;
    private final String note;
    private final IzhikevichParameters parameters;

    Preset(String description, Recovery recovery, String note) {
        this.description = description;
        this.note = note;
        this.parameters = IzhikevichParameters.of(recovery, p -> p.valueIn(this));
    }

    public String description() {
        return description;
    }

    /** A remark on where the preset departs from its source, or an empty string. */
    public String note() {
        return note;
    }

    public IzhikevichParameters parameters() {
        return parameters;
    }

    /** The names of all presets, in declaration order ({@code RS, FS}); unmodifiable. */
    public static List<String> names() {
        return NAMES;
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
