package org.cortexsim.run;

import org.cortexsim.run.build.SimulationFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For the tests of a class ({@code @ExtendWith}): networks of a few hundred neurons are stepped
 * on several threads (a thread per 64 neurons), so that small test networks exercise the
 * multi-threaded paths; the default split is restored after the class.
 */
final class SeveralThreadsForSmallNetworks implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty(SimulationFactory.MIN_NEURONS_PER_THREAD_PROPERTY, "64");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty(SimulationFactory.MIN_NEURONS_PER_THREAD_PROPERTY);
    }
}
