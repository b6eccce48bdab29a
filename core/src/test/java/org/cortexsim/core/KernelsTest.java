package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The choice between the vector and the scalar kernels, and which one this test JVM runs. */
class KernelsTest {
    @Test
    void vectorOnlyWithTheModuleAndNotSwitchedOff() {
        assertTrue(Kernels.choose(true, null));
        assertTrue(Kernels.choose(true, "true"));
        assertFalse(Kernels.choose(true, "false"));
        assertFalse(Kernels.choose(true, " FALSE "));
        assertFalse(Kernels.choose(false, null));
        assertFalse(Kernels.choose(false, "true"));
    }

    @Test
    void choiceMatchesThisJvm() {
        boolean module = ModuleLayer.boot().findModule(Kernels.MODULE).isPresent();
        assertEquals(Kernels.choose(module, System.getProperty(Kernels.PROPERTY)), Kernels.vector());
    }

    /**
     * The build's surefire argLine adds the module and sets {@code cortexsim.test.requireVector}:
     * then the vector kernels must be the ones every test of the build goes through.
     */
    @Test
    void buildTestsRunTheVectorKernels() {
        assumeTrue(Boolean.getBoolean("cortexsim.test.requireVector"), "not required in this run");
        assertTrue(Kernels.vector(), "the vector kernels are active");
        assertTrue(VectorEulerPass.LANES >= 2, "a vector holds several doubles, got " + VectorEulerPass.LANES);
    }
}
