package org.cortexsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks files written by {@link SonataWriter} with readers that do not share its code: h5dump
 * (HDF5 C library) and h5py. Each test is skipped, with a notice on stderr, when its tool is missing.
 */
class IndependentReadersTest {

    private static final String PYTHON = "/usr/bin/python3";
    static final int SPIKES = 50;
    static final int ROWS = 20;
    static final int COLS = 6;

    @TempDir
    Path dir;

    /** Writes the reference file; the python script recomputes every value with the same formulas. */
    private Path writeReference() throws IOException {
        double[] t = new double[SPIKES];
        long[] ids = new long[SPIKES];
        for (int i = 0; i < SPIKES; i++) {
            t[i] = i * 0.1 + 0.025;
            ids[i] = (i * 7L) % 13;
        }
        double[] data = new double[ROWS * COLS];
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                data[r * COLS + c] = -65.0 + r * 0.1 + c / 3.0;
            }
        }
        Path out = dir.resolve("ref.h5");
        try (SonataWriter w = SonataWriter.create(out, false)) {
            w.rootAttribute("config", "seed: 7\n")
                    .rootAttribute("dt_ms", 0.1)
                    .rootAttribute("seed", 7L)
                    .rootAttribute("simulator", "cortexsim 0.1.0");
            w.spikes("exc", t, ids, SPIKES, Sorting.BY_TIME);
            w.spikes("inh", new double[0], new long[0], 0, Sorting.BY_TIME);
            w.report(new ReportMetadata("exc", "mV", new long[] {0, 2, 4, 6, 8, 10}, 0.0, ROWS * 0.5, 0.5, ROWS, COLS),
                    data, ReportDtype.FLOAT64);
            w.report(new ReportMetadata("inh", "pA", new long[] {5, 1, 3, 7, 9, 11}, 0.0, ROWS * 0.5, 0.5, ROWS, COLS),
                    data);
            w.edges(new EdgeData("exc__exc", "exc", "exc", new long[] {0, 1, 2}, new long[] {2, 0, 1},
                    new double[] {0.5, 0.25, 1.0 / 3.0}, new double[] {1.0, 2.0, 0.1}), 3, 3, 5);
            w.dataset("/provenance/populations/exc/parameter_values", new double[] {0.02, 0.2, -65, 8},
                    Map.of("names", new String[] {"a", "b", "c", "d"}));
            w.commit();
        }
        return out;
    }

    @Test
    void h5dumpReadsFileWithSonataDatatypes() throws Exception {
        Path h5dump = onPath("h5dump");
        if (h5dump == null) {
            System.err.println("NOTICE: h5dump not found on PATH: skipping the h5dump check of SONATA files"
                    + " (install hdf5-tools)");
        }
        assumeTrue(h5dump != null, "h5dump not found: skipping (install hdf5-tools)");
        Path file = writeReference();

        Result full = run(List.of(h5dump.toString(), file.toString()));
        assertEquals(0, full.code, "h5dump of the whole file failed:\n" + full.output);

        assertDatatype(h5dump, file, "-d", "/spikes/exc/node_ids", "H5T_STD_U64LE");
        assertDatatype(h5dump, file, "-d", "/spikes/exc/timestamps", "H5T_IEEE_F64LE");
        assertDatatype(h5dump, file, "-d", "/report/exc/data", "H5T_IEEE_F64LE");
        assertDatatype(h5dump, file, "-d", "/report/inh/data", "H5T_IEEE_F32LE");
        assertDatatype(h5dump, file, "-d", "/report/exc/mapping/element_ids", "H5T_STD_U32LE");
        assertDatatype(h5dump, file, "-d", "/report/exc/mapping/element_pos", "H5T_IEEE_F32LE");
        assertDatatype(h5dump, file, "-a", "/spikes/exc/sorting", "H5T_ENUM");
        assertDatatype(h5dump, file, "-d", "/report/exc/mapping/node_ids", "H5T_STD_U64LE");
        assertDatatype(h5dump, file, "-d", "/report/exc/mapping/index_pointers", "H5T_STD_U64LE");
        assertDatatype(h5dump, file, "-d", "/edges/exc__exc/source_node_id", "H5T_STD_U64LE");
        assertDatatype(h5dump, file, "-d", "/edges/exc__exc/edge_type_id", "H5T_STD_U32LE");
        assertDatatype(h5dump, file, "-d", "/edges/exc__exc/indices/source_to_target/node_id_to_ranges",
                "H5T_STD_U64LE");
        assertDatatype(h5dump, file, "-a", "/magic", "H5T_STD_U32LE");
        assertDatatype(h5dump, file, "-a", "/version", "H5T_STD_U32LE");

        String header = run(List.of(h5dump.toString(), "-H", file.toString())).output;
        assertTrue(Pattern.compile("DATASPACE\\s+SIMPLE \\{ \\( " + SPIKES + " \\)").matcher(header).find(),
                "timestamps has " + SPIKES + " elements:\n" + header);
        assertTrue(Pattern.compile("DATASPACE\\s+SIMPLE \\{ \\( " + ROWS + ", " + COLS + " \\)").matcher(header).find(),
                "report data is " + ROWS + " x " + COLS);
        String layout = run(List.of(h5dump.toString(), "-H", "-p", "-d", "/report/exc/data", file.toString())).output;
        assertTrue(layout.contains("CHUNKED ("), "report data is chunked:\n" + layout);
        for (String attr : List.of("magic", "version", "config", "seed", "dt_ms", "sorting", "units",
                "node_population", SonataWriter.EMPTY_SPIKE_POPULATIONS_ATTR)) {
            assertTrue(header.contains("ATTRIBUTE \"" + attr + "\""), "attribute " + attr + " present:\n" + header);
        }
        String sorting = run(List.of(h5dump.toString(), "-a", "/spikes/exc/sorting", file.toString())).output;
        assertTrue(Pattern.compile("H5T_ENUM \\{\\s+H5T_STD_I8LE;\\s+\"none\"\\s+0;\\s+\"by_id\"\\s+1;\\s+\"by_time\"\\s+2;")
                .matcher(sorting).find() && sorting.contains("(0): by_time"), sorting);
    }

    private void assertDatatype(Path h5dump, Path file, String flag, String object, String type) throws Exception {
        Result r = run(List.of(h5dump.toString(), "-H", flag, object, file.toString()));
        assertEquals(0, r.code, r.output);
        Matcher m = Pattern.compile("DATATYPE\\s+(\\S+)").matcher(r.output);
        assertTrue(m.find(), "no DATATYPE for " + object + ":\n" + r.output);
        assertEquals(type, m.group(1), object);
    }

    private static final String PY_CHECK = """
            import sys
            import h5py
            import numpy as np

            if not __debug__:
                raise SystemExit("python assertions are disabled (-O): the check would prove nothing")
            SPIKES, ROWS, COLS = %d, %d, %d
            f = h5py.File(sys.argv[1], "r")

            def s(v):
                return v.decode("utf-8") if isinstance(v, bytes) else str(v)

            assert f.attrs["magic"] == 0x0A7A and f.attrs["magic"].dtype == np.uint32, f.attrs["magic"]
            assert list(f.attrs["version"]) == [0, 1] and f.attrs["version"].dtype == np.uint32
            assert s(f.attrs["config"]) == "seed: 7\\n"
            assert f.attrs["seed"] == 7 and f.attrs["seed"].dtype == np.int64
            assert f.attrs["dt_ms"] == 0.1 and f.attrs["dt_ms"].dtype == np.float64
            assert s(f.attrs["simulator"]) == "cortexsim 0.1.0"
            assert [s(x) for x in f.attrs["cortexsim_empty_spike_populations"]] == ["inh"]

            pop = f["spikes/exc"]
            mapping = h5py.check_enum_dtype(pop.attrs.get_id("sorting").dtype)
            assert mapping == {"none": 0, "by_id": 1, "by_time": 2}, mapping
            assert pop.attrs["sorting"] == 2, pop.attrs["sorting"]
            ts, ids = pop["timestamps"], pop["node_ids"]
            assert ts.dtype == np.float64 and ids.dtype == np.uint64, (ts.dtype, ids.dtype)
            assert s(ts.attrs["units"]) == "ms"
            i = np.arange(SPIKES)
            assert np.array_equal(ts[()], np.array([k * 0.1 + 0.025 for k in range(SPIKES)]))
            assert np.array_equal(ids[()], ((i * 7) %% 13).astype(np.uint64))
            assert np.all(np.diff(ts[()]) >= 0)
            assert "inh" not in f["spikes"]

            rep = f["report/exc"]
            data = rep["data"]
            assert data.dtype == np.float64 and data.shape == (ROWS, COLS) and data.chunks is not None
            assert s(data.attrs["units"]) == "mV"
            expected = np.array([[-65.0 + r * 0.1 + c / 3.0 for c in range(COLS)] for r in range(ROWS)])
            assert np.array_equal(data[()], expected)
            m = rep["mapping"]
            for name in ("node_ids", "index_pointers", "index_pointer"):
                assert m[name].dtype == np.uint64, (name, m[name].dtype)
            assert m["element_ids"].dtype == np.uint32 and m["element_pos"].dtype == np.float32
            assert m["node_ids"].attrs["sorted"] == 1 and m["node_ids"].attrs["sorted"].dtype == np.int8
            assert np.array_equal(m["index_pointer"][()], m["index_pointers"][()])
            assert np.array_equal(m["node_ids"][()], np.arange(0, 2 * COLS, 2))
            assert m["index_pointers"].shape == (COLS + 1,)
            assert np.array_equal(m["index_pointers"][()], np.arange(COLS + 1))
            assert np.array_equal(m["element_ids"][()], np.zeros(COLS))
            assert m["time"].dtype == np.float64 and list(m["time"][()]) == [0.0, ROWS * 0.5, 0.5]
            assert s(m["time"].attrs["units"]) == "ms"
            inh = f["report/inh"]
            assert inh["data"].dtype == np.float32 and np.array_equal(inh["data"][()], expected.astype(np.float32))
            assert inh["mapping/node_ids"].attrs["sorted"] == 0

            e = f["edges/exc__exc"]
            for name in ("source_node_id", "target_node_id"):
                assert e[name].dtype == np.uint64, (name, e[name].dtype)
            assert e["edge_type_id"].dtype == np.uint32 and list(e["edge_type_id"][()]) == [5, 5, 5]
            assert e["edge_group_id"].dtype == np.uint16 and e["edge_group_index"].dtype == np.uint32
            s2t = e["indices/source_to_target"]
            assert s2t["node_id_to_ranges"][()].tolist() == [[0, 1], [1, 2], [2, 3]]
            assert s2t["range_to_edge_id"][()].tolist() == [[0, 1], [1, 2], [2, 3]]
            t2s = e["indices/target_to_source"]
            assert t2s["node_id_to_ranges"][()].tolist() == [[0, 1], [1, 2], [2, 3]]
            assert t2s["range_to_edge_id"][()].tolist() == [[1, 2], [2, 3], [0, 1]]
            assert np.array_equal(t2s["node_id_to_range"][()], t2s["node_id_to_ranges"][()])
            assert s(e["source_node_id"].attrs["node_population"]) == "exc"
            assert s(e["target_node_id"].attrs["node_population"]) == "exc"
            assert list(e["source_node_id"][()]) == [0, 1, 2] and list(e["target_node_id"][()]) == [2, 0, 1]
            assert list(e["0/syn_weight"][()]) == [0.5, 0.25, 1.0 / 3.0]
            assert list(e["0/delay"][()]) == [1.0, 2.0, 0.1] and s(e["0/delay"].attrs["units"]) == "ms"

            p = f["provenance/populations/exc/parameter_values"]
            assert list(p[()]) == [0.02, 0.2, -65.0, 8.0]
            assert [s(x) for x in p.attrs["names"]] == ["a", "b", "c", "d"]
            print("PY-OK")
            """.formatted(SPIKES, ROWS, COLS);

    @Test
    void h5pyReadsFileWithSonataDtypesAndExactValues() throws Exception {
        boolean found = Files.isExecutable(Path.of(PYTHON))
                && run(List.of(PYTHON, "-c", "import h5py, numpy")).code == 0;
        if (!found) {
            System.err.println("NOTICE: " + PYTHON + " with h5py and numpy not found: skipping the h5py check of"
                    + " SONATA files (install python3-h5py)");
        }
        assumeTrue(found, PYTHON + " with h5py not found: skipping (install python3-h5py)");
        Path file = writeReference();
        Path script = dir.resolve("check.py");
        Files.writeString(script, PY_CHECK);
        Result r = run(List.of(PYTHON, script.toString(), file.toString()));
        assertEquals(0, r.code, "h5py check failed:\n" + r.output);
        assertTrue(r.output.contains("PY-OK"), r.output);
    }

    private static Path onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path candidate = Path.of(d, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().remove("PYTHONOPTIMIZE");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + command);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
