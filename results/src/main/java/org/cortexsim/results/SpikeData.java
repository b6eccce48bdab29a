package org.cortexsim.results;

/**
 * Spikes of one population as read from a file: parallel arrays, spike {@code i} is node {@code
 * nodeIds[i]} firing at {@code timestampsMs[i]} (ms).
 *
 * <p>Invariant: both arrays have the same length (possibly zero).
 */
public record SpikeData(String population, double[] timestampsMs, long[] nodeIds, Sorting sorting) {

    /** Checks the invariant. */
    public SpikeData {
        if (timestampsMs.length != nodeIds.length) {
            throw new IllegalArgumentException("spikes of '" + population + "': " + timestampsMs.length
                    + " timestamps but " + nodeIds.length + " node ids");
        }
    }

    /** Number of spikes. */
    public int count() {
        return nodeIds.length;
    }
}
