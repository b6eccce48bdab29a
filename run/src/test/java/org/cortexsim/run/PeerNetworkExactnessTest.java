package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.results.SonataReader;
import org.cortexsim.results.SpikeData;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cortexsim against an independent implementation: the peers' numpy benchmark network
 * ({@code ../shared/peers/numpy_net.py --N 1000 --export DIR}, 1 s of model time), configured
 * from its exported connectivity, DC drive and initial v through {@code examples/peer_benchmark.yaml},
 * reproduces its spikes exactly: every neuron, every step. Skipped with a notice when the peers
 * or python3 with numpy are missing (CI has both).
 */
class PeerNetworkExactnessTest {
    @TempDir
    Path dir;

    static Path peers() {
        String configured = System.getenv("CORTEXSIM_PEERS");
        if (configured != null) {
            return Path.of(configured);
        }
        Path root = Path.of("").toAbsolutePath();
        for (Path p = root; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/peers");
            if (Files.isRegularFile(candidate.resolve("numpy_net.py"))) {
                return candidate;
            }
        }
        return root.resolve("../../shared/peers").normalize();
    }

    @Test
    void reproducesTheNumpyReferenceSpikeForSpike() throws Exception {
        Path peers = peers();
        boolean present = Files.isRegularFile(peers.resolve("numpy_net.py"));
        if (!present) {
            System.err.println("NOTICE: skipping peer exactness test: no numpy_net.py in " + peers
                    + " (set CORTEXSIM_PEERS to the peers folder)");
        }
        Assumptions.assumeTrue(present, "peers not found at " + peers);
        ExternalTools.requirePythonModules("numpy");
        // the peer caches networks in the temp dir; a copy of the peers keeps the shared folder read-only
        Path net = dir.resolve("net1000");
        ExternalTools.Result export = ExternalTools.run(List.of(ExternalTools.PYTHON, peers.resolve("numpy_net.py").toString(),
                "--N", "1000", "--repeats", "1", "--export", net.toString()), dir, 900);
        assertEquals(0, export.exitCode(), export.output());
        Path config = net.resolve("peer_benchmark.yaml");
        Files.copy(Path.of("..", "examples", "peer_benchmark.yaml"), config);
        RunReport report = Runner.run(new ConfigLoader().load(config,
                List.of("output.path='" + dir.resolve("peer.h5") + "'")), RunOptions.quiet());
        assertTrue(report.completed());

        List<String> expected = new ArrayList<>();
        List<String> lines = Files.readAllLines(net.resolve("reference_spikes.csv"));
        assertEquals("population,node_id,step,time_ms", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            expected.add(c[2] + "," + c[0] + "," + c[1]);
        }
        List<String> actual = new ArrayList<>();
        try (SonataReader r = SonataReader.open(dir.resolve("peer.h5"))) {
            for (String pop : List.of("exc", "inh")) {
                SpikeData s = r.spikes(pop);
                for (int i = 0; i < s.count(); i++) {
                    long step = Math.round(s.timestampsMs()[i] / 0.1);
                    assertEquals(step * 0.1, s.timestampsMs()[i], 0.0, "spike times are step * dt");
                    actual.add(step + "," + pop + "," + s.nodeIds()[i]);
                }
            }
        }
        java.util.Comparator<String> byStepThenPopThenId = java.util.Comparator
                .comparingLong((String x) -> Long.parseLong(x.split(",")[0]))
                .thenComparing(x -> x.split(",")[1])
                .thenComparingLong(x -> Long.parseLong(x.split(",")[2]));
        expected.sort(byStepThenPopThenId);
        actual.sort(byStepThenPopThenId);
        assertTrue(expected.size() > 8000, "the reference fires about 8,455 spikes, got " + expected.size());
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "first difference at spike " + i + " (step,population,node)");
        }
        assertEquals(expected.size(), actual.size());
    }
}
