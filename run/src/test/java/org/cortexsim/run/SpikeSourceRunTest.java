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
import org.cortexsim.results.OutputLayout;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SpikeData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spike sources end to end: given times become samples round(t / dt), are recorded as spikes
 * of that sample, reach their targets through projections with their delays (the weight
 * appears in the input current of the step that produces sample n + D), and a recorded run
 * replayed from its SONATA file gives back exactly its spikes. Bad files are config errors
 * naming the file, the neuron and the time.
 */
class SpikeSourceRunTest {
    @TempDir
    Path dir;

    private Config parse(String text) throws ConfigException {
        return new ConfigLoader().parse(text.replace("OUT/", dir + "/"), "t.yaml", dir, List.of());
    }

    @Test
    void givenTimesAreRecordedAndArriveAfterTheirDelay() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "time_ms,node_id\n2.04,1\n0.0,0\n5.0,0\n7.26,1\n");
        Config c = parse("""
                simulation: {dt_ms: 0.1, duration_ms: 20}
                populations:
                  - {name: src, model: spike_source, spike_times_ms: [[1.0, 3.96], [0.05]]}
                  - {name: csv, model: spike_source, size: 2, spike_times_ms: {type: file, path: t.csv, columns: [node_id, time_ms]}}
                  - {name: rs, model: RS, size: 1}
                projections:
                  - {name: a, pre: src, post: rs, rule: {type: all_to_all}, weight: 10, delay_ms: 0.3}
                  - {name: b, pre: csv, post: rs, rule: {type: all_to_all}, weight: 1000, delay_ms: 1.5}
                record:
                  state: [{name: rs_i, population: rs, variables: [I]}]
                output: {path: OUT/out.h5}
                """);
        Runner.run(c, RunOptions.quiet());
        try (SonataReader r = SonataReader.open(dir.resolve("out.h5"))) {
            SpikeData src = r.spikes("src");
            // 0.05 ms rounds to sample 0 or 1 (round half up: 0.5 -> 1): Math.round(0.5) = 1
            assertArrayEquals(new double[] {0.1, 1.0, 4.0}, src.timestampsMs(), 1e-12);
            assertArrayEquals(new long[] {1, 0, 0}, src.nodeIds());
            SpikeData csv = r.spikes("csv");
            assertArrayEquals(new double[] {0.0, 2.0, 5.0, 7.3}, csv.timestampsMs(), 1e-12);
            assertArrayEquals(new long[] {0, 1, 0, 1}, csv.nodeIds());
        }
        try (SonataReader r = SonataReader.open(OutputLayout.reportPath(dir.resolve("out.h5"), "rs_i"))) {
            ReportMetadata m = r.reportMetadata("rs");
            double[] current = r.reportSlice("rs", 0, m.rows(), 0, 1);
            // sample s of I is the input of step s - 1; a spike of sample n with delay D enters step n + D - 1
            double[] expected = new double[m.rows()];
            for (int n : new int[] {1, 10, 40}) {
                expected[n + 3 - 1 + 1] += 10;
            }
            for (int n : new int[] {0, 20, 50, 73}) {
                expected[n + 15 - 1 + 1] += 1000;
            }
            assertArrayEquals(expected, current, 0.0);
        }
    }

    @Test
    void aRecordedRunReplaysExactly() throws Exception {
        Config first = parse("""
                simulation: {dt_ms: 0.1, duration_ms: 300, seed: 4}
                populations: [{name: exc, model: RS, size: 60}]
                inputs: [{type: noise, population: exc, mean_pA: 60, sigma_pA: 900}]
                output: {path: OUT/first.h5}
                """);
        Runner.run(first, RunOptions.quiet());
        Config replay = parse("""
                simulation: {dt_ms: 0.1, duration_ms: 300}
                populations:
                  - {name: again, model: spike_source, size: 60, spike_times_ms: {type: sonata, path: first.h5, population: exc}}
                output: {path: OUT/replay.h5}
                """);
        Runner.run(replay, RunOptions.quiet());
        try (SonataReader a = SonataReader.open(dir.resolve("first.h5"));
                SonataReader b = SonataReader.open(dir.resolve("replay.h5"))) {
            SpikeData x = a.spikes("exc");
            SpikeData y = b.spikes("again");
            assertTrue(x.count() > 100, "spikes to replay: " + x.count());
            assertArrayEquals(x.timestampsMs(), y.timestampsMs(), 0.0);
            assertArrayEquals(x.nodeIds(), y.nodeIds());
        }
    }

    @Test
    void badSpikeFilesAreConfigErrorsNamingFileNeuronAndTime() throws Exception {
        String head = """
                simulation: {dt_ms: 0.1, duration_ms: 20}
                populations:
                  - {name: src, model: spike_source, size: 3, spike_times_ms: {type: file, path: t.csv, columns: [n, t]}}
                output: {path: OUT/bad.h5}
                """;
        Files.writeString(dir.resolve("t.csv"), "n,t\n2,5\n2,4\n");
        ConfigException unsorted = assertThrows(ConfigException.class, () -> Runner.run(parse(head), RunOptions.quiet()));
        assertTrue(unsorted.getMessage().contains("neuron 2 in t.csv: spike time 4.0 ms comes after 5.0 ms"),
                unsorted.getMessage());
        Files.writeString(dir.resolve("t.csv"), "n,t\n0,25\n");
        ConfigException late = assertThrows(ConfigException.class, () -> Runner.run(parse(head), RunOptions.quiet()));
        assertTrue(late.getMessage().contains("neuron 0 in t.csv: spike time 25.0 ms is not within the run"),
                late.getMessage());
        Files.writeString(dir.resolve("t.csv"), "n,t\n3,1\n");
        ConfigException id = assertThrows(ConfigException.class, () -> Runner.run(parse(head), RunOptions.quiet()));
        assertTrue(id.getMessage().contains("node id 3 is not in population 'src' of 3 neurons"), id.getMessage());
        Files.writeString(dir.resolve("t.csv"), "n,t\n1,-2\n");
        ConfigException negative = assertThrows(ConfigException.class, () -> Runner.run(parse(head), RunOptions.quiet()));
        assertTrue(negative.getMessage().contains("neuron 1") && negative.getMessage().contains("-2.0 ms"),
                negative.getMessage());
        assertTrue(Files.notExists(dir.resolve("bad.h5")), "nothing is written");
    }
}
