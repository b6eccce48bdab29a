package org.cortexsim.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The built-in default config: {@code examples/cortex.yaml}, copied into the jar at build time,
 * so {@code cortexsim run} works with no file at hand.
 */
public final class DefaultConfig {
    /** The source name reported in messages and provenance. */
    public static final String NAME = "<built-in default: examples/cortex.yaml>";

    private DefaultConfig() {
    }

    public static String text() {
        try (InputStream in = DefaultConfig.class.getResourceAsStream("cortex.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the built-in default config is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
