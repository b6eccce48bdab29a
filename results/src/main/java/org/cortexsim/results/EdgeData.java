package org.cortexsim.results;

/**
 * One SONATA edge population ({@code /edges/<name>}) as plain arrays: edge {@code i} goes from
 * {@code sourceNodeIds[i]} of {@code sourcePopulation} to {@code targetNodeIds[i]} of {@code
 * targetPopulation} with weight {@code synWeight[i]} and delay {@code delayMs[i]} (ms).
 *
 * <p>Invariant: the four arrays have the same length (possibly zero for an empty projection).
 */
public record EdgeData(
        String name, String sourcePopulation, String targetPopulation, long[] sourceNodeIds,
        long[] targetNodeIds, double[] synWeight, double[] delayMs) {

    /** Checks the invariant. */
    public EdgeData {
        int n = sourceNodeIds.length;
        if (targetNodeIds.length != n || synWeight.length != n || delayMs.length != n) {
            throw new IllegalArgumentException("edges '" + name + "': arrays of different lengths "
                    + n + ", " + targetNodeIds.length + ", " + synWeight.length + ", " + delayMs.length);
        }
    }

    /** Number of edges. */
    public int count() {
        return sourceNodeIds.length;
    }
}
