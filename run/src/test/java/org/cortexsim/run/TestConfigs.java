package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cortexsim.config.ConfigLoader;

/**
 * The run tests' network configs kept as YAML files in {@code src/test/resources/org/cortexsim/run/configs}
 * (each can also be run with {@code cortexsim run FILE}): one place per network instead of a copy
 * in every test that runs it; and the one way the tests run a config to completion.
 */
final class TestConfigs {
    private TestConfigs() {
    }

    /** The text of config {@code name} (for example {@code golden.yaml}). */
    static String text(String name) {
        try (InputStream in = TestConfigs.class.getResourceAsStream("configs/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test config configs/" + name + " beside " + TestConfigs.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code config} followed by {@code output: {path: DIR/NAME.h5<output>}} to {@code
     * DIR/NAME.yaml}, runs it quietly and asserts that it completed; returns the output file.
     *
     * @param output more keys of {@code output}, each starting with {@code ", "} (or empty)
     */
    static Path run(Path dir, String name, String config, String output) throws Exception {
        Path yaml = dir.resolve(name + ".yaml");
        Path out = dir.resolve(name + ".h5");
        Files.writeString(yaml, config + "output: {path: '" + out + "'" + output + "}\n");
        RunReport report = Runner.run(new ConfigLoader().load(yaml), RunOptions.quiet());
        assertTrue(report.completed(), report.status());
        return out;
    }

    /**
     * Runs {@code examples/NAME} with {@code overrides} and its output at {@code out}, quietly, and
     * asserts that it completed.
     */
    static RunReport runExample(String name, Path out, String... overrides) throws Exception {
        List<String> all = new ArrayList<>(List.of(overrides));
        all.add("output.path='" + out + "'");
        RunReport report = Runner.run(new ConfigLoader().load(Path.of("..", "examples", name), all),
                RunOptions.quiet());
        assertTrue(report.completed(), report.status());
        return report;
    }
}
