package org.cortexsim.results;

import java.util.Locale;

/**
 * Order of the spikes of one SONATA spike population.
 *
 * <p>SONATA declares the {@code sorting} attribute of {@code /spikes/<population>} as an HDF5
 * enumeration {@code {none=0, by_id=1, by_time=2}}; {@link SonataWriter} writes exactly that
 * (over an int8 base type, see {@link EnumAttribute}). {@link #attributeValue()} is the member
 * name, {@link #sonataCode()} its value. {@link #parse} also accepts the string form older
 * cortexsim files and some other writers use. Invariant: the constants and codes are exactly
 * those of the SONATA specification.
 */
public enum Sorting {
    /** No particular order. SONATA code 0. */
    NONE("none", 0),
    /** Non-decreasing node id. SONATA code 1. */
    BY_ID("by_id", 1),
    /** Non-decreasing timestamp (ms). SONATA code 2. */
    BY_TIME("by_time", 2);

    private final String attributeValue;
    private final int sonataCode;

    Sorting(String attributeValue, int sonataCode) {
        this.attributeValue = attributeValue;
        this.sonataCode = sonataCode;
    }

    /** The enumeration member name: {@code none}, {@code by_id} or {@code by_time}. */
    String attributeValue() {
        return attributeValue;
    }

    /** The value of this constant in SONATA's HDF5 enumeration (0, 1 or 2). */
    int sonataCode() {
        return sonataCode;
    }

    /**
     * Parses an attribute value written by this package or by another SONATA writer: the names
     * {@code none}, {@code by_id}, {@code by_time} (any case) or the numeric codes 0, 1, 2.
     *
     * @throws IllegalArgumentException if the value is none of those
     */
    public static Sorting parse(Object value) {
        if (value instanceof Number n) {
            long code = n.longValue();
            for (Sorting s : values()) {
                if (s.sonataCode == code) {
                    return s;
                }
            }
        } else if (value instanceof String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (Sorting s : values()) {
                if (s.attributeValue.equals(t)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("unknown SONATA spike sorting: " + value);
    }
}
