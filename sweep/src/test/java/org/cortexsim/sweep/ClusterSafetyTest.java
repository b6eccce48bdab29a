package org.cortexsim.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strangers are kept out: a driver with the wrong token gets every run rejected (nothing runs,
 * nothing is written, nothing is retried); a driver with another cluster name never sees the
 * worker and gives up after its join timeout; the right name and token run the sweep, with outputs
 * returned as bytes and written by the driver. One in-process worker on 127.0.0.1.
 */
class ClusterSafetyTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void wrongTokenIsRejectedWrongClusterIsInvisibleRightOnesRun() throws Exception {
        Files.writeString(dir.resolve("base.yaml"), SweepFileTest.BASE);
        Files.writeString(dir.resolve("s.yaml"), "base: base.yaml\naxes:\n  inputs[0].amplitude_pA: [40, 80]\n");
        Sweep sweep = Sweep.load(dir.resolve("s.yaml"));
        int port = ClusterSweep.freePort("127.0.0.1");
        List<String> members = List.of("127.0.0.1:" + port);
        ClusterOptions worker = new ClusterOptions("127.0.0.1", port, "safety", members, "right-token", null, 1,
                Duration.ofSeconds(5), Duration.ofSeconds(30));
        try (Worker w = Worker.start(worker)) {
            ClusterOptions stranger = new ClusterOptions("127.0.0.1", 0, "safety", members, "wrong-token", null, 0,
                    Duration.ofSeconds(5), Duration.ofSeconds(30));
            SweepReport rejected = ClusterSweep.run(sweep, stranger, false, m -> { });
            assertEquals(2, rejected.failed());
            assertEquals(2, rejected.outcomes().size(), "an outcome per run: " + rejected.outcomes());
            for (RunOutcome o : rejected.outcomes()) {
                assertEquals("rejected", o.status());
                assertTrue(o.message().contains("wrong token"), o.message());
                assertFalse(Files.exists(sweep.runs().get(o.index()).output()));
            }

            ClusterOptions otherCluster = new ClusterOptions("127.0.0.1", 0, "elsewhere", members, "right-token",
                    null, 0, Duration.ofSeconds(5), Duration.ofSeconds(3));
            SweepReport alone = ClusterSweep.run(sweep, otherCluster, false, m -> { });
            // an empty outcome list would pass allMatch: both runs must be there, neither completed
            assertEquals(2, alone.outcomes().size(), "an outcome per run: " + alone.outcomes());
            assertFalse(alone.allCompleted(), alone.outcomes().toString());
            assertTrue(alone.outcomes().stream().allMatch(o -> o.message().equals("no worker available")),
                    alone.outcomes().toString());
            for (SweepRun r : sweep.runs()) {
                assertFalse(Files.exists(r.output()), "nothing written without a worker: " + r.output());
            }

            ClusterOptions friend = new ClusterOptions("127.0.0.1", 0, "safety", members, "right-token", null, 0,
                    Duration.ofSeconds(5), Duration.ofSeconds(30));
            SweepReport ok = ClusterSweep.run(sweep, friend, false, m -> { });
            assertTrue(ok.allCompleted(), ok.outcomes().toString());
            for (SweepRun r : sweep.runs()) {
                assertTrue(RunOutcome.isComplete(r.output()));
                assertEquals(RunOutcome.spikeChecksum(r.output()), ok.outcomes().get(r.index()).spikesSha256());
                assertEquals(w.address(), ok.outcomes().get(r.index()).member());
            }
        }
    }
}
