package org.cortexsim.sweep;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.topic.ITopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.Location;
import org.cortexsim.results.ResultSet;
import org.cortexsim.run.PartitionedRun;
import org.cortexsim.run.Progress;
import org.cortexsim.run.RunOptions;
import org.cortexsim.run.RunReport;
import org.cortexsim.run.build.Partitioning;

/**
 * The driver of a partitioned run on the cluster ({@code cortexsim run --cluster}): one network
 * split into K partitions, one per worker, whose spikes are bit-identical to a run of the whole
 * network in one process ({@link PartitionedRun}).
 *
 * <p>It joins the cluster as a Hazelcast lite member (as a sweep's driver does), waits for K
 * workers, and then, phase by phase through the {@value ClusterSettings#PARTITION_EXECUTOR}
 * executor ({@link PartitionTask}): says hello to each (a wrong token is refused before anything
 * is sent), has each build its partition and join the run's spike exchange, and, once all are
 * built, starts all runs. Meanwhile it prints the slowest partition's progress, turns an interrupt
 * into a stop request on the control topic (all partitions stop after the same window), and
 * watches the members: a worker that leaves the cluster stops the others (each sees it through its
 * own membership listener). When every partition has answered it writes the files that came back
 * as bytes (unless the workers write into the shared directory) and the main file.
 *
 * <p>Owns its Hazelcast instance for the duration of {@link #run}; touched by one thread, apart
 * from the listeners, which only record into concurrent maps.
 */
public final class ClusterRun {
    private ClusterRun() {
    }

    /** The run was refused before anything ran: no workers, a wrong token, a member that failed to build. */
    public static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        public RefusedException(String message) {
            super(message);
        }
    }

    /**
     * Runs {@code config} (loaded from a file in {@code baseDir}, which the workers must see at the
     * same path when the config refers to files) in {@code partitions} partitions on the cluster of
     * {@code options} (0: one per worker). With {@code shared}, workers write into their shared
     * directory, which must be the output file's directory as the workers see it.
     */
    public static RunReport run(Config config, Path baseDir, ClusterOptions options, int partitions, boolean shared,
            RunOptions runOptions, Consumer<String> log) throws ConfigException, IOException, RefusedException {
        final Instant startedAt = Instant.now();
        if (!shared && (runOptions.resume() || config.simulation().checkpoint().isPresent())) {
            throw new ConfigException(Location.of(config.sourceName()).withKeyPath("simulation.checkpoint"),
                    "a partitioned run checkpoints (and resumes) only with --shared: every worker writes its "
                    + "partition's checkpoint and segments into the shared directory, where a fresh worker finds them; "
                    + "start the workers with --shared-dir (the output directory as they see it) and add --shared");
        }
        PartitionedRun.checkBeforeRun(config, Math.max(1, partitions), runOptions.resume());
        int port = options.port() > 0 ? options.port() : ClusterSweep.freePort(options.bind());
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(ClusterSettings.config(options, port, true, 0, 1));
        try {
            return new Driver(config, baseDir, options, shared, runOptions, log, hz, startedAt).run(partitions);
        } finally {
            hz.shutdown();
        }
    }

    private static final class Driver {
        private final Config config;
        private final Path baseDir;
        private final ClusterOptions options;
        private final boolean shared;
        private final RunOptions runOptions;
        private final Consumer<String> log;
        private final HazelcastInstance hz;
        private final Instant startedAt;
        private final IExecutorService executor;
        private final String runId = UUID.randomUUID().toString();
        /** Members that left the cluster during the run, by UUID, with the time they were noticed. */
        private final Map<UUID, Long> gone = new ConcurrentHashMap<>();
        /** The latest progress of each partition: steps done, steps, spikes. */
        private final Map<Integer, long[]> progress = new ConcurrentHashMap<>();

        Driver(Config config, Path baseDir, ClusterOptions options, boolean shared, RunOptions runOptions,
                Consumer<String> log, HazelcastInstance hz, Instant startedAt) {
            this.config = config;
            this.baseDir = baseDir;
            this.options = options;
            this.shared = shared;
            this.runOptions = runOptions;
            this.log = log;
            this.hz = hz;
            this.startedAt = startedAt;
            this.executor = hz.getExecutorService(ClusterSettings.PARTITION_EXECUTOR);
        }

        RunReport run(int requested) throws ConfigException, IOException, RefusedException {
            List<Member> workers = awaitWorkers(requested);
            int k = requested > 0 ? requested : workers.size();
            workers = workers.subList(0, k);
            Partitioning partitioning = Partitioning.of(config, k);
            Map<UUID, String> names = new LinkedHashMap<>();
            for (int p = 0; p < k; p++) {
                names.put(workers.get(p).getUuid(), "member " + ClusterSettings.address(workers.get(p))
                        + " (partition " + p + " of " + k + ")");
            }
            names.put(hz.getCluster().getLocalMember().getUuid(),
                    "the driver " + ClusterSettings.address(hz.getCluster().getLocalMember()));
            hz.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent e) {
                }

                @Override
                public void memberRemoved(MembershipEvent e) {
                    gone.put(e.getMember().getUuid(), System.nanoTime());
                }
            });
            // hello: nothing is sent before every worker accepts the token
            List<PartitionReply> hello = callAll(workers, p -> PartitionTask.hello(options.token()), "say hello to");
            for (PartitionReply r : hello) {
                if (!r.isOk()) {
                    throw new RefusedException("member " + r.member() + " refused the run: " + r.message()
                            + "; use the token its workers were started with (--token or $CORTEXSIM_SWEEP_TOKEN)");
                }
            }
            String mainName = config.output().path().getFileName().toString();
            List<PartitionReply> built;
            try {
                PartitionTask.Build build = PartitionTask.Build.of(partitioning, config, baseDir, mainName, shared,
                        runOptions, names);
                built = callAll(workers, p -> PartitionTask.build(options.token(), runId, p, build),
                        "build partitions on");
            } catch (RefusedException e) {
                abortAll(workers);
                throw e;
            }
            for (PartitionReply r : built) {
                if (!r.isOk()) {
                    abortAll(workers);
                    String what = "member " + r.member() + " could not build its partition: " + r.message();
                    if (r.configError()) {
                        throw new ConfigException(Location.of(config.sourceName()), what);
                    }
                    throw new RefusedException(what);
                }
            }
            long firstStep = built.get(0).firstStep();
            for (PartitionReply r : built) {
                if (r.firstStep() != firstStep) {
                    abortAll(workers);
                    var grid = config.simulation().grid();
                    throw new RefusedException("the partitions' checkpoints are of different times (" + grid.label(
                            firstStep) + " ms on " + built.get(0).member() + ", " + grid.label(r.firstStep()) + " ms on "
                            + r.member() + "): a member stopped while the others checkpointed; the run cannot continue"
                            + " from them, start it over with --overwrite");
                }
            }
            if (runOptions.resume()) {
                log.accept(String.format(Locale.ROOT, "resuming from the partitions' checkpoints at t = %s ms",
                        config.simulation().grid().label(firstStep)));
            }
            int window = built.get(0).windowSteps();
            double windowMs = window * config.simulation().dtMs();
            log.accept(String.format(Locale.ROOT, "partitioned run on %d member(s) of cluster '%s': %s; spikes "
                    + "exchanged every %d step(s) (%s ms, the shortest delay); %d synapses",
                    k, options.clusterName(), describe(workers, partitioning, built), window, windowMs,
                    built.stream().mapToLong(PartitionReply::synapses).sum()));
            return runAll(workers, partitioning, names);
        }

        /** Workers present once enough have joined (sorted by address), or refused after the join timeout. */
        private List<Member> awaitWorkers(int requested) throws RefusedException {
            long end = System.nanoTime() + options.joinTimeout().toNanos();
            long expected = requested > 0 ? requested : options.members().stream()
                    .filter(a -> !a.equals(options.bind() + ":" + hz.getCluster().getLocalMember().getAddress()
                            .getPort())).count();
            while (true) {
                List<Member> workers = new ArrayList<>();
                for (Member m : hz.getCluster().getMembers()) {
                    if (!m.isLiteMember()) {
                        workers.add(m);
                    }
                }
                workers.sort(Comparator.comparing(ClusterSettings::address));
                if (workers.size() >= expected && !workers.isEmpty()) {
                    return workers;
                }
                if (runOptions.interrupt().get()) {
                    throw new RefusedException("interrupted while waiting for workers");
                }
                if (System.nanoTime() > end) {
                    if (requested == 0 && !workers.isEmpty()) {
                        log.accept(workers.size() + " of the " + expected + " listed worker(s) joined within "
                                + options.joinTimeout().toSeconds() + " s; running on those");
                        return workers;
                    }
                    throw new RefusedException((workers.isEmpty() ? "no worker" : "only " + workers.size()
                            + " worker(s)") + " of cluster '" + options.clusterName() + "' joined within "
                            + options.joinTimeout().toSeconds() + " s (listed: " + String.join(",", options.members())
                            + (requested > 0 ? "; " + requested + " partitions need " + requested + " workers" : "")
                            + "); check that `cortexsim worker` runs there with --cluster-name "
                            + options.clusterName() + " (workers of another cluster name refuse this driver)");
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RefusedException("interrupted while waiting for workers");
                }
            }
        }

        private interface TaskMaker {
            PartitionTask make(int partition);
        }

        /** Sends one task to each worker (partition p to worker p) and waits for all answers. */
        private List<PartitionReply> callAll(List<Member> workers, TaskMaker tasks, String what)
                throws RefusedException {
            List<Future<PartitionReply>> futures = new ArrayList<>();
            for (int p = 0; p < workers.size(); p++) {
                futures.add(executor.submitToMember(tasks.make(p), workers.get(p)));
            }
            List<PartitionReply> replies = new ArrayList<>();
            for (int p = 0; p < futures.size(); p++) {
                try {
                    replies.add(futures.get(p).get());
                } catch (ExecutionException e) {
                    throw new RefusedException("could not " + what + " member "
                            + ClusterSettings.address(workers.get(p)) + ": " + e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RefusedException("interrupted while waiting to " + what + " the members");
                }
            }
            return replies;
        }

        private void abortAll(List<Member> workers) {
            for (Member m : workers) {
                try {
                    executor.submitToMember(PartitionTask.abort(options.token(), runId), m).get(10, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    // a member that is gone has nothing left to abort
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        /** Starts every partition's run, follows progress and members, and writes the results. */
        private RunReport runAll(List<Member> workers, Partitioning partitioning, Map<UUID, String> names)
                throws ConfigException, IOException {
            int k = workers.size();
            ITopic<long[]> progressTopic = hz.getTopic(TopicSpikeExchange.progressTopic(runId));
            UUID progressListener = progressTopic.addMessageListener(m -> {
                long[] x = m.getMessageObject();
                progress.put((int) x[0], x);
            });
            ITopic<String> control = hz.getTopic(TopicSpikeExchange.controlTopic(runId));
            List<Future<PartitionReply>> futures = new ArrayList<>();
            for (int p = 0; p < k; p++) {
                futures.add(executor.submitToMember(PartitionTask.run(options.token(), runId, p), workers.get(p)));
            }
            final long loopBegin = System.nanoTime();
            boolean stopSent = false;
            long lastReport = 0;
            PartitionReply[] replies = new PartitionReply[k];
            String[] errors = new String[k];
            int answered = 0;
            while (answered < k) {
                if (runOptions.interrupt().get() && !stopSent) {
                    control.publish(TopicSpikeExchange.CONTROL_STOP + "interrupted");
                    stopSent = true;
                }
                for (int p = 0; p < k; p++) {
                    if (replies[p] != null || errors[p] != null || !futures.get(p).isDone()) {
                        continue;
                    }
                    try {
                        replies[p] = futures.get(p).get();
                        if (!replies[p].isOk()) {
                            errors[p] = replies[p].message();
                            replies[p] = null;
                        }
                    } catch (ExecutionException e) {
                        errors[p] = String.valueOf(e.getCause());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while waiting for the partitions", e);
                    }
                    if (errors[p] != null) {
                        // the others are waiting for this partition's spikes: stop them
                        control.publish(TopicSpikeExchange.CONTROL_ABORT + names.get(workers.get(p).getUuid())
                                + " failed: " + errors[p]);
                    }
                    answered++;
                }
                long now = System.nanoTime();
                if (Double.isFinite(runOptions.progressIntervalSeconds())
                        && (now - lastReport) / 1e9 >= runOptions.progressIntervalSeconds() && progress.size() == k) {
                    lastReport = now;
                    runOptions.progress().accept(aggregate(k, (now - loopBegin) / 1e9));
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the partitions", e);
                }
            }
            progressTopic.removeMessageListener(progressListener);
            List<PartitionedRun.Outcome> outcomes = new ArrayList<>();
            List<String> lost = new ArrayList<>();
            for (int p = 0; p < k; p++) {
                if (replies[p] == null || replies[p].result() == null) {
                    lost.add(names.get(workers.get(p).getUuid()) + (gone.containsKey(workers.get(p).getUuid())
                            ? " left the cluster" : " failed: " + errors[p]));
                    continue;
                }
                if (!shared) {
                    writeLocally(replies[p].files());
                }
                outcomes.add(outcome(replies[p].result()));
            }
            String failure = lost.isEmpty() ? null : failure(lost, outcomes, partitioning);
            RunReport report = PartitionedRun.writeMain(config, partitioning, outcomes, failure, runOptions.resume(),
                    startedAt, Instant.now());
            for (String topic : List.of(TopicSpikeExchange.spikeTopic(runId), TopicSpikeExchange.controlTopic(runId),
                    TopicSpikeExchange.progressTopic(runId))) {
                hz.getTopic(topic).destroy();
            }
            log.accept(exchangeSummary(replies));
            return report;
        }

        /** The slowest partition's progress, with the spikes of all. */
        private Progress aggregate(int k, double wallSeconds) {
            long done = Long.MAX_VALUE;
            long steps = 0;
            long spikes = 0;
            for (long[] x : progress.values()) {
                done = Math.min(done, x[1]);
                steps = x[2];
                spikes += x[3];
            }
            var grid = config.simulation().grid();
            return new Progress(done, steps, grid.timeOf(done), grid.timeOf(steps), wallSeconds, spikes);
        }

        /**
         * The status of a run that lost members: who, at what model time the others stopped, and
         * what was kept.
         */
        private String failure(List<String> lost, List<PartitionedRun.Outcome> survivors, Partitioning partitioning) {
            var grid = config.simulation().grid();
            long reached = survivors.stream().mapToLong(PartitionedRun.Outcome::stepsDone).min()
                    .orElse(progress.values().stream().mapToLong(x -> x[1]).min().orElse(0));
            StringBuilder b = new StringBuilder("failed: ").append(String.join("; ", lost));
            b.append(String.format(Locale.ROOT, "; the run stopped at t = %.3f ms of %s ms", grid.timeOf(reached),
                    config.simulation().durationMs()));
            if (survivors.isEmpty()) {
                b.append("; nothing was kept");
            } else {
                b.append("; kept: the recordings of partition(s) ").append(String.join(", ", survivors.stream()
                        .map(o -> o.partition() + " (neurons " + o.from() + "-" + (o.to() - 1) + ")").toList()))
                        .append(String.format(Locale.ROOT, " up to t = %.3f ms", grid.timeOf(reached)));
                b.append(shared ? "; the lost partitions' segment files already written stay in the output directory,"
                        + " unlisted" : "; the lost partitions' recordings are lost");
            }
            long checkpoint = PartitionedRun.checkpointStep(config.output().path().toAbsolutePath().normalize(),
                    partitioning, survivors);
            if (checkpoint >= 0) {
                b.append(String.format(Locale.ROOT, "; every partition has a checkpoint at t = %.3f ms: continue the run"
                        + " from there with the same command and --resume on %d workers", grid.timeOf(checkpoint),
                        partitioning.partitions()));
            }
            return b.toString();
        }

        private static PartitionedRun.Outcome outcome(PartitionReply.Result r) {
            List<ResultSet.Segment> segments = new ArrayList<>();
            for (PartitionReply.SegmentFile s : r.segments()) {
                segments.add(new ResultSet.Segment(s.stream(), Path.of(s.file()), s.index(), s.startMs(), s.stopMs(),
                        s.count(), s.part()));
            }
            return new PartitionedRun.Outcome(r.partition(), r.from(), r.to(), r.status(), r.completed(),
                    r.stepsDone(), r.stepsRequested(), r.loopSeconds(), r.setupSeconds(), r.threads(), r.spikes(),
                    r.synapses(), r.synapticEvents(), r.windowSteps(), r.exchanges(), r.exchangeSeconds(),
                    r.exchangedSpikes(), segments, r.firstStep(), r.checkpointStep(), r.resumable(),
                    r.plastic().stream().map(PartitionReply.PlasticWeights::part).toList());
        }

        /** Writes returned files into the output directory, each atomically. */
        private void writeLocally(Map<String, byte[]> files) throws IOException {
            Path dir = config.output().path().toAbsolutePath().normalize().getParent();
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                String name = f.getKey();
                if (name.contains("/") || name.contains("\\") || name.startsWith(".") || !name.endsWith(".h5")) {
                    continue;
                }
                Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
                try {
                    Files.write(tmp, f.getValue());
                    Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
        }

        /** One line per partition: exchanges, their wall time and the bytes sent. */
        private String exchangeSummary(PartitionReply[] replies) {
            StringBuilder b = new StringBuilder("exchange:");
            for (PartitionReply r : replies) {
                if (r == null || r.result() == null) {
                    continue;
                }
                PartitionReply.Result x = r.result();
                b.append(String.format(Locale.ROOT, "%n  partition %d on %s: %d exchanges, %.3f s of %.3f s loop "
                        + "waiting or exchanging (%.1f us each), %d bytes sent, %d spikes received", x.partition(),
                        r.member(), x.exchanges(), x.exchangeSeconds(), x.loopSeconds(),
                        x.exchanges() == 0 ? 0 : 1e6 * x.exchangeSeconds() / x.exchanges(), x.bytesSent(),
                        x.exchangedSpikes()));
            }
            return b.toString();
        }

        private static String describe(List<Member> workers, Partitioning partitioning, List<PartitionReply> built) {
            List<String> parts = new ArrayList<>();
            for (int p = 0; p < workers.size(); p++) {
                parts.add(String.format(Locale.ROOT, "%d on %s (neurons %d-%d, %d thread(s))", p,
                        ClusterSettings.address(workers.get(p)), partitioning.from(p), partitioning.to(p) - 1,
                        built.get(p).threads()));
            }
            return "partition " + String.join(", ", parts);
        }
    }
}
