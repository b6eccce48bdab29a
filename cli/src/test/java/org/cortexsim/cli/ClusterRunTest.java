package org.cortexsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.ResultSet;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SpikeData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Partitioned runs on a real cluster: three child JVMs run {@code cortexsim worker} on 127.0.0.1
 * (the test class path), and {@code cortexsim run --cluster} in this JVM splits a network over 1,
 * 2 or 3 of them. Spikes (and the merged reports) are bit-identical to the same config run in one
 * process, for the cortex example (shortened), a network with delays of 1-20 ms, Poisson input and
 * exp_current synapses ({@code delays.yaml} beside this class), the numpy peer's benchmark network
 * read from its exported files (window of one step), and a plastic network with a spike source
 * ({@code plastic.yaml}; its plasticity statistics too, merged from the workers' weights). A wrong
 * token or cluster name is refused before anything runs; a worker
 * killed with {@code kill -9} mid-run stops the run within the heartbeat timeout with a message
 * naming it and the model time reached, and the partitions kept read exactly as the run in one
 * process up to that time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterRunTest {
    private static final String TOKEN = "partition-token-" + UUID.randomUUID();
    private static final String CLUSTER = "part-test-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<Process> WORKERS = new ArrayList<>();
    private static final List<Path> LOGS = new ArrayList<>();
    private static String members;

    @TempDir
    static Path dir;

    /** Single-process runs by network name, made once. */
    private static final Map<String, Path> ONE_PROCESS = new HashMap<>();

    private static final List<Integer> PORTS = new ArrayList<>();

    @BeforeAll
    static void startWorkers() throws Exception {
        List<Integer> ports = PORTS;
        for (int w = 0; w < 3; w++) {
            ports.add(SweepClusterTest.freePort());
        }
        // in the order the driver gives partitions to workers (by address): worker w runs partition w
        ports.sort(java.util.Comparator.comparing(p -> "127.0.0.1:" + p));
        members = String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
        Path shared = dir.resolve("shared");
        Files.createDirectories(shared);
        for (int w = 0; w < 3; w++) {
            WORKERS.add(null);
            LOGS.add(null);
            startWorker(w);
        }
        for (int w = 0; w < 3; w++) {
            SweepClusterTest.awaitReady(WORKERS.get(w), LOGS.get(w));
        }
    }

    /** Starts worker {@code w} (anew, after a kill) on its port; it runs partition w of three. */
    static void startWorker(int w) throws IOException {
        Path log = dir.resolve("worker" + w + "-" + System.nanoTime() + ".log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx384m", "-cp",
                System.getProperty("java.class.path"), "org.cortexsim.cli.Main", "worker", "--bind", "127.0.0.1",
                "--port", String.valueOf(PORTS.get(w)), "--cluster-name", CLUSTER, "--members", members,
                "--token", TOKEN, "--slots", "1", "--heartbeat-timeout", "4", "--shared-dir",
                dir.resolve("shared").toString());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        WORKERS.set(w, pb.start());
        LOGS.set(w, log);
    }

    @AfterAll
    static void stopWorkers() throws InterruptedException {
        for (Process p : WORKERS) {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** The config file of {@code network} (written or exported once) and the options that shorten it. */
    static Path configOf(String network) throws Exception {
        switch (network) {
            case "cortex":
                return Path.of("..", "examples", "cortex.yaml").toAbsolutePath().normalize();
            case "delays", "plastic":
                return TestConfigs.file(network + ".yaml");
            case "peer": {
                Path net = dir.resolve("peer-net");
                Path config = net.resolve("peer_benchmark.yaml");
                if (!Files.exists(config)) {
                    Path peers = org.cortexsim.cli.ClusterRunTest.peers();
                    boolean present = Files.isRegularFile(peers.resolve("numpy_net.py"));
                    if (!present) {
                        System.err.println("NOTICE: skipping the peer network on the cluster: no numpy_net.py in "
                                + peers + " (set CORTEXSIM_PEERS to the peers folder)");
                    }
                    Assumptions.assumeTrue(present);
                    Process p = new ProcessBuilder("/usr/bin/python3", peers.resolve("numpy_net.py").toString(),
                            "--N", "1000", "--repeats", "1", "--export", net.toString()).redirectErrorStream(true)
                            .start();
                    String out = new String(p.getInputStream().readAllBytes());
                    boolean exported = p.waitFor(600, TimeUnit.SECONDS) && p.exitValue() == 0;
                    if (!exported && out.contains("No module named")) {
                        System.err.println("NOTICE: skipping the peer network on the cluster: python3 lacks numpy");
                        Assumptions.assumeTrue(false);
                    }
                    assertTrue(exported, out);
                    Files.copy(Path.of("..", "examples", "peer_benchmark.yaml"), config);
                }
                return config;
            }
            default:
                throw new IllegalArgumentException(network);
        }
    }

    static Path peers() {
        String configured = System.getenv("CORTEXSIM_PEERS");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/peers");
            if (Files.isRegularFile(candidate.resolve("numpy_net.py"))) {
                return candidate;
            }
        }
        return Path.of("../../shared/peers").toAbsolutePath().normalize();
    }

    static String[] shortened(String network) {
        return switch (network) {
            case "cortex", "peer" -> new String[] {"--duration", "300"};
            default -> new String[0];
        };
    }

    static Path oneProcess(String network) throws Exception {
        Path out = ONE_PROCESS.get(network);
        if (out == null) {
            out = dir.resolve(network + "-one.h5");
            List<String> args = new ArrayList<>(List.of("run", configOf(network).toString(), "-o", out.toString(), "-q"));
            args.addAll(List.of(shortened(network)));
            CliTest.Outcome o = CliTest.run(args.toArray(String[]::new));
            assertEquals(0, o.code(), o.err());
            ONE_PROCESS.put(network, out);
        }
        return out;
    }

    List<String> clusterArgs(String network, Path out, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", configOf(network).toString(), "-o", out.toString(),
                "--cluster", "--members", members, "--cluster-name", CLUSTER, "--token", TOKEN,
                "--heartbeat-timeout", "4", "--join-timeout", "60"));
        args.addAll(List.of(shortened(network)));
        args.addAll(List.of(extra));
        return args;
    }

    @ParameterizedTest(name = "{0}, K = {1}")
    @CsvSource({"cortex, 1", "cortex, 2", "cortex, 3", "delays, 1", "delays, 2", "delays, 3", "peer, 1", "peer, 2",
        "peer, 3", "plastic, 2", "plastic, 3"})
    @Order(1)
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void spikesOnKMachinesAreBitIdenticalToOneProcess(String network, int k) throws Exception {
        Path one = oneProcess(network);
        Path out = dir.resolve(network + "-k" + k + ".h5");
        long begin = System.nanoTime();
        CliTest.Outcome o = CliTest.run(clusterArgs(network, out, "--partitions", String.valueOf(k))
                .toArray(String[]::new));
        double seconds = (System.nanoTime() - begin) / 1e9;
        assertEquals(0, o.code(), o.err() + logs());
        assertTrue(o.err().contains("partitioned run on " + k + " member(s)"), o.err());
        int window = network.equals("cortex") ? 5 : network.equals("delays") || network.equals("plastic") ? 10 : 1;
        assertTrue(o.err().contains("spikes exchanged every " + window + " step(s)"), o.err());
        try (ResultSet a = ResultSet.open(one); ResultSet b = ResultSet.open(out);
                SonataReader main = SonataReader.open(out)) {
            assertEquals((long) k, main.rootAttribute("partitions"));
            assertEquals("completed", main.rootAttribute("status"));
            assertEquals(a.spikePopulations(), main.spikePopulations());
            long total = 0;
            for (String pop : a.spikePopulations()) {
                total += assertSameSpikes(a.spikes(pop), main.spikes(pop), pop);
            }
            assertTrue(total > 500, "an active network: " + total + " spikes");
            assertEquals(a.reports(), b.reports());
            for (String report : a.reports()) {
                ReportMetadata ma = a.reportMetadata(report);
                ReportMetadata mb = b.reportMetadata(report);
                assertArrayEquals(ma.nodeIds(), mb.nodeIds(), report);
                assertArrayEquals(a.reportSlice(report, 0, ma.rows(), 0, ma.cols()),
                        b.reportSlice(report, 0, mb.rows(), 0, mb.cols()), report);
            }
        }
        // the plasticity statistics, from every worker's weights merged into the whole network's order
        List<org.cortexsim.results.PlasticityInfo> x = org.cortexsim.results.PlasticityInfo.read(one);
        List<org.cortexsim.results.PlasticityInfo> y = org.cortexsim.results.PlasticityInfo.read(out);
        assertEquals(network.equals("plastic") ? 3 : 0, x.size());
        assertEquals(x.size(), y.size());
        for (int i = 0; i < x.size(); i++) {
            assertArrayEquals(x.get(i).initialStats(), y.get(i).initialStats(), 0.0, x.get(i).projection());
            assertArrayEquals(x.get(i).finalStats(), y.get(i).finalStats(), 0.0, x.get(i).projection());
            assertArrayEquals(x.get(i).histogramFinal(), y.get(i).histogramFinal(), x.get(i).projection());
        }
        System.out.printf("cluster run of %s on %d worker(s): %.1f s%n", network, k, seconds);
    }

    @Test
    @Order(2)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aWrongTokenOrClusterNameIsRefusedBeforeAnythingRuns() throws Exception {
        Path out = dir.resolve("refused.h5");
        List<String> args = clusterArgs("cortex", out);
        args.set(args.indexOf(TOKEN), "not-the-token");
        CliTest.Outcome wrongToken = CliTest.run(args.toArray(String[]::new));
        assertEquals(2, wrongToken.code(), wrongToken.err());
        assertTrue(wrongToken.err().contains("refused the run: wrong token"), wrongToken.err());
        assertTrue(wrongToken.err().contains("nothing was run"), wrongToken.err());
        assertFalse(Files.exists(out));

        List<String> other = clusterArgs("cortex", out);
        other.set(other.indexOf(CLUSTER), "another-cluster");
        other.set(other.indexOf("--join-timeout") + 1, "4");
        CliTest.Outcome wrongName = CliTest.run(other.toArray(String[]::new));
        assertEquals(2, wrongName.code(), wrongName.err());
        assertTrue(wrongName.err().contains("no worker of cluster 'another-cluster' joined within 4 s"),
                wrongName.err());
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("refused")));
        }
    }

    @Test
    @Order(3)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aWorkerKilledMidRunStopsTheRunAndTheRestIsKept() throws Exception {
        Path shared = dir.resolve("shared");
        Path out = shared.resolve("killed.h5");
        // a long run whose recordings flush into segments every ~1 MB, written straight into the shared directory
        List<String> args = clusterArgs("cortex", out, "--shared", "--set", "record.memory_budget_MB=1");
        args.set(args.indexOf("300"), "30000");
        Killer killer = new Killer(WORKERS.get(2), () -> anyPartSegment(shared, 2), 50);
        CliTest.Outcome o = CliTest.run(args.toArray(String[]::new));
        long stoppedAt = System.nanoTime();
        assertTrue(killer.killed(), "the worker of partition 2 was killed mid-run: " + o.err());
        assertEquals(1, o.code(), o.err());
        double afterKill = (stoppedAt - killer.killedAt) / 1e9;
        assertTrue(afterKill < 4 + 10, "stopped " + afterKill + " s after the kill (heartbeat timeout 4 s)");
        String member = "member " + members.split(",")[2] + " (partition 2 of 3) left the cluster";
        assertTrue(o.err().contains(member), o.err());
        assertTrue(o.err().contains("the run stopped at t = "), o.err());
        assertTrue(o.err().contains("kept: the recordings of partition(s) 0 (neurons 0-"), o.err());
        double reached;
        try (SonataReader main = SonataReader.open(out)) {
            String status = String.valueOf(main.rootAttribute("status"));
            assertTrue(status.startsWith("failed: " + member), status);
            reached = (double) main.rootAttribute("model_time_reached_ms");
            assertTrue(reached > 0 && reached < 30000, "reached " + reached);
        }
        // what was kept reads as the run in one process, up to the time reached, for the partitions kept
        Path one = dir.resolve("killed-one.h5");
        CliTest.Outcome ref = CliTest.run("run", configOf("cortex").toString(), "-o", one.toString(), "-q",
                "--duration", String.valueOf(reached));
        assertEquals(0, ref.code(), ref.err());
        long[] bounds;
        try (SonataReader main = SonataReader.open(out)) {
            bounds = (long[]) main.rootAttribute("partition_bounds");
        }
        try (ResultSet a = ResultSet.open(one); ResultSet b = ResultSet.open(out)) {
            assertTrue(b.missingFiles().isEmpty(), b.missingFiles().toString());
            long kept = 0;
            for (String pop : List.of("exc", "inh")) {
                long offset = pop.equals("exc") ? 0 : 800;
                SpikeData x = a.spikes(pop);
                List<String> expected = new ArrayList<>();
                for (int s = 0; s < x.count(); s++) {
                    if (x.nodeIds()[s] + offset < bounds[2]) {
                        expected.add(x.timestampsMs()[s] + "," + x.nodeIds()[s]);
                    }
                }
                SpikeData y = b.spikes(pop);
                List<String> got = new ArrayList<>();
                for (int s = 0; s < y.count(); s++) {
                    got.add(y.timestampsMs()[s] + "," + y.nodeIds()[s]);
                }
                assertEquals(expected, got, pop);
                kept += got.size();
            }
            assertTrue(kept > 100, "spikes kept: " + kept);
        }
    }

    /**
     * A run that checkpoints every 400 ms, with a worker killed after the first checkpoint, stops
     * saying where it can continue from; the killed worker is started anew (a fresh JVM), and the
     * same command with --resume continues from the partitions' checkpoints to the spikes of the
     * uninterrupted run in one process.
     */
    @Test
    @Order(4)
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aRunKilledAfterACheckpointResumesOnFreshWorkersToTheSameSpikes() throws Exception {
        startWorker(2);
        SweepClusterTest.awaitReady(WORKERS.get(2), LOGS.get(2));
        Path shared = dir.resolve("shared");
        Path out = shared.resolve("resumed.h5");
        List<String> args = clusterArgs("cortex", out, "--shared", "--checkpoint-every", "400");
        args.set(args.indexOf("300"), "2500");
        Killer killer = new Killer(WORKERS.get(1),
                () -> Files.exists(shared.resolve("resumed.part001.checkpoint.h5")), 20);
        CliTest.Outcome o = CliTest.run(args.toArray(String[]::new));
        assertTrue(killer.killed());
        assertEquals(1, o.code(), o.err());
        assertTrue(o.err().contains("(partition 1 of 3) left the cluster"), o.err());
        assertTrue(o.err().contains("every partition has a checkpoint at t = ")
                && o.err().contains("--resume on 3 workers"), o.err());

        startWorker(1);
        SweepClusterTest.awaitReady(WORKERS.get(1), LOGS.get(1));
        args.add("--resume");
        CliTest.Outcome resumed = CliTest.run(args.toArray(String[]::new));
        assertEquals(0, resumed.code(), resumed.err() + logs());
        assertTrue(resumed.err().contains("resuming from the partitions' checkpoints at t = "), resumed.err());

        Path one = dir.resolve("resumed-one.h5");
        CliTest.Outcome ref = CliTest.run("run", configOf("cortex").toString(), "-o", one.toString(), "-q",
                "--duration", "2500");
        assertEquals(0, ref.code(), ref.err());
        try (ResultSet a = ResultSet.open(one); ResultSet b = ResultSet.open(out)) {
            assertEquals("completed", b.provenance().get("status"));
            for (String pop : a.spikePopulations()) {
                assertSameSpikes(a.spikes(pop), b.spikes(pop), pop);
            }
            for (String report : a.reports()) {
                ReportMetadata ma = a.reportMetadata(report);
                ReportMetadata mb = b.reportMetadata(report);
                assertArrayEquals(a.reportSlice(report, 0, ma.rows(), 0, ma.cols()),
                        b.reportSlice(report, 0, mb.rows(), 0, mb.cols()), report);
            }
        }
        for (int p = 0; p < 3; p++) {
            assertFalse(Files.exists(shared.resolve(String.format("resumed.part%03d.checkpoint.h5", p))));
        }
    }

    /** Asserts that {@code x} and {@code y} hold the same spikes (node ids and times, in order); returns their count. */
    static long assertSameSpikes(SpikeData x, SpikeData y, String population) {
        assertArrayEquals(x.nodeIds(), y.nodeIds(), population);
        assertArrayEquals(x.timestampsMs(), y.timestampsMs(), population);
        return x.count();
    }

    /** A condition a {@link Killer} polls; it may read files. */
    interface Condition {
        boolean holds() throws IOException;
    }

    /**
     * Kills a worker ({@code kill -9}) from a thread of its own as soon as a condition holds,
     * polling it every {@code pollMs} for up to 200 s; records whether the worker died and when.
     */
    static final class Killer {
        private final AtomicBoolean killed = new AtomicBoolean();
        private final Thread thread;
        volatile long killedAt;

        Killer(Process victim, Condition ready, long pollMs) {
            thread = new Thread(() -> {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
                try {
                    while (System.nanoTime() < end && !ready.holds()) {
                        Thread.sleep(pollMs);
                    }
                    if (ready.holds()) {
                        victim.destroyForcibly();
                        killedAt = System.nanoTime();
                        killed.set(victim.waitFor(20, TimeUnit.SECONDS));
                    }
                } catch (IOException | InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "kill-worker");
            thread.setDaemon(true);
            thread.start();
        }

        /** Whether the worker was killed and died (waiting up to 30 s for the killing thread). */
        boolean killed() throws InterruptedException {
            thread.join(30_000);
            return killed.get();
        }
    }

    static boolean anyPartSegment(Path shared, int part) throws IOException {
        try (var files = Files.list(shared)) {
            return files.anyMatch(f -> f.getFileName().toString().matches("killed.*\\.part00" + part
                    + "\\.seg\\d+\\.h5"));
        }
    }

    static String logs() throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path log : LOGS) {
            b.append("\n").append(log.getFileName()).append(":\n").append(Files.readString(log));
        }
        return b.toString();
    }
}
