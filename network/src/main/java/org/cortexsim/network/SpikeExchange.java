package org.cortexsim.network;

/**
 * How the partitions of one network, each a {@link Simulation} of the neurons of one contiguous
 * index range, see each other's spikes: once per window of steps, every partition hands in its
 * own spikes of the window's samples and gets back every partition's. Implementations carry the
 * spikes between threads (in-process partitions, for tests) or between machines; the simulation
 * decides when to exchange and delivers what comes back ({@link Simulation}).
 *
 * <p>Contract: every partition calls {@link #exchange} for the same samples in the same order;
 * the call returns once every partition's spikes of those samples have arrived, with
 * {@code received} holding the whole network's spikes of each sample in ascending index order
 * (partition by partition, since partitions hold ascending ranges). The stop requests of the
 * partitions travel with their spikes, so that all stop after the same step.
 */
public interface SpikeExchange {
    /** Number of partitions of the network. */
    int partitions();

    /** This partition's position among them (0 holds the lowest indices). */
    int partition();

    /**
     * Sends {@code own} (this partition's spikes, as indices of the whole network) and
     * {@code stopRequest} (why this partition wants to stop after the window, or null), waits for
     * every partition's, and fills {@code received} with the whole network's spikes of the same
     * samples.
     *
     * @return the stop request of the lowest partition that made one, or null to go on
     * @throws PartitionLostException when a partition can no longer take part (its process or
     *     machine is gone), naming it
     */
    String exchange(WindowSpikes own, String stopRequest, WindowSpikes received);

    /** A partition of the network can no longer take part in the exchange. */
    final class PartitionLostException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public PartitionLostException(String message) {
            super(message);
        }

        public PartitionLostException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
