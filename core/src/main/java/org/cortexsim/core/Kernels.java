package org.cortexsim.core;

/**
 * Chooses, once per JVM at class initialisation, whether {@link Neurons} runs the Vector API
 * kernels ({@link VectorEulerPass}) or the scalar reference ({@link EulerPass}); both give
 * bit-identical states and spikes, so the choice affects speed only.
 *
 * <p>The vector kernels are used when the incubating module {@value #MODULE} is in the boot
 * layer (the JVM was started with {@code --add-modules jdk.incubator.vector}) and the system
 * property {@value #PROPERTY} is not {@code false}. Otherwise {@link VectorEulerPass} is never
 * loaded, so the code runs on JVMs without the module. Immutable after initialisation.
 */
final class Kernels {
    /** System property; {@code -Dcortexsim.vector=false} forces the scalar kernels. */
    static final String PROPERTY = "cortexsim.vector";
    /** The module the vector kernels need at run time. */
    static final String MODULE = "jdk.incubator.vector";

    private static final boolean VECTOR = choose(
            ModuleLayer.boot().findModule(MODULE).isPresent(), System.getProperty(PROPERTY));

    /** True when the Euler pass and spike detection run on the vector kernels. */
    static final boolean vector() {
        return VECTOR;
    }

    /** The choice for a JVM whose boot layer has (or lacks) the module and the given property value. */
    static boolean choose(boolean moduleInBootLayer, String property) {
        return moduleInBootLayer && !"false".equalsIgnoreCase(property == null ? null : property.trim());
    }

    private Kernels() {
    }
}
