package org.cortexsim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The cli tests' network configs, kept as YAML files beside the test classes (in {@code
 * src/test/resources/org/cortexsim/cli}; each can also be run with {@code cortexsim run FILE}).
 */
final class TestConfigs {
    private TestConfigs() {
    }

    /** The file of config {@code name} (for example {@code delays.yaml}). */
    static Path file(String name) {
        try {
            return Path.of(TestConfigs.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no test config " + name + " beside " + TestConfigs.class, e);
        }
    }

    /** The text of config {@code name}. */
    static String text(String name) {
        try (InputStream in = TestConfigs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test config " + name + " beside " + TestConfigs.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
