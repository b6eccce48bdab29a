package org.cortexsim.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a projection chooses its connections (the {@code rule} mapping, variant chosen by
 * {@code type}). Each variant keeps its {@link Location} for errors found while connecting.
 * Autapses (a neuron connecting to itself) only arise when {@code pre} and {@code post} are the
 * same population; {@code allow_autapses} defaults to false.
 */
public sealed interface RuleSpec {

    /** Where the rule was written. */
    Location location();

    /** {@code fixed_probability}: each pair connects independently with probability {@code p} in [0, 1]. */
    record FixedProbability(double p, boolean allowAutapses, Location location) implements RuleSpec {
        public FixedProbability {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("p must be in [0, 1], got " + p);
            }
            Objects.requireNonNull(location, "location");
        }
    }

    /** {@code fixed_indegree}: every post neuron receives exactly {@code k >= 0} connections. */
    record FixedIndegree(int k, boolean allowAutapses, Location location) implements RuleSpec {
        public FixedIndegree {
            if (k < 0) {
                throw new IllegalArgumentException("k must be >= 0, got " + k);
            }
            Objects.requireNonNull(location, "location");
        }
    }

    /** {@code fixed_outdegree}: every pre neuron sends exactly {@code k >= 0} connections, to distinct post neurons. */
    record FixedOutdegree(int k, boolean allowAutapses, Location location) implements RuleSpec {
        public FixedOutdegree {
            if (k < 0) {
                throw new IllegalArgumentException("k must be >= 0, got " + k);
            }
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * {@code fixed_total_number}: exactly {@code n >= 0} connections, each a uniformly drawn
     * (pre, post) pair; with {@code allow_multapses} (default true, as in NEST) a pair may repeat.
     */
    record FixedTotalNumber(int n, boolean allowMultapses, boolean allowAutapses, Location location)
            implements RuleSpec {
        public FixedTotalNumber {
            if (n < 0) {
                throw new IllegalArgumentException("n must be >= 0, got " + n);
            }
            Objects.requireNonNull(location, "location");
        }
    }

    /** {@code all_to_all}: every pre neuron connects to every post neuron. */
    record AllToAll(boolean allowAutapses, Location location) implements RuleSpec {
        public AllToAll {
            Objects.requireNonNull(location, "location");
        }
    }

    /** {@code one_to_one}: pre neuron i connects to post neuron i; both populations have the same size. */
    record OneToOne(Location location) implements RuleSpec {
        public OneToOne {
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * {@code from_file} with a {@code .csv} path: a CSV file with a header and columns
     * {@code pre,post[,weight,delay]} (neuron indices within the populations; weight in the
     * projection's weight unit, delay in ms). The path is resolved and absolute.
     */
    record CsvEdges(Path path, Location location) implements RuleSpec {
        public CsvEdges {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * The edges of a SONATA circuit's edge population {@code population} in {@code edgesFile}
     * that have one of {@code edgeTypeIds} and connect the pre population's nodes to the post
     * population's nodes. {@code sourceNodeIds} lists, in local order, the SONATA node ids of the
     * pre population within its node population (null when they are {@code 0..size-1}); {@code
     * targetNodeIds} likewise for the post population. Weights ({@code syn_weight} times {@code
     * nsyns}) and delays ({@code delay}, ms) come per edge from the file's edge group or per type
     * from {@code edgeTypesFile} (may be null). {@code count} is the number of such edges. Paths
     * are absolute.
     */
    record SonataCircuitEdges(Path edgesFile, Path edgeTypesFile, String population, long[] edgeTypeIds,
            long[] sourceNodeIds, long[] targetNodeIds, long count, Location location) implements RuleSpec {
        public SonataCircuitEdges {
            Objects.requireNonNull(edgesFile, "edgesFile");
            Objects.requireNonNull(population, "population");
            Objects.requireNonNull(edgeTypeIds, "edgeTypeIds");
            Objects.requireNonNull(location, "location");
            edgeTypeIds = edgeTypeIds.clone();
            sourceNodeIds = sourceNodeIds == null ? null : sourceNodeIds.clone();
            targetNodeIds = targetNodeIds == null ? null : targetNodeIds.clone();
            if (count < 0) {
                throw new IllegalArgumentException("count must be >= 0, got " + count);
            }
        }

        @Override
        public long[] edgeTypeIds() {
            return edgeTypeIds.clone();
        }

        @Override
        public long[] sourceNodeIds() {
            return sourceNodeIds == null ? null : sourceNodeIds.clone();
        }

        @Override
        public long[] targetNodeIds() {
            return targetNodeIds == null ? null : targetNodeIds.clone();
        }
    }

    /**
     * {@code from_file} with an {@code .h5}/{@code .hdf5} path: the SONATA edge population
     * {@code edges} of that file. The path is resolved and absolute.
     */
    record SonataEdges(Path path, String edges, Location location) implements RuleSpec {
        public SonataEdges {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(edges, "edges");
            Objects.requireNonNull(location, "location");
        }
    }
}
