package org.cortexsim.plot;

import java.util.Locale;

/** The figures this package draws, each with the short name used in file names and on the command line. */
public enum FigureKind {
    /** Spike raster of populations with their binned firing rates beneath, on one time axis. */
    RASTER("raster", "spike raster and population rates"),
    /** Membrane potential v (mV) over time of recorded neurons. */
    V("v", "membrane potential v(t)"),
    /** Membrane voltage v (mV) against the recovery variable u of recorded neurons. */
    VU("vu", "v against u"),
    /** Weights of plastic projections: histograms at the start and the end, mean weight over time. */
    WEIGHTS("weights", "weights of plastic projections");

    private final String id;
    private final String title;

    FigureKind(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The short name: {@code raster}, {@code v}, {@code vu} or {@code weights}. */
    public String id() {
        return id;
    }

    /** What the figure shows, for messages. */
    public String title() {
        return title;
    }

    /** The kind with this short name (any case). */
    public static FigureKind of(String id) {
        for (FigureKind k : values()) {
            if (k.id.equals(id.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown figure kind '" + id + "' (known: raster, v, vu, weights)");
    }
}
