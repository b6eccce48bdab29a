package org.cortexsim.run;

import java.util.Locale;
import org.cortexsim.config.Config;
import org.cortexsim.config.NeuronSelection;
import org.cortexsim.config.PlasticitySpec;
import org.cortexsim.config.PopulationSpec;
import org.cortexsim.config.ProjectionSpec;
import org.cortexsim.config.RuleSpec;
import org.cortexsim.config.StateRecordSpec;
import org.cortexsim.config.WeightRecordSpec;
import org.cortexsim.core.TimeGrid;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.network.plasticity.PlasticityRule;
import org.cortexsim.network.plasticity.PlasticityRules;

/**
 * What a config will cost before anything is built: neurons, expected synapses, steps, and the
 * memory of state, synapses (4 bytes each for the row, 8 more for a weight unless the weight is
 * one constant and the projection static, 2 more for a per-synapse delay; plastic synapses: their
 * rule's state and row index, and the spikes in flight), the arrivals rows and the queued
 * arrivals of delays over one step (spikes assumed at 20 Hz, twice the room for the queues'
 * growth), and recordings (spikes at 20 Hz; state and weight reports), and the output size. The
 * config is valid (the config layer checked every name and value, plasticity rules included);
 * nothing is checked here.
 */
public record Estimate(long neurons, long synapses, long steps, long stateBytes, long synapseBytes,
        long recordingBytes, long outputBytes) {

    /** Bytes per neuron of the state arrays (v, u, current) and spike buffers. */
    static final long STATE_BYTES_PER_NEURON = 3 * 8 + 3 * 4;

    /** State, synapse and recording bytes together: the memory of a run that holds every recording. */
    public long totalBytes() {
        return stateBytes + synapseBytes + recordingBytes;
    }

    /**
     * Peak memory when recordings are buffered within {@code recordingBudget} bytes and written in
     * segments beyond it: writing a segment briefly needs about three times the buffered bytes.
     */
    public long residentBytes(long recordingBudget) {
        return stateBytes + synapseBytes + Math.min(recordingBytes, Math.multiplyExact(recordingBudget, 3L));
    }

    /** The estimate of {@code config} (valid; nothing is built or read). */
    public static Estimate of(Config config) {
        TimeGrid grid = config.simulation().grid();
        long steps = config.simulation().steps();
        long neurons = 0;
        long state = 0;
        for (PopulationSpec p : config.populations()) {
            neurons += p.size();
            state += p.size() * STATE_BYTES_PER_NEURON;
            boolean heterogeneous = p.params().values().stream()
                    .anyMatch(v -> !(v instanceof org.cortexsim.config.ValueSpec.Constant));
            if (heterogeneous) {
                // at most one column per row of the parameter table
                state += p.size() * (long) Parameter.values().length * 8;
            }
        }
        long synapses = 0;
        long synapseBytes = 0;
        for (ProjectionSpec pr : config.projections()) {
            int pre = config.population(pr.pre()).orElseThrow().size();
            int post = config.population(pr.post()).orElseThrow().size();
            boolean same = pr.pre().equals(pr.post());
            double count = expected(pr.rule(), pre, post, same);
            synapses += (long) count;
            boolean perSynapseDelay = pr.delayMs().isPresent()
                    && !(pr.delayMs().get() instanceof org.cortexsim.config.ValueSpec.Constant);
            boolean plastic = pr.plasticity().isPresent();
            boolean sharedWeight = !plastic && pr.weight().isPresent()
                    && pr.weight().get() instanceof org.cortexsim.config.ValueSpec.Constant;
            synapseBytes += (long) (count * (4 + (sharedWeight ? 0 : 8) + (perSynapseDelay ? 2 : 0))) + 4L * (pre + 1);
            double maxDelayMs = pr.delayMs().map(Estimate::maxOf).orElse(grid.dtMs());
            long maxDelaySteps = Math.max(1, grid.roundedSteps(maxDelayMs));
            synapseBytes += 8L * post;
            if (plastic) {
                synapseBytes += (long) (count * plasticBytesPerSynapse(pr.plasticity().get(), perSynapseDelay))
                        + 16L * (pre + post);
                // spikes in flight: per-synapse delays queue each reached synapse (4 bytes, twice the
                // room for growth); one delay keeps the presynaptic spikes of the last D samples
                synapseBytes += perSynapseDelay
                        ? (long) (count * 20.0 * grid.dtMs() / 1000.0 * maxDelaySteps * 4 * 2)
                        : 4L * maxDelaySteps * Math.min(pre, 256);
            } else if (maxDelaySteps > 1) {
                // (target, weight) pairs in flight: 20 Hz x dt per synapse and step, for up to the longest delay
                synapseBytes += (long) (count * 20.0 * grid.dtMs() / 1000.0 * maxDelaySteps * 12 * 2);
            }
        }
        double seconds = config.simulation().durationMs() / 1000.0;
        long spikeBytes = 0;
        for (String pop : config.record().spikePopulations()) {
            spikeBytes += (long) (config.population(pop).orElseThrow().size() * 20.0 * seconds * 8);
        }
        long reportBytes = 0;
        long reportFileBytes = 0;
        for (StateRecordSpec s : config.record().state()) {
            int size = config.population(s.population()).orElseThrow().size();
            long cols = columns(s.neurons(), size);
            long rows = (steps + 1) / s.everySteps() + 1;
            reportBytes += rows * cols * 8 * s.variables().size();
            reportFileBytes += rows * cols * (s.dtype() == StateRecordSpec.Dtype.FLOAT64 ? 8 : 4) * s.variables().size();
        }
        for (WeightRecordSpec w : config.record().weights()) {
            ProjectionSpec pr = config.projections().stream().filter(p -> p.name().equals(w.projection()))
                    .findFirst().orElseThrow();
            double count = expected(pr.rule(), config.population(pr.pre()).orElseThrow().size(),
                    config.population(pr.post()).orElseThrow().size(), pr.pre().equals(pr.post()));
            long cols = w.all() ? (long) count : w.sample() > 0 ? Math.min(w.sample(), (long) count) : w.edgeIds().size();
            long rows = (long) (config.simulation().durationMs() / w.everyMs()) + 2;
            reportBytes += rows * cols * 8 * w.variables().size();
            reportFileBytes += rows * cols * (w.dtype() == StateRecordSpec.Dtype.FLOAT64 ? 8 : 4) * w.variables().size();
        }
        long recording = spikeBytes + reportBytes;
        long output = (long) (spikeBytes * 1.5) + reportFileBytes;
        return new Estimate(neurons, synapses, steps, state, synapseBytes, recording, output);
    }

    private static double maxOf(org.cortexsim.config.ValueSpec v) {
        if (v instanceof org.cortexsim.config.ValueSpec.Constant c) {
            return c.value();
        } else if (v instanceof org.cortexsim.config.ValueSpec.Uniform u) {
            return u.high();
        } else if (v instanceof org.cortexsim.config.ValueSpec.Normal n) {
            return n.max().orElse(n.mean() + 5 * n.sd());
        }
        return 20;
    }

    private static long columns(NeuronSelection sel, int size) {
        if (sel instanceof NeuronSelection.Ids ids) {
            return ids.ids().size();
        } else if (sel instanceof NeuronSelection.Range r) {
            return (Math.min(r.stop(), size) - r.start() + r.step() - 1) / r.step();
        }
        return size;
    }

    /** Expected synapses: the network rule's own count, or about one per 16 bytes of an edge file. */
    private static double expected(RuleSpec rule, int pre, int post, boolean same) {
        org.cortexsim.network.ConnectivityRule generated = org.cortexsim.run.build.SimulationFactory.generatedRule(rule);
        if (generated != null) {
            return generated.expectedCount(pre, post, same);
        }
        if (rule instanceof RuleSpec.SonataCircuitEdges circuit) {
            return circuit.count();
        }
        try {
            long lines = java.nio.file.Files.size(rule instanceof RuleSpec.CsvEdges c ? c.path()
                    : ((RuleSpec.SonataEdges) rule).path()) / 16;
            return lines;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /**
     * Bytes per plastic synapse beyond the projection's own: the rule's per-synapse fields, its
     * presynaptic fields when delays differ per synapse, and the row index (4 bytes with per-synapse
     * delays, 8 with one delay) when the rule uses postsynaptic spikes.
     */
    private static double plasticBytesPerSynapse(PlasticitySpec spec, boolean perSynapseDelay) {
        PlasticityRule rule = PlasticityRules.byName(spec.rule());
        double bytes = 8.0 * rule.synapseState().size() + (perSynapseDelay ? 8.0 * rule.preState().size() : 0);
        if (rule.usesPostSpikes()) {
            bytes += perSynapseDelay ? 4 : 8;
        }
        return bytes;
    }

    /**
     * Bytes the plastic projections add to a checkpoint: per synapse its weight and the rule's
     * fields (presynaptic fields too when delays differ per synapse), the presynaptic fields per
     * neuron with one delay, and the postsynaptic fields per neuron (spikes in flight are few beside
     * these and not counted).
     */
    static long plasticCheckpointBytes(Config config) {
        long bytes = 0;
        for (ProjectionSpec pr : config.projections()) {
            if (pr.plasticity().isEmpty()) {
                continue;
            }
            int pre = config.population(pr.pre()).orElseThrow().size();
            int post = config.population(pr.post()).orElseThrow().size();
            double count = expected(pr.rule(), pre, post, pr.pre().equals(pr.post()));
            boolean perSynapseDelay = pr.delayMs().isPresent()
                    && !(pr.delayMs().get() instanceof org.cortexsim.config.ValueSpec.Constant);
            PlasticityRule rule = PlasticityRules.byName(pr.plasticity().get().rule());
            int preFields = rule.preState().size();
            bytes += (long) (count * (8.0 + 8.0 * rule.synapseState().size() + (perSynapseDelay ? 8.0 * preFields : 0)))
                    + (perSynapseDelay ? 0 : 8L * pre * preFields) + 8L * post * rule.postState().size();
        }
        return bytes;
    }

    /** Bytes in binary units, e.g. "1.5 GiB". */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double x = bytes;
        int u = 0;
        while (x >= 1024 && u < units.length - 1) {
            x /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", x, units[u]);
    }
}
