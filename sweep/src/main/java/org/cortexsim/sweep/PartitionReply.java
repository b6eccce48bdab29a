package org.cortexsim.sweep;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A member's answer to a {@link PartitionTask}: who answered, whether the phase worked ({@code
 * ok}), was refused ({@code rejected}: wrong token, malformed task) or failed ({@code failed},
 * with {@code configError} when the config itself is at fault), the message, what the member
 * offers (cores, heap), what it built (window, synapses, threads, setup time, the step it starts
 * from: a checkpoint's, or 0) and, after the run,
 * its {@link Result} and, unless outputs are shared, the bytes of the files it wrote.
 *
 * <p>Invariants: strings are non-null; lists and maps are unmodifiable. {@link Serializable}
 * through the canonical constructor.
 */
record PartitionReply(String member, String status, String message, boolean configError, int cores, long heapBytes,
        int windowSteps, long synapses, int threads, double setupSeconds, long firstStep, Result result,
        Map<String, byte[]> files)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    static final String OK = "ok";
    static final String REJECTED = "rejected";
    static final String FAILED = "failed";

    PartitionReply {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    static PartitionReply ok(String member, int cores, long heapBytes) {
        return new PartitionReply(member, OK, "", false, cores, heapBytes, 0, 0, 0, 0, 0, null, Map.of());
    }

    static PartitionReply rejected(String member, String message) {
        return new PartitionReply(member, REJECTED, message, false, 0, 0, 0, 0, 0, 0, 0, null, Map.of());
    }

    static PartitionReply failed(String member, String message, boolean configError) {
        return new PartitionReply(member, FAILED, message, configError, 0, 0, 0, 0, 0, 0, 0, null, Map.of());
    }

    boolean isOk() {
        return OK.equals(status);
    }

    /**
     * What one partition's run did ({@link org.cortexsim.run.PartitionedRun.Outcome} with its
     * segment files by name, and its plastic synapses' weights).
     */
    record Result(int partition, int from, int to, String status, boolean completed, long stepsDone,
            long stepsRequested, double loopSeconds, double setupSeconds, int threads, long[] spikes, long synapses,
            long synapticEvents, int windowSteps, long exchanges, double exchangeSeconds, long exchangedSpikes,
            long bytesSent, List<SegmentFile> segments, long firstStep, long checkpointStep, boolean resumable,
            List<PlasticWeights> plastic)
            implements Serializable {
        private static final long serialVersionUID = 1L;

        Result {
            Objects.requireNonNull(status, "status");
            spikes = spikes.clone();
            segments = List.copyOf(segments);
            plastic = List.copyOf(plastic);
        }
    }

    /**
     * The plastic synapses of one projection a partition holds ({@link
     * org.cortexsim.run.PartitionedRun.PlasticPart}, carried as a class of this package, which the
     * cluster's deserialization filter admits).
     */
    record PlasticWeights(String projection, int[] columnCounts, double[] initial, double[] weights,
            double bytesPerSynapse) implements Serializable {
        private static final long serialVersionUID = 1L;

        static PlasticWeights of(org.cortexsim.run.PartitionedRun.PlasticPart p) {
            return new PlasticWeights(p.projection(), p.columnCounts(), p.initial(), p.weights(), p.bytesPerSynapse());
        }

        org.cortexsim.run.PartitionedRun.PlasticPart part() {
            return new org.cortexsim.run.PartitionedRun.PlasticPart(projection, columnCounts, initial, weights,
                    bytesPerSynapse);
        }
    }

    /** One segment file: its stream, file name, flush number, window (ms), count and partition. */
    record SegmentFile(String stream, String file, long index, double startMs, double stopMs, long count, int part)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
