package org.cortexsim.network.synapse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The registry of synapse models: every {@link SynapseModel} listed in a
 * {@code META-INF/services/org.cortexsim.network.synapse.SynapseModel} file on the class path
 * (cortexsim's own and users' jars alike), by name. Immutable after loading. When a listed class
 * cannot be used (see {@link NamedServices}), every lookup throws the same {@link PluginLoadException}.
 */
public final class SynapseModels {
    /** The model of a synapse that names none: weights enter the input current of their arrival step only. */
    public static final String DEFAULT_MODEL = "delta";

    private static final Map<String, SynapseModel> MODELS;
    /** Why loading failed (a services line without a usable class, two classes of one name), or null. */
    private static final PluginLoadException LOAD_FAILURE;

    static {
        Map<String, SynapseModel> loaded = null;
        PluginLoadException failure = null;
        try {
            loaded = NamedServices.load(SynapseModel.class, SynapseModels.class.getClassLoader(), SynapseModel::name,
                    "synapse model");
        } catch (PluginLoadException e) {
            failure = e;
        }
        MODELS = loaded;
        LOAD_FAILURE = failure;
    }

    private SynapseModels() {
    }

    /** All models, by name, sorted. */
    public static Map<String, SynapseModel> all() {
        return models();
    }

    /** The model named {@code name}, or null. */
    public static SynapseModel byName(String name) {
        return models().get(name);
    }

    /**
     * The complete parameter map for {@code model}: {@code given} checked against the model's
     * declared parameters, defaults filled in, then the whole set against the model's
     * {@link SynapseModel#check}.
     *
     * @throws IllegalArgumentException naming the parameter when one is unknown, missing or out of
     *     range, or the model's problem with the combination
     */
    public static Map<String, Double> resolveParameters(SynapseModel model, Map<String, Double> given) {
        Map<String, Double> resolved = new LinkedHashMap<>();
        for (String key : given.keySet()) {
            if (model.parameters().stream().noneMatch(p -> p.name().equals(key))) {
                throw new IllegalArgumentException("synapse model '" + model.name() + "' has no parameter '" + key
                        + "'; its parameters: " + model.parameters().stream().map(ParameterSpec::name).toList());
            }
        }
        for (ParameterSpec p : model.parameters()) {
            Double value = given.get(p.name());
            if (value == null) {
                if (p.required()) {
                    throw new IllegalArgumentException("synapse model '" + model.name() + "' needs parameter '"
                            + p.name() + "' (" + p.unit() + ")");
                }
                value = p.defaultValue();
            }
            String problem = p.check(value);
            if (problem != null) {
                throw new IllegalArgumentException("synapse parameter '" + p.name() + "' " + problem);
            }
            resolved.put(p.name(), value);
        }
        String problem = model.check(resolved);
        if (problem != null) {
            throw new IllegalArgumentException("synapse model '" + model.name() + "': " + problem);
        }
        return resolved;
    }

    /**
     * The loaded synapse models.
     *
     * @throws PluginLoadException (each time) when loading them failed, with the reason and the fix
     */
    private static Map<String, SynapseModel> models() {
        if (LOAD_FAILURE != null) {
            throw new PluginLoadException(LOAD_FAILURE.getMessage(), LOAD_FAILURE);
        }
        return MODELS;
    }
}
