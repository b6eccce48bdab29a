package org.cortexsim.results;

import java.util.Locale;

/**
 * The HDF5 datatype of a report's {@code data}. SONATA declares report data as {@code float}
 * ({@code H5T_IEEE_F32LE}), which is what libsonata's report readers require and what bmtk
 * writes; {@link #FLOAT32} is therefore the default. {@link #FLOAT64} ({@code H5T_IEEE_F64LE})
 * keeps every bit of the simulated double values, for bit-exact comparisons; libsonata's
 * {@code SomaReportReader}/{@code ElementReportReader} refuse it, h5py, bmtk and cortexsim read it.
 */
public enum ReportDtype {
    /** IEEE single precision, the SONATA type: values rounded to nearest (relative error <= 2^-24). */
    FLOAT32("float32", Float.BYTES),
    /** IEEE double precision: the simulated values exactly. */
    FLOAT64("float64", Double.BYTES);

    private final String configName;
    private final int bytes;

    ReportDtype(String configName, int bytes) {
        this.configName = configName;
        this.bytes = bytes;
    }

    /** The name used in configs and in the {@code cortexsim_dtype} attribute: {@code float32} or {@code float64}. */
    public String configName() {
        return configName;
    }

    /** Bytes per value in the file. */
    public int bytes() {
        return bytes;
    }

    /**
     * The dtype named {@code name} ({@code float32} or {@code float64}, any case).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static ReportDtype parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (ReportDtype d : values()) {
            if (d.configName.equals(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown report dtype '" + name + "'; use float32 or float64");
    }
}
