package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SpikeData;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Determinism regression: a fixed-seed run of a cortex.yaml-like network (the same neuron types,
 * inputs, noise and delays, but 65,536 neurons with fixed in-degrees, so that the simulation
 * really splits the neurons into 1, 2 and 4 chunks of at least 16,384) produces exactly the same
 * spikes on every thread count and in every version, checked against a committed SHA-256.
 */
class DeterminismGoldenTest {
    /**
     * SHA-256 of the sorted spike list of {@link #CONFIG}, one line {@code population,node_id,step}
     * per spike. It changes only when the simulation's results change on purpose (a new
     * integration order, random streams, connectivity sampling...). To regenerate it deliberately:
     * run {@code mvn -B -o test -pl run -am -Dtest=DeterminismGoldenTest
     * -Dsurefire.failIfNoSpecifiedTests=false}, check that the failure reports the same new
     * checksum for all three thread counts, paste it here, and say why in the commit message.
     *
     * <p>Provenance: this is cortexsim's own output, not an independent reference. It was recorded
     * by commit 70f0306 (2026-12-01, per-block connectivity streams for partitions; its message says
     * why it changed), when the independent checks of the same engine passed: the notebook
     * transcription (NotebookFidelityTest), the scalar and dense references (ScalarReferenceTest,
     * DenseOracleTest) and the numpy peer spike for spike (PeerNetworkExactnessTest). Its job is
     * only to catch an unintended change of results between versions and thread counts.
     */
    static final String GOLDEN_SHA256 = "13d90a6c9a1888ee80c8270d48df3fe96d43b0a628c62af491b5e6126e00228b";

    /**
     * The network, {@code configs/golden.yaml}: its own file on purpose, examples/cortex.yaml may be
     * retuned without changing this test.
     */
    static final String CONFIG = TestConfigs.text("golden.yaml");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "threads = {0}")
    @ValueSource(ints = {1, 2, 4})
    void spikesMatchTheGoldenChecksum(int threads) throws Exception {
        Path out = dir.resolve("golden-" + threads + ".h5");
        Config config = new ConfigLoader().parse(CONFIG, "golden.yaml",
                List.of("simulation.threads=" + threads, "output.path='" + out + "'"));
        RunReport report = Runner.run(config, RunOptions.quiet());
        assertTrue(report.completed(), report.status());
        assertEquals(threads, report.threads(), "the neurons are really split into this many chunks");
        List<String> lines = new ArrayList<>();
        try (SonataReader r = SonataReader.open(out)) {
            for (String pop : List.of("exc", "inh")) {
                SpikeData s = r.spikes(pop);
                for (int i = 0; i < s.count(); i++) {
                    long step = Math.round(s.timestampsMs()[i] / 0.1);
                    lines.add(String.format("%s,%09d,%06d", pop, s.nodeIds()[i], step));
                }
            }
        }
        assertTrue(lines.size() > 5_000, "an active network: " + lines.size() + " spikes");
        lines.sort(null);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String line : lines) {
            sha.update((line + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        String actual = HexFormat.of().formatHex(sha.digest());
        assertEquals(GOLDEN_SHA256, actual, "spikes of the golden run changed (" + lines.size() + " spikes, "
                + threads + " thread(s)); see GOLDEN_SHA256 for how to regenerate deliberately");
    }
}
