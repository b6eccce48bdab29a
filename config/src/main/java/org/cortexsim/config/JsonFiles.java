package org.cortexsim.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain JSON files for other modules (the config layer owns JSON and YAML parsing): SONATA
 * circuit configs and {@code dynamics_params} files, read as plain Java values and written from
 * them. Objects are {@code Map<String, Object>} in file order, arrays {@code List<Object>},
 * numbers {@code Double} (written back exactly: the shortest text that reads back to the same
 * double), strings, booleans and null. Stateless and thread-safe.
 */
public final class JsonFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonFiles() {
    }

    /**
     * Reads a file holding one JSON object.
     *
     * @throws IOException if it cannot be read, is not JSON, or is not an object (the message says which)
     */
    public static Map<String, Object> readObject(Path file) throws IOException {
        Object value;
        try {
            value = MAPPER.readValue(file.toFile(), new TypeReference<Object>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")"));
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IOException(file + " must hold a JSON object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put(String.valueOf(e.getKey()), numbersAsDoubles(e.getValue()));
        }
        return out;
    }

    private static Object numbersAsDoubles(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), numbersAsDoubles(e.getValue()));
            }
            return out;
        }
        if (v instanceof java.util.List<?> l) {
            return l.stream().map(JsonFiles::numbersAsDoubles).toList();
        }
        return v;
    }

    /** Writes {@code value} (maps, lists, numbers, strings, booleans) as indented JSON. */
    public static void write(Path file, Object value) throws IOException {
        MAPPER.writeValue(file.toFile(), value);
    }
}
