package org.cortexsim.run.build;

import java.util.Arrays;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.network.Simulation;

/**
 * How a network is split for a partitioned run: K contiguous ranges of the whole network's
 * neuron indices (populations in config order), of about equal step cost
 * ({@link Simulation#partitionBounds}); partition p holds {@code [from(p), to(p))}. Immutable.
 */
public record Partitioning(int[] bounds) {
    public Partitioning {
        bounds = bounds.clone();
        if (bounds.length < 2 || bounds[0] != 0) {
            throw new IllegalArgumentException("partition bounds must start at 0: " + Arrays.toString(bounds));
        }
        for (int p = 1; p < bounds.length; p++) {
            if (bounds[p] < bounds[p - 1]) {
                throw new IllegalArgumentException("partition bounds must ascend: " + Arrays.toString(bounds));
            }
        }
    }

    /** The network of {@code config} in {@code partitions} ranges of about equal cost. */
    public static Partitioning of(Config config, int partitions) throws ConfigException {
        int neurons = config.populations().stream().mapToInt(p -> p.size()).sum();
        if (partitions < 1 || partitions > neurons) {
            throw new ConfigException(org.cortexsim.config.Location.of(config.sourceName()), "cannot split "
                    + neurons + " neurons into " + partitions + " partitions; use 1 to " + neurons);
        }
        return new Partitioning(Simulation.partitionBounds(SimulationFactory.wholeNeurons(config).populations(),
                partitions));
    }

    /** Number of partitions. */
    public int partitions() {
        return bounds.length - 1;
    }

    /** First index of partition {@code p}. */
    public int from(int p) {
        return bounds[p];
    }

    /** One past the last index of partition {@code p}. */
    public int to(int p) {
        return bounds[p + 1];
    }

    @Override
    public int[] bounds() {
        return bounds.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Partitioning other && Arrays.equals(bounds, other.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        return "Partitioning" + Arrays.toString(bounds);
    }
}
