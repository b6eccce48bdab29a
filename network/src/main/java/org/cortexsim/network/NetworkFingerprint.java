package org.cortexsim.network;

import java.util.HexFormat;
import org.cortexsim.core.Population;
import org.cortexsim.core.SpikeSchedule;
import org.cortexsim.core.model.Parameter;

/**
 * A 64-bit fingerprint of a network as built, before it runs: every population's name, size,
 * model and parameters (per neuron where they vary) or, for a spike source, its given spikes;
 * every channel's model and parameters; and every projection's connectivity, initial weights,
 * delays and plasticity rule with its parameters. A checkpoint records it so that a run resumed from a config whose files (edge files,
 * spike time files, per-neuron values, circuits) changed since is
 * refused instead of continuing a different network. Not a cryptographic hash: it detects
 * changes, not forgery. One pass over the synapses, reading what delivery reads (no weight array
 * is made for projections whose synapses share one weight).
 */
public final class NetworkFingerprint {
    private long h = 0x243F6A8885A308D3L;

    private NetworkFingerprint() {
    }

    /** The fingerprint of {@code simulation}'s network, as 16 hex digits; call before it runs. */
    public static String of(Simulation simulation) {
        NetworkFingerprint f = new NetworkFingerprint();
        for (Population p : simulation.neurons().populations()) {
            f.text(p.name()).text(p.model()).add(p.offset()).add(p.size());
            if (p.isSpikeSource()) {
                SpikeSchedule schedule = p.spikeSchedule();
                f.add(schedule.spikeCount());
                for (int k = 0; k < schedule.spikeCount(); k++) {
                    f.add(schedule.key(k));
                }
                continue;
            }
            for (Parameter param : Parameter.values()) {
                f.add(Double.doubleToRawLongBits(p.parameters().get(param)));
                if (p.isHeterogeneous()) {
                    for (int i = 0; i < p.size(); i++) {
                        f.add(Double.doubleToRawLongBits(p.parameter(param, i)));
                    }
                }
            }
        }
        for (SynapseChannel c : simulation.channels()) {
            f.text(c.id()).text(c.model().name()).text(String.valueOf(new java.util.TreeMap<>(c.parameters())))
                    .add(c.slots());
        }
        for (Projection pr : simulation.projections()) {
            f.text(pr.name()).text(pr.pre().name()).text(pr.post().name()).text(pr.channel().id());
            for (int x : pr.columnPointers()) {
                f.add(x);
            }
            int[] rows = pr.rowIndices();
            boolean shared = pr.hasSharedWeight();
            for (int k = 0; k < rows.length; k++) {
                f.add(rows[k]).add(pr.delaySteps(k));
                if (!shared) {
                    f.add(Double.doubleToRawLongBits(pr.weight(k)));
                }
            }
            if (shared && rows.length > 0) {
                f.add(Double.doubleToRawLongBits(pr.weight(0)));
            }
            PlasticSynapses ps = pr.plasticity();
            if (ps != null) {
                f.text(ps.rule().name()).text(String.valueOf(new java.util.TreeMap<>(ps.parameters().values())))
                        .text(String.valueOf(new java.util.TreeMap<>(ps.parameters().choices())));
            }
        }
        return HexFormat.of().toHexDigits(f.h);
    }

    private NetworkFingerprint add(long x) {
        long z = (h ^ x) * 0x9E3779B97F4A7C15L;
        h = z ^ (z >>> 29);
        return this;
    }

    private NetworkFingerprint text(String s) {
        add(s.length());
        for (int i = 0; i < s.length(); i++) {
            add(s.charAt(i));
        }
        return this;
    }
}
