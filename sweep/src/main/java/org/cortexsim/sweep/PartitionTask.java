package org.cortexsim.sweep;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.topic.ITopic;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.results.ResultSet;
import org.cortexsim.run.PartitionedRun;
import org.cortexsim.run.Progress;
import org.cortexsim.run.RunOptions;
import org.cortexsim.run.build.Partitioning;

/**
 * One phase of one partition of a partitioned run, sent by the driver ({@link ClusterRun}) to a
 * worker: data only (the shared token, the phase, the run's id, the partition, the partitioning,
 * the config text with its name, directory and overrides, the main file's name, and the run's
 * members by UUID). It carries no code: the worker can only build and run a cortexsim config.
 *
 * <p>Phases: {@code HELLO} checks the token and says what the worker offers; {@code BUILD} builds
 * the partition ({@link PartitionedRun#prepare}) and joins the run's spike exchange
 * ({@link TopicSpikeExchange}), keeping both in the worker's user context under the run's id;
 * {@code RUN} runs it, writes its segment files (into the worker's shared directory, or into a
 * temporary directory whose files travel back as bytes and are deleted) and answers with its
 * result; {@code ABORT} stops and forgets a built or running partition of the run. Every phase
 * checks the token first (constant time); a mismatch is {@code rejected} and does nothing. Never
 * throws for a run's own problems.
 */
final class PartitionTask implements Callable<PartitionReply>, Serializable, HazelcastInstanceAware {
    private static final long serialVersionUID = 1L;
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9_.-]+\\.h5");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9-]+");
    /** User-context key prefix of a built partition. */
    private static final String PREPARED = "cortexsim.partition.";

    enum Phase { HELLO, BUILD, RUN, ABORT }

    private final String token;
    private final Phase phase;
    private final String runId;
    private final int partition;
    /** What the partition is built from: for {@code BUILD} only, else null. */
    private final Build build;
    private transient HazelcastInstance hazelcast;

    /**
     * What every partition of a run is built from, the same for all of them: the partitioning's
     * bounds, the config as text with its source name, base directory and overrides, the name of
     * the run's main file, whether workers write into their shared directory, whether the run
     * resumes from the partitions' checkpoints and keeps them when it completes, and the run's
     * members by UUID with the names to report them by. Data only; checked by the worker when the
     * task arrives (a malformed one is rejected), not here.
     */
    record Build(int[] bounds, String configText, String sourceName, String baseDir, List<String> overrides,
            String mainName, boolean shared, boolean resume, boolean keepCheckpoint, Map<UUID, String> members)
            implements Serializable {
        Build {
            bounds = bounds == null ? null : bounds.clone();
            overrides = overrides == null ? null : new ArrayList<>(overrides);
            members = members == null ? null : new LinkedHashMap<>(members);
        }

        /** The build of {@code config} split by {@code partitioning}, files named after {@code mainName}. */
        static Build of(Partitioning partitioning, Config config, Path baseDir, String mainName, boolean shared,
                RunOptions options, Map<UUID, String> members) {
            return new Build(partitioning.bounds(), config.sourceText(), config.sourceName(), baseDir.toString(),
                    config.overrides(), mainName, shared, options.resume(), options.keepCheckpoint(), members);
        }
    }

    private PartitionTask(String token, Phase phase, String runId, int partition, Build build) {
        this.token = token;
        this.phase = phase;
        this.runId = runId;
        this.partition = partition;
        this.build = build;
    }

    static PartitionTask hello(String token) {
        return new PartitionTask(token, Phase.HELLO, null, 0, null);
    }

    static PartitionTask build(String token, String runId, int partition, Build build) {
        return new PartitionTask(token, Phase.BUILD, runId, partition, build);
    }

    static PartitionTask run(String token, String runId, int partition) {
        return new PartitionTask(token, Phase.RUN, runId, partition, null);
    }

    static PartitionTask abort(String token, String runId) {
        return new PartitionTask(token, Phase.ABORT, runId, 0, null);
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.hazelcast = hazelcastInstance;
    }

    private String me() {
        return ClusterSettings.address(hazelcast.getCluster().getLocalMember());
    }

    @Override
    public PartitionReply call() {
        Map<String, Object> ctx = hazelcast.getUserContext();
        if (!ClusterSettings.tokenMatches(ctx, token)) {
            return PartitionReply.rejected(me(), "wrong token: this worker belongs to another cluster's runs");
        }
        if (phase == null || phase != Phase.HELLO && (runId == null || !RUN_ID.matcher(runId).matches())) {
            return PartitionReply.rejected(me(), "malformed task");
        }
        return switch (phase) {
            case HELLO -> PartitionReply.ok(me(), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory());
            case BUILD -> build(ctx);
            case RUN -> run(ctx);
            case ABORT -> abort(ctx);
        };
    }

    /**
     * A partition built on this worker, waiting for or in its run: its member and exchange, the
     * flag that interrupts it, the directory it writes to (deleted at the end when temporary),
     * whether it resumes and keeps its checkpoint, and {@code started}, set when the run starts:
     * from then on only the run's own thread closes it.
     */
    private record Prepared(PartitionedRun.Member member, TopicSpikeExchange exchange, AtomicBoolean interrupt,
            Path dir, boolean temporary, boolean resume, boolean keepCheckpoint, AtomicBoolean started) {

        void close() {
            exchange.close();
            member.close();
            if (temporary) {
                ClusterSettings.deleteTree(dir);
            }
        }
    }

    private PartitionReply build(Map<String, Object> ctx) {
        Build b = build;
        if (b == null || b.bounds() == null || b.configText() == null || b.sourceName() == null
                || b.baseDir() == null || b.overrides() == null || b.mainName() == null
                || !FILE.matcher(b.mainName()).matches() || b.members() == null
                || partition < 0 || partition >= b.bounds().length - 1) {
            return PartitionReply.rejected(me(), "malformed task");
        }
        boolean shared = b.shared();
        String mainName = b.mainName();
        Path dir;
        boolean temporary = !shared;
        if (shared) {
            if (!(ctx.get(ClusterSettings.SHARED_DIR) instanceof Path sharedDir)) {
                return PartitionReply.rejected(me(), "this worker has no --shared-dir");
            }
            dir = sharedDir;
        } else {
            try {
                dir = Files.createTempDirectory("cortexsim-partition-");
            } catch (IOException e) {
                return PartitionReply.failed(me(), "worker I/O: " + e.getMessage(), false);
            }
        }
        PartitionedRun.Member member = null;
        try {
            List<String> sets = new ArrayList<>(b.overrides());
            sets.add("output.path='" + dir.resolve(mainName).toString().replace("'", "''") + "'");
            Config config = new ConfigLoader().parse(b.configText(), b.sourceName(), Path.of(b.baseDir()), sets);
            Partitioning partitioning = new Partitioning(b.bounds());
            member = PartitionedRun.prepare(config, partitioning, partition, dir.resolve(mainName), b.resume());
            AtomicBoolean interrupt = new AtomicBoolean();
            TopicSpikeExchange exchange = new TopicSpikeExchange(hazelcast, runId, partitioning.partitions(),
                    partition, b.members(), interrupt);
            Prepared p = new Prepared(member, exchange, interrupt, dir, temporary, b.resume(), b.keepCheckpoint(),
                    new AtomicBoolean());
            ctx.put(PREPARED + runId, p);
            return new PartitionReply(me(), PartitionReply.OK, "", false, Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory(), member.windowSteps(), member.synapses(), member.threads(), 0,
                    member.firstStep(), null, Map.of());
        } catch (ConfigException e) {
            cleanUp(member, dir, temporary);
            return PartitionReply.failed(me(), e.getMessage(), true);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            cleanUp(member, dir, temporary);
            return PartitionReply.failed(me(), e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        }
    }

    private static void cleanUp(PartitionedRun.Member member, Path dir, boolean temporary) {
        if (member != null) {
            member.close();
        }
        if (temporary) {
            ClusterSettings.deleteTree(dir);
        }
    }

    private PartitionReply run(Map<String, Object> ctx) {
        if (!(ctx.get(PREPARED + runId) instanceof Prepared p) || !p.started().compareAndSet(false, true)) {
            return PartitionReply.failed(me(), "partition " + partition + " of run " + runId
                    + " was not built here (or was aborted, or runs already)", false);
        }
        try {
            ITopic<long[]> progress = hazelcast.getTopic(TopicSpikeExchange.progressTopic(runId));
            RunOptions options = new RunOptions(x -> publish(progress, x), 1.0, p.interrupt()).withResume(p.resume())
                    .withKeepCheckpoint(p.keepCheckpoint());
            PartitionedRun.Outcome o = p.member().run(p.exchange(), options);
            List<PartitionReply.SegmentFile> segments = new ArrayList<>();
            Map<String, byte[]> files = new LinkedHashMap<>();
            for (ResultSet.Segment s : o.segments()) {
                String name = s.file().getFileName().toString();
                segments.add(new PartitionReply.SegmentFile(s.stream(), name, s.index(), s.startMs(), s.stopMs(),
                        s.count(), s.part()));
                if (p.temporary()) {
                    files.put(name, Files.readAllBytes(s.file()));
                }
            }
            PartitionReply.Result r = new PartitionReply.Result(o.partition(), o.from(), o.to(), o.status(),
                    o.completed(), o.stepsDone(), o.stepsRequested(), o.loopSeconds(), o.setupSeconds(), o.threads(),
                    o.spikes(), o.synapses(), o.synapticEvents(), o.windowSteps(), o.exchanges(), o.exchangeSeconds(),
                    o.exchangedSpikes(), p.exchange().bytesSent(), segments, o.firstStep(), o.checkpointStep(),
                    o.resumable(), o.plastic().stream().map(PartitionReply.PlasticWeights::of).toList());
            return new PartitionReply(me(), PartitionReply.OK, "", false, Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory(), o.windowSteps(), o.synapses(), o.threads(), o.setupSeconds(),
                    o.firstStep(), r, files);
        } catch (ConfigException e) {
            p.exchange().fail("partition " + partition + " on " + me() + " cannot continue: " + e.getMessage());
            return PartitionReply.failed(me(), e.getMessage(), true);
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            p.exchange().fail("partition " + partition + " on " + me() + " failed: " + e);
            return PartitionReply.failed(me(), e.getClass().getSimpleName() + ": " + e.getMessage(), false);
        } finally {
            ctx.remove(PREPARED + runId);
            p.close();
        }
    }

    private void publish(ITopic<long[]> progress, Progress x) {
        try {
            progress.publish(new long[] {partition, x.stepsDone(), x.steps(), x.spikes()});
        } catch (RuntimeException e) {
            // progress is best effort
        }
    }

    private PartitionReply abort(Map<String, Object> ctx) {
        if (ctx.get(PREPARED + runId) instanceof Prepared p) {
            p.exchange().fail("the run was aborted by its driver");
            if (p.started().compareAndSet(false, true)) {
                // not running: nobody else will close it
                ctx.remove(PREPARED + runId);
                p.close();
            }
        }
        return PartitionReply.ok(me(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory());
    }
}
