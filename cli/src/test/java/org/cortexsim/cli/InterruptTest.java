package org.cortexsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SpikeData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code cortexsim run} in a child JVM, stopped by SIGINT or SIGTERM once it has made
 * progress: it exits 1 and leaves a valid output marked interrupted, with the model time reached
 * and the spikes recorded so far.
 */
class InterruptTest {
    private static final double DURATION_MS = 600_000;
    private static final Pattern PROGRESS = Pattern.compile("t = ([0-9.]+) / ");

    @TempDir
    Path dir;

    @Test
    void sigintWritesTheOutputAndExits1() throws Exception {
        stopWith("INT", 2);
    }

    @Test
    void sigtermWritesTheOutputAndExits1() throws Exception {
        stopWith("TERM", 15);
    }

    private void stopWith(String signal, int number) throws Exception {
        Path config = dir.resolve("long.yaml");
        Files.writeString(config, """
                simulation: {dt_ms: 0.1, duration_ms: %s, seed: 5}
                populations:
                  - {name: exc, model: RS, size: 400, initial: {v: {type: uniform, low: -65, high: -55}}}
                  - {name: inh, model: FS, size: 100}
                projections:
                  - {name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.1}, weight: 300, delay_ms: 1}
                  - {name: ie, pre: inh, post: exc, rule: {type: fixed_probability, p: 0.1}, weight: -1200, delay_ms: 0.5}
                inputs:
                  - {type: dc, population: exc, amplitude_pA: {type: uniform, low: 40, high: 80}}
                  - {type: dc, population: inh, amplitude_pA: 60}
                record: {spikes: true}
                """.formatted(DURATION_MS));
        Path out = dir.resolve("stopped.h5");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java, "-cp", classpath, Main.class.getName(), "run", config.toString(),
                "-o", out.toString(), "--progress-interval", "0.2").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            assumeSignalNotIgnored(child.pid(), number);
            List<String> err = new ArrayList<>();
            CountDownLatch progressed = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        synchronized (err) {
                            err.add(line);
                        }
                        Matcher m = PROGRESS.matcher(line);
                        if (m.find() && Double.parseDouble(m.group(1)) > 0) {
                            progressed.countDown();
                        }
                    }
                } catch (IOException e) {
                    progressed.countDown();
                }
            }, "child-stderr");
            reader.start();
            assertTrue(progressed.await(60, TimeUnit.SECONDS), "no progress within 60 s: " + err);
            assertTrue(child.isAlive(), "still running when signalled: " + err);
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "exits within 60 s of SIG" + signal);
            reader.join(10_000);
            String stderr;
            synchronized (err) {
                stderr = String.join("\n", err);
            }
            assertEquals(ExitCodes.FAILURE, child.exitValue(), stderr);
            assertTrue(stderr.contains("run stopped early: interrupted at t = "), stderr);
            assertFalse(stderr.contains("\tat "), stderr);
            try (SonataReader r = SonataReader.open(out)) {
                assertTrue(((String) r.rootAttribute("status")).startsWith("interrupted at t = "),
                        (String) r.rootAttribute("status"));
                assertEquals(0L, ((Number) r.rootAttribute("completed")).longValue());
                double reached = ((Number) r.rootAttribute("model_time_reached_ms")).doubleValue();
                assertTrue(reached > 0 && reached < DURATION_MS, "model time reached " + reached);
                SpikeData exc = r.spikes("exc");
                assertTrue(exc.count() > 0, "spikes recorded before the signal");
                double last = exc.timestampsMs()[exc.count() - 1];
                assertTrue(last <= reached, "last spike " + last + " ms within the time reached " + reached);
            }
            try (var files = Files.list(dir)) {
                assertEquals(List.of("long.yaml", "stopped.h5"),
                        files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
            }
        } finally {
            child.destroyForcibly();
        }
    }

    /** Skips when the test JVM was started with the signal ignored (as nohup does), which the child inherits. */
    private static void assumeSignalNotIgnored(long pid, int number) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.exists(status)) {
            System.err.println("NOTICE: skipping InterruptTest: no " + status + " to check the signal disposition"
                    + " (needs Linux /proc)");
        }
        Assumptions.assumeTrue(Files.exists(status), "needs Linux /proc to check the signal disposition");
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                if ((mask & (1L << (number - 1))) != 0) {
                    System.err.println("NOTICE: skipping InterruptTest: signal " + number + " is ignored in this"
                            + " environment (started under nohup?); run the build without it");
                }
                Assumptions.assumeTrue((mask & (1L << (number - 1))) == 0,
                        "signal " + number + " is ignored in this environment (started under nohup?)");
            }
        }
    }
}
