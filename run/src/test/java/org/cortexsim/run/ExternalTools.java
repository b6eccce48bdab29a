package org.cortexsim.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs outside tools (h5dump, python3 with h5py, numpy, bmtk, or libsonata from {@code
 * ../shared/tools}) for independent checks, skipping the calling test with a visible notice on
 * stderr when a tool is missing (CI installs them).
 */
final class ExternalTools {
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    record Result(int exitCode, String output) {
    }

    private ExternalTools() {
    }

    static void requirePythonModules(String... modules) {
        String check = "import " + String.join(", ", modules);
        boolean ok;
        try {
            ok = run(List.of(PYTHON, "-c", check), null, 60).exitCode() == 0;
        } catch (IOException e) {
            ok = false;
        }
        if (!ok) {
            System.err.println("NOTICE: skipping test: " + PYTHON + " with " + String.join(", ", modules)
                    + " not found (apt-get install python3-h5py python3-numpy python3-bmtk; CI installs them)");
        }
        Assumptions.assumeTrue(ok, PYTHON + " with " + String.join(", ", modules) + " not found");
    }

    /**
     * The directory holding the libsonata Python package: {@code ../shared/tools} beside the
     * checkout (this module's parent), where the project keeps its build of the reference reader.
     */
    static Path libsonataPath() {
        return Path.of("").toAbsolutePath().normalize().getParent().resolveSibling("shared").resolve("tools");
    }

    /** Skips the calling test with a notice unless python3 imports libsonata (from {@link #libsonataPath()}) and numpy. */
    static void requireLibsonata() {
        boolean ok;
        try {
            ok = run(List.of(PYTHON, "-c", "import libsonata, numpy, h5py"), null, 60,
                    java.util.Map.of("PYTHONPATH", libsonataPath().toString())).exitCode() == 0;
        } catch (IOException e) {
            ok = false;
        }
        if (!ok) {
            System.err.println("NOTICE: skipping test: " + PYTHON + " cannot import libsonata from " + libsonataPath()
                    + " (with numpy and h5py); CI has it in ../shared/tools beside the clone");
        }
        Assumptions.assumeTrue(ok, "libsonata not found in " + libsonataPath());
    }

    static Result run(List<String> command, Path dir, long timeoutSeconds) throws IOException {
        return run(command, dir, timeoutSeconds, java.util.Map.of());
    }

    static Result run(List<String> command, Path dir, long timeoutSeconds, java.util.Map<String, String> env)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        pb.environment().remove("PYTHONOPTIMIZE");
        pb.environment().putAll(env);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + command);
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Runs a python script with arguments; fails the test with its output if it exits non-zero. */
    static String python(String script, Path dir, String... args) throws IOException {
        return python(java.util.Map.of(), script, dir, args);
    }

    /** As {@link #python(String, Path, String...)} with libsonata importable. */
    static String pythonWithLibsonata(String script, Path dir, String... args) throws IOException {
        return python(java.util.Map.of("PYTHONPATH", libsonataPath().toString()), script, dir, args);
    }

    private static String python(java.util.Map<String, String> env, String script, Path dir, String... args)
            throws IOException {
        Path file = Files.createTempFile("cortexsim-test", ".py");
        try {
            Files.writeString(file, script, StandardCharsets.UTF_8);
            List<String> cmd = new ArrayList<>(List.of(PYTHON, "-X", "utf8", file.toString()));
            cmd.addAll(List.of(args));
            Result r = run(cmd, dir, 600, env);
            if (r.exitCode() != 0) {
                throw new AssertionError("python check failed (exit " + r.exitCode() + "):\n" + r.output());
            }
            return r.output();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
