package org.cortexsim.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.junit.jupiter.api.Test;

/**
 * Ties the config language's neuron vocabulary to core's table: every row of {@link Parameter}
 * is a key a config accepts under {@code params}, no other key is, every {@link Preset} is a
 * model name, and a key's positivity comes from its row.
 */
class ParameterVocabularyTest {
    private static final String BASE = """
            simulation: {dt_ms: 0.1, duration_ms: 10}
            populations:
              - name: exc
                model: RS
                size: 4
                params: %s
            """;

    private final ConfigLoader loader = new ConfigLoader();

    private Config parse(String params) throws ConfigException {
        return loader.parse(String.format(Locale.ROOT, BASE, params), "net.yaml", List.of());
    }

    @Test
    void everyRowOfTheTableIsAnAcceptedKey() throws Exception {
        for (Parameter p : Parameter.values()) {
            double value = p.valueIn(Preset.RS);
            Config c = parse("{" + p.key() + ": " + value + "}");
            ValueSpec.Constant given = (ValueSpec.Constant) c.populations().get(0).params().get(p.key());
            assertEquals(value, given.value(), 0.0, p.key());
        }
    }

    @Test
    void noKeyOutsideTheTableIsAccepted() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("{zz_unknown: 1}"));
        String allowed = String.join(", ", new TreeSet<>(Parameter.keys()));
        assertEquals("net.yaml:6:14: populations[0].params.zz_unknown: unknown key 'zz_unknown'; allowed keys: "
                + allowed, e.getMessage());
    }

    @Test
    void positivityComesFromTheTable() {
        // independently of the table: only the capacitance must be positive (C divides dv/dt); the others may be
        // negative or zero in the notebook's own presets (b = -2 for RS, d = 0 for FS, potentials in mV)
        java.util.Set<String> refused = new TreeSet<>();
        for (Parameter p : Parameter.values()) {
            try {
                parse("{" + p.key() + ": {type: uniform, low: -1, high: 1}}");
            } catch (ConfigException e) {
                if (e.getMessage().contains("must be > 0")) {
                    refused.add(p.key());
                }
            }
        }
        assertEquals(java.util.Set.of("C"), refused, "keys refused for not being > 0");
        for (Parameter p : Parameter.values()) {
            String message;
            try {
                parse("{" + p.key() + ": {type: uniform, low: -1, high: 1}}");
                message = "";
            } catch (ConfigException e) {
                message = e.getMessage();
            }
            assertEquals(p.positive(), message.contains("must be > 0"), p.key() + ": " + message);
        }
    }

    @Test
    void everyPresetIsAModelName() throws Exception {
        for (Preset preset : Preset.values()) {
            Config c = loader.parse(String.format(Locale.ROOT, BASE, "{}").replace("model: RS",
                    "model: " + preset.name()), "net.yaml", List.of());
            assertEquals(preset.name(), c.populations().get(0).model());
        }
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse(String.format(Locale.ROOT,
                BASE, "{}").replace("model: RS", "model: QQ"), "net.yaml", List.of()));
        assertTrue(e.getMessage().contains("known models: " + String.join(", ", new TreeSet<>(Preset.names()))),
                e.getMessage());
    }
}
