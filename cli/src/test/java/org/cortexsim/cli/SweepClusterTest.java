package org.cortexsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SpikeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real two-process cluster on 127.0.0.1: two child JVMs run {@code cortexsim worker} (the
 * test classpath, one slot each), the driver runs {@code cortexsim sweep --cluster} in this JVM,
 * and one worker is killed with {@code kill -9} (destroyForcibly) once runs have started to come
 * back. The sweep must still complete with every run exactly once in the summary, and every
 * run's spikes must equal those of the same sweep run locally.
 */
class SweepClusterTest {
    private static final String TOKEN = "test-token-" + UUID.randomUUID();

    @TempDir
    Path dir;

    private final List<Process> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws InterruptedException {
        for (Process p : workers) {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    Process worker(int port, String cluster, String members, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "org.cortexsim.cli.Main", "worker", "--bind", "127.0.0.1", "--port", String.valueOf(port),
                "--cluster-name", cluster, "--members", members, "--token", TOKEN, "--slots", "1",
                "--heartbeat-timeout", "4");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        workers.add(p);
        return p;
    }

    static void awaitReady(Process p, Path log) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < end) {
            if (Files.exists(log) && Files.readString(log).contains("cortexsim worker ready")) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("worker exited: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("worker not ready within 90 s: " + Files.readString(log));
    }

    Path sweepFile(String name, String outputDir) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, "base: " + SweepCliTest.BASE + "\noutput_dir: " + outputDir + "\n" + """
                axes:
                  simulation.duration_ms: [2500]
                  inputs[0].amplitude_pA: [60, 70, 80, 90]
                seeds: [1, 2]
                """);
        return f;
    }

    static long runFiles(Path outDir) throws IOException {
        if (!Files.isDirectory(outDir)) {
            return 0;
        }
        try (var s = Files.list(outDir)) {
            return s.filter(p -> p.getFileName().toString().matches("run-\\d+\\.h5")).count();
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void killedMemberRunsAreResubmittedAndEveryRunMatchesALocalRun() throws Exception {
        String cluster = "sweep-test-" + UUID.randomUUID().toString().substring(0, 8);
        int portA = freePort();
        int portB = freePort();
        String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
        Path logA = dir.resolve("a.log");
        Path logB = dir.resolve("b.log");
        Process a = worker(portA, cluster, members, logA);
        Process b = worker(portB, cluster, members, logB);
        awaitReady(a, logA);
        awaitReady(b, logB);

        Path out = dir.resolve("cluster_out");
        AtomicBoolean killed = new AtomicBoolean();
        Thread killer = new Thread(() -> {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
            try {
                while (System.nanoTime() < end && runFiles(out) < 2) {
                    Thread.sleep(50);
                }
                if (runFiles(out) >= 2) {
                    b.destroyForcibly();
                    killed.set(b.waitFor(20, TimeUnit.SECONDS));
                }
            } catch (IOException | InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "kill-worker-b");
        killer.setDaemon(true);
        killer.start();

        long begin = System.nanoTime();
        CliTest.Outcome o = CliTest.run("sweep", "--cluster", "--members", members, "--cluster-name", cluster,
                "--token", TOKEN, "--heartbeat-timeout", "4", "--join-timeout", "90",
                sweepFile("cluster.yaml", "cluster_out").toString());
        double seconds = (System.nanoTime() - begin) / 1e9;
        killer.join(30_000);
        assertEquals(0, o.code(), o.err() + "\nworker a:\n" + Files.readString(logA));
        assertTrue(killed.get(), "worker B was killed mid-sweep");
        assertFalse(b.isAlive());
        assertTrue(o.err().lines().anyMatch(l -> l.contains("127.0.0.1:" + portB) && l.contains("resubmitting")),
                "the killed member's run was resubmitted (via MemberLeftException or the membership event): "
                        + o.err());
        assertTrue(a.isAlive(), "worker A survives");

        List<String> rows = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(9, rows.size(), String.join("\n", rows));
        for (int k = 0; k < 8; k++) {
            String[] cols = rows.get(k + 1).split(",");
            assertEquals(String.valueOf(k), cols[0], "each run exactly once, in order");
            assertEquals("completed", cols[1], rows.get(k + 1));
        }

        CliTest.Outcome local = CliTest.run("sweep", "-q", sweepFile("local.yaml", "local_out").toString());
        assertEquals(0, local.code(), local.err());
        List<String> localRows = Files.readAllLines(dir.resolve("local_out/summary.csv"));
        for (int k = 1; k <= 8; k++) {
            assertEquals(localRows.get(k).split(",")[11], rows.get(k).split(",")[11], "spike checksum of run " + (k - 1));
            Path c = out.resolve(String.format("run-%04d.h5", k - 1));
            Path l = dir.resolve("local_out").resolve(String.format("run-%04d.h5", k - 1));
            try (SonataReader rc = SonataReader.open(c); SonataReader rl = SonataReader.open(l)) {
                assertEquals(rl.spikePopulations(), rc.spikePopulations());
                for (String pop : rl.spikePopulations()) {
                    SpikeData sc = rc.spikes(pop);
                    SpikeData sl = rl.spikes(pop);
                    assertArrayEquals(sl.nodeIds(), sc.nodeIds(), pop + " of run " + (k - 1));
                    assertArrayEquals(sl.timestampsMs(), sc.timestampsMs(), pop + " of run " + (k - 1));
                }
            }
        }
        System.out.printf("cluster sweep with a kill -9: %.1f s%n", seconds);
    }
}
