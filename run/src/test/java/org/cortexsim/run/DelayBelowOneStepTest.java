package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SpikeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a delay shorter than one step ({@code delay_ms: 0} or {@code 0.04} at dt 0.1 ms) used
 * to become one step silently. It is refused, naming the projection (or input) and the smallest
 * delay, dt, unless the projection opts in with {@code round_delays: true}; then the delays round
 * to whole steps, at least one, and the run equals one with delays of one step.
 */
class DelayBelowOneStepTest {
    @TempDir
    Path dir;

    private static final String NETWORK = TestConfigs.text("short_delays_base.yaml");

    private Config load(String projection, String extra) throws ConfigException {
        return new ConfigLoader().parse(NETWORK + extra + "projections:\n  - " + projection + "\n"
                + "output: {path: '" + dir.resolve("out" + System.nanoTime() + ".h5") + "'}\n", "delays.yaml",
                List.of());
    }

    private static final String EE = "{name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.2}, "
            + "weight: 200";

    private static String message(ConfigException e) {
        return e.getMessage();
    }

    @Test
    void aConstantDelayBelowOneStepIsRefusedAtItsKeyNamingTheProjectionAndDt() {
        for (String delay : new String[] {"0", "0.04", "0.09"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> load(EE + ", delay_ms: " + delay + "}", ""), "delay_ms: " + delay);
            String m = message(e);
            assertTrue(m.contains("projections[0].delay_ms"), m);
            assertTrue(m.contains("projection 'ee'"), m);
            assertTrue(m.contains("dt = 0.1 ms"), m);
            assertTrue(m.contains("round_delays: true"), m);
        }
    }

    @Test
    void aUniformDelayReachingBelowOneStepIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> load(EE + ", delay_ms: {type: uniform, low: 0, high: 2}}", ""));
        assertTrue(message(e).contains("projection 'ee'") && message(e).contains("dt = 0.1 ms"), message(e));
    }

    @Test
    void drawnOrFileDelaysBelowOneStepAreRefusedWhenTheNetworkIsBuiltNamingTheSmallest() throws Exception {
        Config normal = load(EE + ", delay_ms: {type: normal, mean: 0.3, sd: 0.1, min: 0}}", "");
        ConfigException e = assertThrows(ConfigException.class, () -> Runner.run(normal, RunOptions.quiet()));
        String m = message(e);
        assertTrue(m.contains("projection 'ee'") && m.contains("dt = 0.1 ms") && m.contains("smallest"), m);
        assertTrue(m.contains("round_delays: true"), m);
        Path csv = dir.resolve("edges.csv");
        Files.writeString(csv, "pre,post,weight,delay\n0,1,300,0.04\n1,2,300,1.0\n");
        Config file = load("{name: ee, pre: exc, post: exc, rule: {type: from_file, path: '" + csv + "'}}", "");
        e = assertThrows(ConfigException.class, () -> Runner.run(file, RunOptions.quiet()));
        assertTrue(message(e).contains("0.04 ms") && message(e).contains("projection 'ee'"), message(e));
    }

    @Test
    void aPoissonInputDelayBelowOneStepIsRefusedToo() {
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigLoader().parse(NETWORK.replace(
                "inputs:\n", "inputs:\n  - {type: poisson, population: exc, rate_Hz: 100, weight: 50, delay_ms: 0}\n"),
                "delays.yaml", List.of()));
        assertTrue(message(e).contains("inputs[1].delay_ms") || message(e).contains("inputs[0].delay_ms"),
                message(e));
        assertTrue(message(e).contains("dt = 0.1 ms"), message(e));
    }

    @Test
    void roundDelaysOptsInAndGivesTheRunWithDelaysOfOneStep() throws Exception {
        Config rounded = load(EE + ", delay_ms: 0.04, round_delays: true}", "");
        Config oneStep = load(EE + ", delay_ms: 0.1}", "");
        Config absent = load(EE + "}", "");
        RunReport a = Runner.run(rounded, RunOptions.quiet());
        RunReport b = Runner.run(oneStep, RunOptions.quiet());
        RunReport c = Runner.run(absent, RunOptions.quiet());
        assertTrue(a.completed() && b.completed() && c.completed());
        try (SonataReader ra = SonataReader.open(a.output()); SonataReader rb = SonataReader.open(b.output());
                SonataReader rc = SonataReader.open(c.output())) {
            SpikeData x = ra.spikes("exc");
            SpikeData y = rb.spikes("exc");
            assertTrue(x.count() > 10, "the network fires: " + x.count());
            assertArrayEquals(y.timestampsMs(), x.timestampsMs(), 0.0);
            assertArrayEquals(y.nodeIds(), x.nodeIds());
            assertArrayEquals(y.timestampsMs(), rc.spikes("exc").timestampsMs(), 0.0, "absent delay = one step");
        }
        Config poisson = new ConfigLoader().parse(NETWORK.replace("inputs:\n",
                "inputs:\n  - {type: poisson, population: exc, rate_Hz: 100, weight: 50, delay_ms: 0,"
                        + " round_delays: true}\n") + "output: {path: '" + dir.resolve("p.h5") + "'}\n",
                "delays.yaml", List.of());
        assertTrue(Runner.run(poisson, RunOptions.quiet()).completed());
    }
}
