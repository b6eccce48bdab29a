package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of output, read with the SONATA reference readers: libsonata (from {@code
 * ../shared/tools}) and, where installed, bmtk, against h5py's reading of the same datasets
 * ({@code sonata_readers_check.py}). Covered: spikes of every population; reports of v, u, I and a
 * synapse field in float32, the same v in float64 (which libsonata refuses, as documented) and
 * float32 equal to it rounded; SONATA edges with afferent/efferent queries; a segmented run (report
 * segments, spikes merged into the main file) and a run whose spikes exceed the budget (spike
 * segments). A new kind of output (plasticity's weight reports, for instance) is covered by the
 * same script once its files are listed in the main file's {@code report_files} or {@code
 * /segments}, which is where the script looks.
 */
class SonataToolsReadOutputTest {
    @TempDir
    Path dir;

    private static final String NETWORK = """
            simulation: {dt_ms: 0.1, duration_ms: 300, seed: 11}
            populations:
              - {name: exc, model: RS, size: 80, initial: {v: {type: uniform, low: -65, high: -55}}}
              - {name: inh, model: FS, size: 20, initial: {v: {type: uniform, low: -60, high: -50}}}
            projections:
              - {name: ee, pre: exc, post: exc, rule: {type: fixed_probability, p: 0.1}, weight: 80,
                 delay_ms: {type: uniform, low: 0.5, high: 2}, synapse: {model: exp_current, tau_ms: 5}}
              - {name: ei, pre: exc, post: inh, rule: {type: fixed_probability, p: 0.2}, weight: 300, delay_ms: 1}
              - {name: ie, pre: inh, post: exc, rule: {type: fixed_probability, p: 0.2}, weight: -900, delay_ms: 0.5}
            inputs:
              - {type: dc, population: exc, amplitude_pA: {type: uniform, low: 40, high: 80}}
              - {type: noise, population: exc, mean_pA: 0, sigma_pA: 600}
              - {type: noise, population: inh, mean_pA: 0, sigma_pA: 300}
            """;

    private static final String RECORD = """
            record:
              spikes: true
              state:
                - {name: ev, population: exc, variables: [v], neurons: [0, 3, 7]}
                - {name: ev64, population: exc, variables: [v], neurons: [0, 3, 7], dtype: float64}
                - {name: eu, population: exc, variables: [u, I_syn], neurons: {start: 0, stop: 80, step: 10}}
                - {name: ii, population: inh, variables: [I], neurons: all, every_steps: 5, start_ms: 20}
            """;

    private Path run(String name, String yaml) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Path out = dir.resolve(name + ".h5");
        Files.writeString(file, yaml + "output: {path: '" + out + "', edges: true}\n");
        assertTrue(Runner.run(new ConfigLoader().load(file), RunOptions.quiet()).completed());
        return out;
    }

    private String check(Path main, String... pairs) throws IOException {
        List<String> args = new ArrayList<>(List.of(main.toString()));
        args.addAll(List.of(pairs));
        String out = ExternalTools.pythonWithLibsonata(resource("sonata_readers_check.py"), dir,
                args.toArray(String[]::new));
        out.lines().filter(l -> l.startsWith("NOTICE:")).forEach(System.err::println);
        assertTrue(out.contains("NOTICE: bmtk") || !out.contains("'bmtk': 0"), "bmtk's readers ran: " + out);
        return out;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = SonataToolsReadOutputTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void libsonataAndBmtkReadEveryFileOfARun() throws Exception {
        ExternalTools.requireLibsonata();
        Path main = run("single", NETWORK + RECORD);
        String out = check(main, "single.ev.h5:single.ev64.h5");
        assertTrue(out.contains("'spike populations': 2") && out.contains("'report files': 5")
                && out.contains("'edge populations': 3"), out);
        try (ResultSet r = ResultSet.open(main)) {
            assertTrue(r.spikeCount("exc") > 100 && r.spikeCount("inh") > 20, "both populations fire: "
                    + r.spikeCount("exc") + ", " + r.spikeCount("inh"));
        }
    }

    @Test
    void libsonataAndBmtkReadEverySegmentOfASegmentedRun() throws Exception {
        ExternalTools.requireLibsonata();
        String record = RECORD.replace("spikes: true", "spikes: true\n  memory_budget_MB: 1")
                .replace("neurons: [0, 3, 7]}\n", "neurons: all}\n")
                .replace("neurons: [0, 3, 7], dtype: float64}", "neurons: all, dtype: float64}");
        Path main = run("segmented", NETWORK + record);
        try (ResultSet r = ResultSet.open(main)) {
            assertTrue(r.reportFiles("ev").size() >= 2, "the v report is segmented: " + r.reportFiles("ev"));
            assertTrue(r.segments(OutputLayout.SPIKES).isEmpty(), "the spikes fit the budget and are merged");
        }
        String out = check(main);
        assertTrue(out.contains("'spike populations': 2"), out);
    }

    @Test
    void libsonataAndBmtkReadSpikeSegmentsBeyondTheBudget() throws Exception {
        ExternalTools.requireLibsonata();
        Path main = run("busy", """
                simulation: {dt_ms: 0.1, duration_ms: 2500, seed: 3}
                populations:
                  - {name: fs, model: FS, size: 1000, initial: {v: {type: uniform, low: -60, high: -50}}}
                inputs:
                  - {type: dc, population: fs, amplitude_pA: {type: uniform, low: 250, high: 350}}
                record:
                  spikes: true
                  memory_budget_MB: 1
                """);
        try (ResultSet r = ResultSet.open(main)) {
            assertTrue(r.segments(OutputLayout.SPIKES).size() >= 2, "spikes stay in segments");
        }
        String out = check(main);
        assertTrue(out.contains("'spike files': ") && !out.contains("'spike files': 0"), out);
    }
}
