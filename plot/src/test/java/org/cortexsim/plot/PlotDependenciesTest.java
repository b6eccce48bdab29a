package org.cortexsim.plot;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * plot depends on results alone: its class path, tests included, holds no cortexsim module other
 * than results and plot, and none of the libraries of the engine and the config language (EJML,
 * Jackson, SnakeYAML) or of the modules above (Hazelcast, picocli). ModuleLayeringTest checks
 * plot's classes; this checks its pom's dependency list, which could otherwise pull the engine in
 * for tests only.
 */
class PlotDependenciesTest {

    @Test
    void onlyResultsAndPlotAreOnTheClassPath() throws Exception {
        Set<String> modules = new TreeSet<>();
        Enumeration<URL> roots = getClass().getClassLoader().getResources("org/cortexsim");
        for (URL root : Collections.list(roots)) {
            modules.addAll(subpackages(root));
        }
        assertEquals(Set.of("plot", "results"), modules, "cortexsim packages on plot's test class path");
    }

    @Test
    void noEngineConfigOrClusterLibraryIsOnTheClassPath() {
        for (String name : List.of("org.ejml.data.DMatrixSparseCSC", "com.fasterxml.jackson.core.JsonParser",
                "com.fasterxml.jackson.databind.ObjectMapper", "org.yaml.snakeyaml.Yaml",
                "com.hazelcast.core.Hazelcast", "picocli.CommandLine", "org.cortexsim.core.Neurons",
                "org.cortexsim.network.Simulation", "org.cortexsim.config.ConfigLoader", "org.cortexsim.run.Runner")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name, false, getClass().getClassLoader()),
                    name + " must not be on plot's class path");
        }
    }

    /** The lookups above would also "pass" on a broken class loader; this one must find what plot uses. */
    @Test
    void theLookupFindsWhatIsThere() {
        for (String name : List.of("org.cortexsim.results.ResultSet", "org.jfree.chart.JFreeChart")) {
            assertDoesNotThrow(() -> Class.forName(name, false, getClass().getClassLoader()), name);
        }
    }

    /** The package names directly under org/cortexsim at a class path root (a directory or a jar). */
    private static Set<String> subpackages(URL root) throws IOException, URISyntaxException {
        Set<String> out = new TreeSet<>();
        if (root.getProtocol().equals("jar")) {
            try (JarFile jar = ((JarURLConnection) root.openConnection()).getJarFile()) {
                for (JarEntry e : Collections.list(jar.entries())) {
                    String n = e.getName();
                    if (n.startsWith("org/cortexsim/") && n.indexOf('/', "org/cortexsim/".length()) > 0) {
                        out.add(n.substring("org/cortexsim/".length(), n.indexOf('/', "org/cortexsim/".length())));
                    }
                }
            }
            return out;
        }
        try (Stream<Path> children = Files.list(Path.of(root.toURI()))) {
            children.filter(Files::isDirectory).forEach(p -> out.add(p.getFileName().toString()));
        }
        return out;
    }
}
