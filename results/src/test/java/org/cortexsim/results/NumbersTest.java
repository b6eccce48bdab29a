package org.cortexsim.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SonataReader#numbers}: a one-dimensional numeric dataset of any HDF5 file as doubles
 * (used for per-neuron values given as {@code {type: hdf5, path, dataset}}). Files written by
 * cortexsim's writer, and files written by h5py with the types other tools use (float32, int32,
 * uint64, int8), read to the values h5py was given; anything else (strings, groups, matrices,
 * nothing) is {@code null}.
 */
class NumbersTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void float64AndInt64DatasetsOfTheWriterReadExactly() throws IOException {
        Path file = dir.resolve("values.h5");
        double[] doubles = {0.1 + 0.2, -3.5, 1e-300, 12345.678901234567};
        try (SonataWriter w = SonataWriter.create(file, false)) {
            w.dataset("/a/c_pF", doubles, Map.of("units", "pF"));
            w.dataset("/ids", new long[] {3, -7, 1L << 40}, Map.of());
            w.dataset("/names", new String[] {"x"}, Map.of());
            w.commit();
        }
        try (SonataReader r = SonataReader.open(file)) {
            assertArrayEquals(doubles, r.numbers("/a/c_pF"));
            assertArrayEquals(new double[] {3, -7, 1L << 40}, r.numbers("/ids"));
            assertNull(r.numbers("/names"), "strings are not numbers");
            assertNull(r.numbers("/a"), "a group is not a dataset");
            assertNull(r.numbers("/nope"), "nothing there");
        }
    }

    @Test
    void datasetsWrittenByH5pyReadToTheValuesGiven() throws Exception {
        boolean found = Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import h5py, numpy")) == 0;
        if (!found) {
            System.err.println("NOTICE: " + PYTHON + " with h5py and numpy not found: skipping the h5py-written"
                    + " value columns (install python3-h5py)");
        }
        assumeTrue(found, PYTHON + " with h5py not found: skipping (install python3-h5py)");
        Path file = dir.resolve("h5py.h5");
        Path script = dir.resolve("write.py");
        Files.writeString(script, """
                import sys, h5py, numpy as np
                with h5py.File(sys.argv[1], "w") as f:
                    f["f32"] = np.array([0.1, -2.5, 100.25], dtype=np.float32)
                    f["i32"] = np.array([-5, 0, 2147483647], dtype=np.int32)
                    f["u64"] = np.array([0, 7, 2**63 + 2**11], dtype=np.uint64)
                    f["i8"] = np.array([-128, 127], dtype=np.int8)
                    f["g/m"] = np.zeros((2, 3))
                """, StandardCharsets.UTF_8);
        assertTrue(run(List.of(PYTHON, script.toString(), file.toString())) == 0, "h5py wrote the file");
        try (SonataReader r = SonataReader.open(file)) {
            assertArrayEquals(new double[] {0.1f, -2.5f, 100.25f}, r.numbers("/f32"));
            assertArrayEquals(new double[] {-5, 0, 2147483647}, r.numbers("/i32"));
            assertArrayEquals(new double[] {0, 7, 0x1p63 + 0x1p11}, r.numbers("/u64"));
            assertArrayEquals(new double[] {-128, 127}, r.numbers("/i8"));
            assertNull(r.numbers("/g/m"), "a matrix is not a column");
        }
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        if (p.exitValue() != 0) {
            System.err.println(out);
        }
        return p.exitValue();
    }
}
