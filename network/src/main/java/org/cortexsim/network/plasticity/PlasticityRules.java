package org.cortexsim.network.plasticity;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cortexsim.network.synapse.NamedServices;
import org.cortexsim.network.synapse.PluginLoadException;
import org.cortexsim.network.synapse.ParameterSpec;

/**
 * The registry of plasticity rules: every {@link PlasticityRule} listed in a
 * {@code META-INF/services/org.cortexsim.network.plasticity.PlasticityRule} file on the class
 * path (cortexsim's own and users' jars alike), by name. Immutable after loading. When a listed
 * class cannot be used (see {@link NamedServices}), every lookup throws the same {@link PluginLoadException}.
 */
public final class PlasticityRules {
    private static final Map<String, PlasticityRule> RULES;
    /** Why loading failed (a services line without a usable class, two classes of one name), or null. */
    private static final PluginLoadException LOAD_FAILURE;

    static {
        Map<String, PlasticityRule> loaded = null;
        PluginLoadException failure = null;
        try {
            loaded = NamedServices.load(PlasticityRule.class, PlasticityRules.class.getClassLoader(), PlasticityRule::name,
                    "plasticity rule");
        } catch (PluginLoadException e) {
            failure = e;
        }
        RULES = loaded;
        LOAD_FAILURE = failure;
    }

    private PlasticityRules() {
    }

    /** All rules, by name, sorted. */
    public static Map<String, PlasticityRule> all() {
        return rules();
    }

    /** The rule named {@code name}, or null. */
    public static PlasticityRule byName(String name) {
        return rules().get(name);
    }

    /**
     * The rule named {@code name}.
     *
     * @throws IllegalArgumentException listing the known rules when there is none of that name
     */
    public static PlasticityRule require(String name) {
        PlasticityRule r = rules().get(name);
        if (r == null) {
            throw new IllegalArgumentException("unknown plasticity rule '" + name + "'; known: "
                    + String.join(", ", rules().keySet()));
        }
        return r;
    }

    /**
     * The complete parameters of {@code rule}: {@code numbers} and {@code choices} checked against
     * its declarations, defaults filled in, then {@link PlasticityRule#check}.
     *
     * @throws IllegalArgumentException naming the parameter when one is unknown, missing, out of
     *     range or not an allowed word, or when the parameters are inconsistent
     */
    public static RuleParameters resolve(PlasticityRule rule, Map<String, Double> numbers,
            Map<String, String> choices) {
        for (String key : numbers.keySet()) {
            if (rule.parameters().stream().noneMatch(p -> p.name().equals(key))) {
                boolean isChoice = rule.choices().stream().anyMatch(c -> c.name().equals(key));
                throw new IllegalArgumentException("plasticity rule '" + rule.name() + "': "
                        + (isChoice ? "'" + key + "' takes one of " + choiceOf(rule, key).allowed() + ", not a number"
                                : "no parameter '" + key + "'; its parameters: " + names(rule)));
            }
        }
        for (String key : choices.keySet()) {
            if (rule.choices().stream().noneMatch(c -> c.name().equals(key))) {
                boolean isNumber = rule.parameters().stream().anyMatch(p -> p.name().equals(key));
                throw new IllegalArgumentException("plasticity rule '" + rule.name() + "': "
                        + (isNumber ? "'" + key + "' must be a number" : "no parameter '" + key
                                + "'; its parameters: " + names(rule)));
            }
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (ParameterSpec p : rule.parameters()) {
            Double value = numbers.get(p.name());
            if (value == null) {
                if (p.required()) {
                    throw new IllegalArgumentException("plasticity rule '" + rule.name() + "' needs parameter '"
                            + p.name() + "' (" + p.unit() + ")");
                }
                value = p.defaultValue();
            }
            String problem = p.check(value);
            if (problem != null) {
                throw new IllegalArgumentException("plasticity parameter '" + p.name() + "' " + problem);
            }
            values.put(p.name(), value);
        }
        Map<String, String> words = new LinkedHashMap<>();
        for (ChoiceSpec c : rule.choices()) {
            String value = choices.getOrDefault(c.name(), c.defaultValue());
            if (!c.allowed().contains(value)) {
                throw new IllegalArgumentException("plasticity parameter '" + c.name() + "' must be one of "
                        + c.allowed() + ", got '" + value + "'");
            }
            words.put(c.name(), value);
        }
        RuleParameters resolved = new RuleParameters(values, words);
        String problem = rule.check(resolved);
        if (problem != null) {
            throw new IllegalArgumentException("plasticity rule '" + rule.name() + "': " + problem);
        }
        return resolved;
    }

    private static ChoiceSpec choiceOf(PlasticityRule rule, String name) {
        return rule.choices().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static java.util.List<String> names(PlasticityRule rule) {
        java.util.List<String> n = new java.util.ArrayList<>();
        rule.parameters().forEach(p -> n.add(p.name()));
        rule.choices().forEach(c -> n.add(c.name()));
        return n;
    }

    /**
     * The loaded plasticity rules.
     *
     * @throws PluginLoadException (each time) when loading them failed, with the reason and the fix
     */
    private static Map<String, PlasticityRule> rules() {
        if (LOAD_FAILURE != null) {
            throw new PluginLoadException(LOAD_FAILURE.getMessage(), LOAD_FAILURE);
        }
        return RULES;
    }
}
