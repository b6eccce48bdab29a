package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cortexsim.results.ReportMetadata;
import org.cortexsim.results.ResultSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outside CI (tag {@code slow}): a child JVM with {@code -Xmx512m} records all neurons' v of a
 * 20,000-neuron network for 2.5 s (20,000 x 25,001 x 8 B = 4.0 GB, eight times the heap) and
 * completes in segments; the heap peak stays below the heap and the segments read back. Run with
 * {@code mvn -B -o test -pl run -am -Dcortexsim.excludedGroups=none -Dtest=BoundedMemoryBenchmarkTest
 * -Dsurefire.failIfNoSpecifiedTests=false}; needs about 4 GB of free disk in the temp directory.
 */
@Tag("slow")
class BoundedMemoryBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void recordingEightTimesTheHeapCompletesInSegments() throws Exception {
        Path yaml = dir.resolve("big.yaml");
        Path out = dir.resolve("big.h5");
        Files.writeString(yaml, """
                simulation: {dt_ms: 0.1, duration_ms: 2500, seed: 3, threads: 2}
                populations:
                  - {name: exc, model: RS, size: 20000, initial: {v: {type: uniform, low: -65, high: -55}}}
                inputs:
                  - {type: dc, population: exc, amplitude_pA: {type: uniform, low: 0, high: 20}}
                  - {type: noise, population: exc, mean_pA: 0, sigma_pA: 40}
                record:
                  spikes: true
                  state: [{name: v, population: exc, variables: [v], neurons: all}]
                output: {path: '%s'}
                """.formatted(out));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ExternalTools.Result r = ExternalTools.run(List.of(java, "-Xmx512m", "-cp",
                System.getProperty("java.class.path"), BoundedMemoryBenchmark.class.getName(), yaml.toString()),
                dir, 3600);
        System.out.println("BoundedMemoryBenchmark: " + r.output().strip());
        assertEquals(0, r.exitCode(), r.output());
        Matcher m = Pattern.compile("status=completed .*output_bytes=(\\d+) heap_max=(\\d+) heap_peak=(\\d+)")
                .matcher(r.output());
        assertTrue(m.find(), r.output());
        long output = Long.parseLong(m.group(1));
        long heapMax = Long.parseLong(m.group(2));
        long peak = Long.parseLong(m.group(3));
        assertTrue(output > 4 * heapMax, "output " + output + " is several times the heap " + heapMax);
        assertTrue(peak < heapMax, "heap peak " + peak + " within " + heapMax);
        try (ResultSet rs = ResultSet.open(out)) {
            assertTrue(rs.segments("v").size() > 8, "segments: " + rs.segments("v").size());
            ReportMetadata meta = rs.reportMetadata("v");
            assertEquals(25_001, meta.rows());
            assertEquals(20_000, meta.cols());
            double[] last = rs.reportSlice("v", 25_000, 1, 0, 20_000);
            for (double v : last) {
                assertTrue(v > -100 && v < 40, "v in range: " + v);
            }
        }
    }
}
