package org.cortexsim.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The run tests' network configs kept as YAML files in {@code src/test/resources/org/cortexsim/run/configs}
 * (each can also be run with {@code cortexsim run FILE}): one place per network instead of a copy
 * in every test that runs it.
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
}
