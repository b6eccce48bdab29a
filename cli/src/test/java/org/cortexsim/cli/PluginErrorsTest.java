package org.cortexsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's broken synapse model, as a user meets it: the plugin is compiled from source into a
 * folder of its own, listed in its META-INF/services file, and put on the class path of a separate
 * {@code cortexsim run} (as {@code CORTEXSIM_CLASSPATH} does). A services line that names no usable
 * class and a name taken by a built-in model are usage errors (exit 2) with a one-line message naming
 * the class and the fix; a kernel that throws stops the run (exit 1) naming the model, its class and the
 * line that threw, not as an "internal error". No output file is left in either case.
 */
class PluginErrorsTest {
    private static final String SERVICES = "META-INF/services/org.cortexsim.network.synapse.SynapseModel";

    @TempDir
    Path dir;

    /** A model named {@code name} whose kernel throws once its conductance passes 5 nS. */
    private static String source(String name) {
        return """
                package org.lab;

                import java.util.List;
                import java.util.Map;
                import org.cortexsim.network.synapse.FieldSpec;
                import org.cortexsim.network.synapse.ParameterSpec;
                import org.cortexsim.network.synapse.SynapseFields;
                import org.cortexsim.network.synapse.SynapseKernel;
                import org.cortexsim.network.synapse.SynapseModel;

                public final class BoomSynapse implements SynapseModel {
                    public String name() { return "NAME"; }
                    public String description() { return "throws at 5 nS"; }
                    public String weightUnit() { return "nS"; }
                    public List<ParameterSpec> parameters() { return List.of(); }
                    public List<FieldSpec> fields() { return List.of(new FieldSpec("g", "nS", 0, "conductance")); }
                    public SynapseKernel kernel(Map<String, Double> parameters, double dtMs, SynapseFields fields) {
                        double[] g = fields.get("g");
                        return block -> {
                            for (int i = block.from(); i < block.to(); i++) {
                                g[i] = g[i] * 0.99 + block.arrival(i);
                                if (g[i] > 5) {
                                    throw new IllegalStateException("boom");
                                }
                                block.addCurrent(i, -g[i] * block.v(i));
                            }
                        };
                    }
                }
                """.replace("NAME", name);
    }

    /** The plugin folder: BoomSynapse compiled, and a services file of {@code line}. */
    private Path plugin(String name, String line) throws IOException {
        Path src = dir.resolve("src/org/lab/BoomSynapse.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source(name));
        Path classes = dir.resolve("plugin");
        Files.createDirectories(classes.resolve(SERVICES).getParent());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-cp", classpath(), "-d", classes.toString(), src.toString());
        assertEquals(0, compiled, "the plugin compiles");
        Files.writeString(classes.resolve(SERVICES), line + "\n");
        return classes;
    }

    private static String classpath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private record Outcome(int code, String err) {
    }

    /** Runs a spike train into one neuron through {@code model} with the plugin on the class path. */
    private Outcome run(Path plugin, String model) throws Exception {
        Path config = dir.resolve("net.yaml");
        Files.writeString(config, """
                simulation: {dt_ms: 0.1, duration_ms: 50}
                populations:
                  - {name: stim, model: spike_source, spike_times_ms: [[5, 10, 15, 20, 25]]}
                  - {name: post, model: RS, size: 1}
                projections:
                  - {name: sp, pre: stim, post: post, rule: {type: all_to_all}, weight: 3, synapse: {model: MODEL}}
                """.replace("MODEL", model));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", classpath() + File.pathSeparator + plugin,
                Main.class.getName(), "run", config.toString(), "-o", dir.resolve("out.h5").toString(), "--quiet")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Outcome(child.waitFor(), err);
    }

    private void assertNoOutput() throws IOException {
        try (var files = Files.list(dir)) {
            List<String> h5 = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".h5")).toList();
            assertEquals(List.of(), h5, "no output file");
        }
    }

    @Test
    void aMisspelledServicesLineIsAUsageErrorNamingTheLine() throws Exception {
        Path plugin = plugin("boom", "org.lab.BoomSynapes");
        Outcome o = run(plugin, "boom");
        assertEquals(ExitCodes.USAGE, o.code(), o.err());
        assertTrue(o.err().startsWith("cortexsim: cannot load a synapse model: "), o.err());
        assertTrue(o.err().contains("line 'org.lab.BoomSynapes' of " + SERVICES + " in " + plugin), o.err());
        assertTrue(o.err().contains("check its spelling and package"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
        assertNoOutput();
    }

    @Test
    void aBuiltInNameIsAUsageErrorNamingBothClasses() throws Exception {
        Outcome o = run(plugin("exp_current", "org.lab.BoomSynapse"), "exp_current");
        assertEquals(ExitCodes.USAGE, o.code(), o.err());
        assertTrue(o.err().contains("two synapse models are named 'exp_current'")
                && o.err().contains("org.cortexsim.network.synapse.ExpCurrentSynapse")
                && o.err().contains("org.lab.BoomSynapse") && o.err().contains("rename yours"), o.err());
        assertNoOutput();
    }

    @Test
    void aKernelThatThrowsIsNamedNotAnInternalError() throws Exception {
        Path plugin = plugin("boom", "org.lab.BoomSynapse");
        Outcome o = run(plugin, "boom");
        assertEquals(ExitCodes.FAILURE, o.code(), o.err());
        assertTrue(o.err().contains("cortexsim: the synapse model 'boom' (org.lab.BoomSynapse, " + plugin), o.err());
        assertTrue(o.err().contains("threw java.lang.IllegalStateException: boom at BoomSynapse.java:"), o.err());
        assertFalse(o.err().contains("internal error"), o.err());
        assertNoOutput();
    }

    @Test
    void aKernelClassOfItsOwnThatThrowsIsNamedWithItsModel() throws Exception {
        Path plugin = plugin("boom", "org.lab.BoomSynapse");
        Path src = dir.resolve("src/org/lab");
        Files.writeString(src.resolve("BoomSynapse.java"), Files.readString(src.resolve("BoomSynapse.java"))
                .replaceFirst("(?s)return block -> \\{.*?\\};\\s*\\}", "return new BoomKernel(g);\n    }"));
        Files.writeString(src.resolve("BoomKernel.java"), """
                package org.lab;

                import org.cortexsim.network.synapse.SynapseBlock;
                import org.cortexsim.network.synapse.SynapseKernel;

                final class BoomKernel implements SynapseKernel {
                    private final double[] g;

                    BoomKernel(double[] g) {
                        this.g = g;
                    }

                    public void step(SynapseBlock block) {
                        for (int i = block.from(); i < block.to(); i++) {
                            g[i] = g[i] * 0.99 + block.arrival(i);
                            if (g[i] > 5) {
                                throw new IllegalStateException("boom in the kernel class");
                            }
                            block.addCurrent(i, g[i]);
                        }
                    }
                }
                """);
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp", classpath(), "-d",
                plugin.toString(), src.resolve("BoomSynapse.java").toString(), src.resolve("BoomKernel.java").toString());
        assertEquals(0, compiled, "the plugin with its kernel class compiles");
        assertTrue(Files.isRegularFile(plugin.resolve("org/lab/BoomKernel.class")));
        Outcome o = run(plugin, "boom");
        assertEquals(ExitCodes.FAILURE, o.code(), o.err());
        assertTrue(o.err().contains("cortexsim: the synapse model 'boom' (org.lab.BoomSynapse, " + plugin), o.err());
        assertTrue(o.err().contains("threw java.lang.IllegalStateException: boom in the kernel class at BoomKernel.java:"),
                o.err());
        assertFalse(o.err().contains("internal error"), o.err());
        assertNoOutput();
    }

    /** The launcher refuses a CORTEXSIM_CLASSPATH entry that does not exist before it builds or starts java. */
    @Test
    void theLauncherNamesAClasspathEntryThatDoesNotExist() throws Exception {
        Path launcher = Path.of(System.getProperty("user.dir")).getParent().resolve("cortexsim");
        assertTrue(Files.isRegularFile(launcher), "the launcher at the repository root: " + launcher);
        Path missing = dir.resolve("target/my-plugin.jar");
        ProcessBuilder pb = new ProcessBuilder("bash", launcher.toString(), "--version")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("CORTEXSIM_CLASSPATH", dir + File.pathSeparator + missing);
        Process child = pb.start();
        String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, child.waitFor(), err);
        assertTrue(err.contains("CORTEXSIM_CLASSPATH names '" + missing + "', which does not exist"), err);
    }
}
