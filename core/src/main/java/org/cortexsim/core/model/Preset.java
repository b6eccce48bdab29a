package org.cortexsim.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Neuron types of Izhikevich's simple model (Dynamical Systems in Neuroscience, 2007, ch. 8): a
 * description and a recovery per preset; the parameter values are the preset's column of the
 * {@link Parameter} table. RS and FS are the seed notebook's two neurons; IB and CH are the book's
 * two other cortical excitatory types (figs. 8.19 and 8.23), whose equations are RS's with other
 * values. The book's LTS, TC and RTN cells are not presets: there the peak, the reset or {@code b}
 * depend on u or v, which this model does not.
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
            "the notebook lists d = 100 but never applies it; its reset leaves u unchanged (d = 0), as in the book"),
    /** Intrinsically bursting layer 5 pyramidal cell: a burst at the onset of a step of current, then single spikes. */
    IB("intrinsically bursting excitatory cell (layer 5 pyramidal; book fig. 8.19)", Recovery.LINEAR, ""),
    /** Chattering (fast rhythmic bursting) cell of cat visual cortex: repeated bursts of 2 to 4 spikes. */
    CH("chattering (fast rhythmic bursting) excitatory cell (book fig. 8.23)", Recovery.LINEAR, "");

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

    /** The names of all presets, in declaration order ({@code RS, FS, IB, CH}); unmodifiable. */
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
