package org.cortexsim.results;

import java.util.Locale;

/**
 * Validation of names and array shapes before anything is handed to jHDF, which would otherwise
 * write a corrupt or unreadable file without complaint. Stateless; package-private.
 */
final class H5Checks {

    /**
     * Largest number of bytes jHDF 0.13.0 writes correctly in one row of a dataset (the whole array
     * for a 1-D dataset, one row for a 2-D one); beyond it the file is silently corrupt.
     */
    static final long MAX_ROW_BYTES = 2_147_479_552L;

    private H5Checks() {
    }

    /**
     * Checks one HDF5 link or attribute name: non-empty, no {@code '/'} (jHDF accepts it but the
     * result is unreadable), not {@code .} or {@code ..}, no control characters.
     *
     * @return the name
     * @throws IllegalArgumentException naming {@code what} and the offending name
     */
    static String name(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " must be a non-empty name");
        }
        if (name.indexOf('/') >= 0) {
            throw new IllegalArgumentException(what + " '" + name + "' contains '/', which HDF5 reserves as"
                    + " the path separator");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException(what + " '" + name + "' is not a valid HDF5 name");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw new IllegalArgumentException(what + " '" + name.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a control character");
            }
        }
        return name;
    }

    /**
     * Splits an absolute or relative HDF5 path into validated names.
     *
     * @throws IllegalArgumentException if the path is empty or any component is invalid
     */
    static String[] path(String path) {
        if (path == null) {
            throw new IllegalArgumentException("HDF5 path must not be null");
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.isEmpty()) {
            throw new IllegalArgumentException("HDF5 path must name an object below the root: '" + path + "'");
        }
        String[] parts = p.split("/", -1);
        for (String part : parts) {
            name(part, "component of path '" + path + "'");
        }
        return parts;
    }

    /** Checks that a 1-D array of {@code length} elements of {@code elementBytes} bytes can be written. */
    static void length(long length, int elementBytes, String what) {
        if (length <= 0) {
            throw new IllegalArgumentException(what + ": zero-length arrays cannot be written by jHDF");
        }
        rowBytes(length, elementBytes, what);
    }

    /** Checks that one row of {@code cols} elements of {@code elementBytes} bytes fits {@link #MAX_ROW_BYTES}. */
    static void rowBytes(long cols, int elementBytes, String what) {
        long bytes = cols * elementBytes;
        if (bytes > MAX_ROW_BYTES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: a row of %d elements is %d bytes, more than the %d bytes jHDF 0.13.0 writes correctly",
                    what, cols, bytes, MAX_ROW_BYTES));
        }
    }

    /** Checks that every value is a valid unsigned node/edge id (non-negative). */
    static void nonNegative(long[] ids, int count, String what) {
        for (int i = 0; i < count; i++) {
            if (ids[i] < 0) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + ids[i] + " is negative");
            }
        }
    }

    /** Checks that every value is finite. */
    static void finite(double[] values, int count, String what) {
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + values[i] + " is not finite");
            }
        }
    }

    /** Checks that {@code array} has at least {@code count} elements. */
    static void atLeast(int arrayLength, int count, String what) {
        if (count < 0) {
            throw new IllegalArgumentException(what + ": negative count " + count);
        }
        if (arrayLength < count) {
            throw new IllegalArgumentException(what + " has " + arrayLength + " elements, fewer than count " + count);
        }
    }
}
