package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output problems are found before the simulation starts, naming the directory and the fix. */
class OutputPreflightTest {
    @TempDir
    Path dir;

    private static final String CONFIG = """
            simulation: {dt_ms: 0.1, duration_ms: 10000}
            populations: [{name: p, model: RS, size: 1000}]
            record:
              spikes: true
              state: [{name: pv, population: p, variables: [v], neurons: all, dtype: float64}]
            """;

    private Config config(Path output) throws ConfigException {
        return new ConfigLoader().parse(CONFIG, "space.yaml", List.of("output.path='" + output + "'"));
    }

    @Test
    void tooLittleFreeSpaceIsRefusedNamingDirectoryAndSizes() throws Exception {
        Config c = config(dir.resolve("big.h5"));
        Estimate e = Estimate.of(c);
        assertTrue(e.outputBytes() > 700_000_000L, "v of 1000 neurons for 100001 samples: " + e.outputBytes());
        ConfigException ex = assertThrows(ConfigException.class,
                () -> OutputPreflight.check(c, e, d -> 100L << 20));
        String m = ex.getMessage();
        assertTrue(m.startsWith("space.yaml: output.path: the output directory " + dir.toAbsolutePath().normalize()), m);
        assertTrue(m.contains("100.0 MiB free"), m);
        assertTrue(m.contains("writes about 766.2 MiB"), m);
        assertTrue(m.contains("-o DIR/FILE.h5"), m);
        assertEmpty(dir);
    }

    @Test
    void float32ReportsAreEstimatedAtHalfTheBytes() throws Exception {
        Config f64 = config(dir.resolve("a.h5"));
        Config f32 = new ConfigLoader().parse(CONFIG.replace(", dtype: float64", ""), "space.yaml",
                List.of("output.path='" + dir.resolve("b.h5") + "'"));
        Config none = new ConfigLoader().parse(CONFIG.replace("state: [{name: pv, population: p, variables: [v],"
                + " neurons: all, dtype: float64}]", "state: []"), "space.yaml",
                List.of("output.path='" + dir.resolve("c.h5") + "'"));
        long spikes = Estimate.of(none).outputBytes();
        assertEquals(Estimate.of(f64).outputBytes() - spikes, 2 * (Estimate.of(f32).outputBytes() - spikes));
    }

    @Test
    void enoughSpaceIncludingTheMarginPasses() throws Exception {
        Config c = config(dir.resolve("ok.h5"));
        Estimate e = Estimate.of(c);
        long needed = OutputPreflight.neededBytes(c, e);
        assertEquals(e.outputBytes() + OutputPreflight.MARGIN_BYTES, needed);
        assertDoesNotThrow(() -> OutputPreflight.check(c, e, d -> needed));
        assertThrows(ConfigException.class, () -> OutputPreflight.check(c, e, d -> needed - 1));
        assertDoesNotThrow(() -> OutputPreflight.check(c, e, d -> {
            throw new java.io.IOException("statfs failed");
        }), "an unreadable free-space figure never blocks a run");
        assertEmpty(dir);
    }

    @Test
    void edgesCountTowardsTheOutput() throws Exception {
        Config c = new ConfigLoader().parse("""
                simulation: {dt_ms: 0.1, duration_ms: 10}
                populations: [{name: p, model: RS, size: 100}]
                projections: [{name: pp, pre: p, post: p, rule: {type: all_to_all}, weight: 1}]
                output: {edges: true}
                """, "edges.yaml", List.of("output.path='" + dir.resolve("e.h5") + "'"));
        Estimate e = Estimate.of(c);
        assertEquals(e.outputBytes() + 9900 * OutputPreflight.EDGE_BYTES + OutputPreflight.MARGIN_BYTES,
                OutputPreflight.neededBytes(c, e));
    }

    /**
     * A checkpoint is counted twice (the file and its replacement): the neurons' state and, for a
     * plastic projection, each synapse's weight and rule fields and the per-neuron traces (STDP with
     * one delay: x_pre and t_pre per presynaptic neuron, x_post and t_post per postsynaptic neuron).
     */
    @Test
    void aCheckpointCountsTheNeuronsAndThePlasticState() throws Exception {
        String text = """
                simulation: {dt_ms: 0.1, duration_ms: 10, checkpoint: {every_ms: 5}}
                populations: [{name: p, model: RS, size: 100}]
                projections: [{name: pp, pre: p, post: p, rule: {type: all_to_all}, weight: 1, delay_ms: 1PLASTIC}]
                """;
        Config fixed = new ConfigLoader().parse(text.replace("PLASTIC", ""), "c.yaml",
                List.of("output.path='" + dir.resolve("c.h5") + "'"));
        Config plastic = new ConfigLoader().parse(text.replace("PLASTIC",
                ", plasticity: {rule: stdp, A_plus: 1, A_minus: 1, w_max: 2}"), "c.yaml",
                List.of("output.path='" + dir.resolve("c.h5") + "'"));
        Estimate e = Estimate.of(fixed);
        assertEquals(e.outputBytes() + 2 * e.stateBytes() + OutputPreflight.MARGIN_BYTES,
                OutputPreflight.neededBytes(fixed, e));
        Estimate ep = Estimate.of(plastic);
        assertEquals(ep.outputBytes() + 2 * (ep.stateBytes() + 9900 * 8 + 100 * 2 * 8 + 100 * 2 * 8)
                + OutputPreflight.MARGIN_BYTES, OutputPreflight.neededBytes(plastic, ep));
    }

    @Test
    void aDirectoryUnderARegularFileIsRefusedBeforeBuilding() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "not a directory");
        Path out = file.resolve("sub").resolve("x.h5");
        ConfigException ex = assertThrows(ConfigException.class, () -> Runner.run(config(out), RunOptions.quiet()));
        String m = ex.getMessage();
        assertTrue(m.contains("the output directory " + file.resolve("sub")), m);
        assertTrue(m.contains(file + " is a file, not a directory"), m);
        assertTrue(m.contains("-o DIR/FILE.h5"), m);
        assertEquals("not a directory", Files.readString(file));
    }

    @Test
    void anOutputPathThatIsADirectoryIsRefusedBeforeBuildingWithOrWithoutOverwrite() throws Exception {
        Path out = Files.createDirectory(dir.resolve("results.h5"));
        for (List<String> extra : List.of(List.<String>of(), List.of("output.overwrite=true"))) {
            List<String> overrides = new java.util.ArrayList<>(List.of("output.path='" + out + "'"));
            overrides.addAll(extra);
            Config c = new ConfigLoader().parse(CONFIG, "space.yaml", overrides);
            ConfigException ex = assertThrows(ConfigException.class, () -> Runner.run(c, RunOptions.quiet()));
            String m = ex.getMessage();
            assertTrue(m.startsWith("space.yaml: output.path: the output path " + out + " is a directory, not a file"),
                    m);
            assertTrue(m.contains("-o " + out.resolve("out.h5")), m);
            assertFalse(m.contains("--overwrite"), "--overwrite cannot replace a directory: " + m);
            try (Stream<Path> s = Files.list(dir)) {
                assertEquals(List.of(out), s.toList(), "nothing written beside it");
            }
            assertEmpty(out);
        }
    }

    @Test
    void aMissingDirectoryIsRefusedWithTheMkdirFix() throws Exception {
        Path out = dir.resolve("missing").resolve("deeper").resolve("x.h5");
        ConfigException ex = assertThrows(ConfigException.class, () -> Runner.run(config(out), RunOptions.quiet()));
        assertTrue(ex.getMessage().contains("does not exist; create it (mkdir -p " + out.getParent() + ")"),
                ex.getMessage());
        assertEmpty(dir);
    }

    @Test
    void anUnwritableDirectoryIsRefused() throws Exception {
        Path out = Path.of("/proc/self/x.h5");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        ConfigException ex = assertThrows(ConfigException.class, () -> OutputPreflight.check(config(out),
                Estimate.of(config(out)), d -> Long.MAX_VALUE));
        assertTrue(ex.getMessage().contains("the output directory /proc/self is not writable"), ex.getMessage());
        assertTrue(ex.getMessage().contains("fix its permissions or choose another output file"), ex.getMessage());
    }

    private static void assertEmpty(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.toList(), "nothing written");
        }
    }
}
