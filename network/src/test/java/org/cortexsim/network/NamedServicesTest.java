package org.cortexsim.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cortexsim.network.synapse.DeltaSynapse;
import org.cortexsim.network.synapse.FieldSpec;
import org.cortexsim.network.synapse.NamedServices;
import org.cortexsim.network.synapse.ParameterSpec;
import org.cortexsim.network.synapse.PluginLoadException;
import org.cortexsim.network.synapse.SynapseFields;
import org.cortexsim.network.synapse.SynapseKernel;
import org.cortexsim.network.synapse.SynapseModel;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when the services line of their synapse model is wrong: each mistake a
 * {@link PluginLoadException} naming the line, the folder (or jar) that lists it and the fix,
 * rather than a {@code ServiceConfigurationError} out of a static initializer. The user's "jar"
 * is a folder on a class loader above the test's own, as {@code CORTEXSIM_CLASSPATH} puts a jar
 * above cortexsim's.
 */
class NamedServicesTest {
    private static final String FILE = "META-INF/services/" + SynapseModel.class.getName();

    @TempDir
    Path plugin;

    @TempDir
    Path sources;

    private PluginLoadException refused(String... lines) throws IOException {
        Files.createDirectories(plugin.resolve(FILE).getParent());
        Files.write(plugin.resolve(FILE), List.of(lines));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {plugin.toUri().toURL()},
                NamedServicesTest.class.getClassLoader())) {
            return assertThrows(PluginLoadException.class,
                    () -> NamedServices.load(SynapseModel.class, loader, SynapseModel::name, "synapse model"));
        }
    }

    @Test
    void aMisspelledLineNamesTheLineTheFolderAndTheFix() throws IOException {
        String m = refused("# my models", "org.lab.NmdaSynapes").getMessage();
        assertTrue(m.startsWith("cannot load a synapse model: "), m);
        assertTrue(m.contains("line 'org.lab.NmdaSynapes' of " + FILE + " in " + plugin), m);
        assertTrue(m.contains("check its spelling and package"), m);
    }

    @Test
    void aClassWithoutANoArgumentConstructorIsNamedWithTheFix() throws IOException {
        String m = refused(NoDefaultConstructor.class.getName()).getMessage();
        assertTrue(m.contains("line '" + NoDefaultConstructor.class.getName() + "'"), m);
        assertTrue(m.contains("give the class a public constructor without arguments"), m);
    }

    @Test
    void aConstructorThatThrowsIsNamedWithWhatItThrew() throws IOException {
        String m = refused(ThrowingConstructor.class.getName()).getMessage();
        assertTrue(m.contains(ThrowingConstructor.class.getName()), m);
        assertTrue(m.contains("its constructor threw java.lang.IllegalStateException: no license file"), m);
    }

    @Test
    void aClassThatIsNoSynapseModelIsNamed() throws IOException {
        String m = refused(NamedServicesTest.class.getName()).getMessage();
        assertTrue(m.contains("line '" + NamedServicesTest.class.getName() + "'"), m);
        assertTrue(m.contains("must implement " + SynapseModel.class.getName()), m);
    }

    @Test
    void aNameOfABuiltInModelIsRefusedNamingBothClasses() throws IOException {
        String m = refused(SecondDelta.class.getName()).getMessage();
        assertTrue(m.startsWith("two synapse models are named 'delta': "), m);
        assertTrue(m.contains(DeltaSynapse.class.getName()) && m.contains(SecondDelta.class.getName()), m);
        assertTrue(m.contains("rename yours"), m);
    }

    /**
     * Compiles {@code org.lab.Base} (a delta-like model) and {@code org.lab.LabSynapse extends Base}
     * into the plugin folder, the way a user's build would.
     */
    private Path compileLabSynapse() throws IOException {
        Path src = sources.resolve("org/lab");
        Files.createDirectories(src);
        Files.writeString(src.resolve("Base.java"), """
                package org.lab;

                import java.util.List;
                import java.util.Map;
                import org.cortexsim.network.synapse.FieldSpec;
                import org.cortexsim.network.synapse.ParameterSpec;
                import org.cortexsim.network.synapse.SynapseFields;
                import org.cortexsim.network.synapse.SynapseKernel;
                import org.cortexsim.network.synapse.SynapseModel;

                public abstract class Base implements SynapseModel {
                    public String description() { return "a user's copy of delta"; }
                    public String weightUnit() { return "pA"; }
                    public List<ParameterSpec> parameters() { return List.of(); }
                    public List<FieldSpec> fields() { return List.of(); }
                    public SynapseKernel kernel(Map<String, Double> parameters, double dtMs, SynapseFields fields) {
                        return block -> {
                            for (int i = block.from(); i < block.to(); i++) {
                                block.addCurrent(i, block.arrival(i));
                            }
                        };
                    }
                }
                """);
        Files.writeString(src.resolve("LabSynapse.java"), "package org.lab;\n"
                + "public final class LabSynapse extends Base {\n"
                + "  @Override public String name() { return \"lab\"; }\n}\n");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-cp", classpath, "-d", plugin.toString(),
                src.resolve("Base.java").toString(), src.resolve("LabSynapse.java").toString());
        assertEquals(0, compiled, "the user's classes compile");
        return plugin.resolve("org/lab");
    }

    @Test
    void aClassCompiledForANewerJavaIsNamedWithTheReleaseToBuildFor() throws IOException {
        Path classes = compileLabSynapse();
        byte[] bytes = Files.readAllBytes(classes.resolve("LabSynapse.class"));
        bytes[6] = 0; // class file major version 99: a Java far newer than any that runs this test
        bytes[7] = 99;
        Files.write(classes.resolve("LabSynapse.class"), bytes);
        String m = refused("org.lab.LabSynapse").getMessage();
        assertTrue(m.startsWith("cannot load a synapse model: "), m);
        assertTrue(m.contains("line 'org.lab.LabSynapse' of " + FILE + " in " + plugin), m);
        assertTrue(m.contains("compiled for a newer Java than this one (" + Runtime.version().feature() + ")"), m);
        assertTrue(m.contains("<maven.compiler.release>17</maven.compiler.release>"), m);
    }

    @Test
    void aClassNeedingAClassNoJarHoldsNamesItAndTheClassPath() throws IOException {
        Path classes = compileLabSynapse();
        Files.delete(classes.resolve("Base.class"));
        String m = refused("org.lab.LabSynapse").getMessage();
        assertTrue(m.contains("a class it needs (org.lab.Base) is in no jar on the class path"), m);
        assertTrue(m.contains("CORTEXSIM_CLASSPATH"), m);
    }

    @Test
    void aCorrectLineLoadsBesideTheBuiltIns() throws IOException {
        Files.createDirectories(plugin.resolve(FILE).getParent());
        Files.write(plugin.resolve(FILE), List.of(Renamed.class.getName()));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {plugin.toUri().toURL()},
                NamedServicesTest.class.getClassLoader())) {
            Map<String, SynapseModel> all = NamedServices.load(SynapseModel.class, loader, SynapseModel::name,
                    "synapse model");
            assertEquals(Renamed.class, all.get("delta_copy").getClass());
            assertEquals(DeltaSynapse.class, all.get("delta").getClass());
        }
    }

    /** A stateless model whose current is its arrivals, the base of the test's user classes. */
    public abstract static class UserModel implements SynapseModel {
        @Override
        public String name() {
            return "delta";
        }

        @Override
        public String description() {
            return "a user's copy of delta";
        }

        @Override
        public String weightUnit() {
            return "pA";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of();
        }

        @Override
        public List<FieldSpec> fields() {
            return List.of();
        }

        @Override
        public SynapseKernel kernel(Map<String, Double> parameters, double dtMs, SynapseFields fields) {
            return block -> {
                for (int i = block.from(); i < block.to(); i++) {
                    block.addCurrent(i, block.arrival(i));
                }
            };
        }
    }

    /** Only a constructor with an argument. */
    public static final class NoDefaultConstructor extends UserModel {
        public NoDefaultConstructor(double scale) {
        }
    }

    /** A constructor that fails. */
    public static final class ThrowingConstructor extends UserModel {
        public ThrowingConstructor() {
            throw new IllegalStateException("no license file");
        }
    }

    /** The built-in name "delta" again. */
    public static final class SecondDelta extends UserModel {
    }

    /** A name of its own. */
    public static final class Renamed extends UserModel {
        @Override
        public String name() {
            return "delta_copy";
        }
    }
}
