package org.cortexsim.run.build;

import java.util.List;
import org.cortexsim.config.Config;
import org.cortexsim.core.record.SpikeRecorder;
import org.cortexsim.core.record.StateRecorder;
import org.cortexsim.network.Simulation;
import org.cortexsim.results.ReportDtype;

/**
 * A simulation built from a config, with its recorders attached: ready to run. Owns the
 * simulation (close it to end its threads). Its time grid is the config's
 * ({@code simulation().grid()}), and it runs {@link #steps()} steps.
 */
public record BuiltSimulation(Config config, Simulation simulation, SpikeRecorder spikes,
        List<StateRecorder> reports) implements AutoCloseable {

    public BuiltSimulation {
        reports = List.copyOf(reports);
    }

    /** The file datatype of {@code reports().get(k)}: its {@code record.state} entry's {@code dtype}. */
    public ReportDtype reportDtype(int k) {
        return ReportDtype.parse(SimulationFactory.reportDtype(config, reports.get(k).name()).configName());
    }

    /** The steps to run: the config's step count ({@link org.cortexsim.config.SimulationSpec#steps()}). */
    public long steps() {
        return config.simulation().steps();
    }

    /** Threads stepping the neurons. */
    public int threads() {
        return simulation.threads();
    }

    @Override
    public void close() {
        simulation.close();
    }
}
