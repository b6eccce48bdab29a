package org.cortexsim.run.build;

import java.util.List;
import org.cortexsim.config.Config;
import org.cortexsim.core.record.SpikeRecorder;
import org.cortexsim.core.record.StateRecorder;
import org.cortexsim.network.Simulation;
import org.cortexsim.results.ReportDtype;

/**
 * A simulation built from a config, with its recorders attached: ready to run. Owns the
 * simulation (close it to end its threads).
 */
public record BuiltSimulation(Config config, Simulation simulation, SpikeRecorder spikes,
        List<StateRecorder> reports, long steps, int threads) implements AutoCloseable {

    public BuiltSimulation {
        reports = List.copyOf(reports);
    }

    /** The file datatype of {@code reports().get(k)}: its {@code record.state} entry's {@code dtype}. */
    public ReportDtype reportDtype(int k) {
        return ReportDtype.parse(SimulationFactory.reportDtypes(config).get(k).configName());
    }

    @Override
    public void close() {
        simulation.close();
    }
}
