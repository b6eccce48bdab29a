package org.cortexsim.network.synapse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Loads the implementations of a service interface listed in {@code META-INF/services} files on the
 * class path, by name: the one loading step of the registries of synapse models ({@link SynapseModels})
 * and plasticity rules. Two different classes with one name are refused; the map it returns is sorted
 * by name and immutable.
 */
public final class NamedServices {
    private NamedServices() {
    }

    /**
     * Every implementation of {@code service} visible to {@code loader}, by {@code name}.
     *
     * @param kind what an implementation is, for the message ("synapse model", "plasticity rule")
     * @throws IllegalStateException when two different classes have the same name
     */
    public static <T> Map<String, T> load(Class<T> service, ClassLoader loader, Function<T, String> name,
            String kind) {
        Map<String, T> byName = new TreeMap<>();
        for (T s : ServiceLoader.load(service, loader)) {
            T previous = byName.putIfAbsent(name.apply(s), s);
            if (previous != null && previous.getClass() != s.getClass()) {
                throw new IllegalStateException("two " + kind + "s are named '" + name.apply(s) + "': "
                        + previous.getClass().getName() + " and " + s.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }
}
