package org.cortexsim.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cortexsim.core.model.Preset;

/**
 * Entry point of the configuration layer: reads a YAML or JSON config (a file, or text of a
 * built-in config), applies {@code key.path=value} overrides and returns a validated
 * {@link Config}, or throws a {@link ConfigException} listing every problem found, each with
 * file, line, column and key path.
 *
 * <p>The format is chosen by the source name: {@code .json} is read with the strict JSON parser,
 * anything else as YAML (which also accepts JSON text). Text must be UTF-8; a leading byte-order
 * mark is ignored. The loader is stateless and thread-safe. Neuron model names are core's
 * {@link Preset}s, matched case-insensitively; parameter keys are those of core's
 * {@link org.cortexsim.core.model.Parameter} table; synapse models come from the
 * {@link org.cortexsim.network.synapse.SynapseModels} registry.
 */
public final class ConfigLoader {

    /** A loader; neuron models are core's {@link Preset}s, synapse models those of the registry. */
    public ConfigLoader() {
    }

    /** Loads {@code file} without overrides. */
    public Config load(Path file) throws ConfigException {
        return load(file, List.of());
    }

    /**
     * Loads {@code file}, applying {@code overrides} ({@code key.path=value}) in order. Relative
     * paths inside the config resolve against the file's directory.
     */
    public Config load(Path file, List<String> overrides) throws ConfigException {
        Objects.requireNonNull(file, "file");
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ConfigException(Location.of(name), "is a directory, not a config file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(Location.of(name), "file not found (looked for "
                    + file.toAbsolutePath().normalize() + "); check the path");
        } catch (AccessDeniedException e) {
            throw new ConfigException(Location.of(name), "permission denied; make the file readable");
        } catch (IOException | SecurityException e) {
            throw new ConfigException(Location.of(name), "cannot read the file: " + e.getMessage());
        }
        String text = decode(bytes, name);
        Path dir = file.toAbsolutePath().normalize().getParent();
        return parse(text, name, dir == null ? Path.of("").toAbsolutePath() : dir, overrides);
    }

    /**
     * Parses config text (e.g. a built-in config) named {@code sourceName} in messages, applying
     * {@code overrides}. Relative paths inside the config resolve against the current directory.
     */
    public Config parse(String text, String sourceName, List<String> overrides) throws ConfigException {
        return parse(text, sourceName, Path.of("").toAbsolutePath(), overrides);
    }

    /** Parses config text, resolving relative paths inside it against {@code baseDir}. */
    public Config parse(String text, String sourceName, Path baseDir, List<String> overrides)
            throws ConfigException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(baseDir, "baseDir");
        List<String> sets = List.copyOf(overrides);
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        checkText(body, sourceName);
        List<ConfigError> errors = new ArrayList<>();
        boolean json = sourceName.toLowerCase(Locale.ROOT).endsWith(".json");
        Node root = new TreeReader(sourceName, true, errors).read(body, json);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        if (root == null) {
            throw new ConfigException(Location.of(sourceName), "the config is empty; it needs at least the"
                    + " sections 'simulation' and 'populations'");
        }
        if (!(root instanceof Node.MapNode map)) {
            throw new ConfigException(root.mark().at(""), "the top level must be a mapping of sections"
                    + " (simulation, populations, inputs, projections, record, output), got " + root.describe());
        }
        new Overrides(errors).apply(map, sets);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        Config config = new ConfigMapper(baseDir, errors).map(map, text, sourceName, sets);
        if (!errors.isEmpty() || config == null) {
            if (errors.isEmpty()) {
                errors.add(new ConfigError(Location.of(sourceName), "the config is invalid"));
            }
            throw new ConfigException(errors);
        }
        return config;
    }

    /** Strict UTF-8 decoding; reports the line and column of the first invalid byte. */
    private static String decode(byte[] bytes, String name) throws ConfigException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            String prefix = out.flip().toString();
            int[] lc = lineColumn(prefix, prefix.length());
            throw new ConfigException(new Location(name, lc[0], lc[1], ""), String.format(Locale.ROOT,
                    "not UTF-8 text (invalid byte 0x%02X); a config must be a YAML or JSON text file saved as UTF-8",
                    bytes[in.position()] & 0xFF));
        }
        return out.flip().toString();
    }

    /** Rejects control characters, which mean the input is binary rather than a text config. */
    private static void checkText(String text, String name) throws ConfigException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || c == '\uFFFD') {
                int[] lc = lineColumn(text, i);
                throw new ConfigException(new Location(name, lc[0], lc[1], ""), String.format(Locale.ROOT,
                        "contains the control character U+%04X, so it looks like a binary file; a config must be"
                                + " YAML or JSON text", (int) c));
            }
        }
    }

    private static int[] lineColumn(String text, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
