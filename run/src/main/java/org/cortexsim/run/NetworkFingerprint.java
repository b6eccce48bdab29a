package org.cortexsim.run;

import java.util.HexFormat;
import org.cortexsim.core.Population;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.network.Projection;
import org.cortexsim.network.Simulation;
import org.cortexsim.network.SynapseChannel;

/**
 * A 64-bit fingerprint of a network as built, before it runs: every population's name, size,
 * model and parameters (per neuron where they vary), every projection's connectivity, weights
 * and delays, and every channel's model and parameters. A checkpoint records it so that a run
 * resumed from a config whose files (edge files, per-neuron values, circuits) changed since is
 * refused instead of continuing a different network. Not a cryptographic hash: it detects
 * changes, not forgery. Costs one pass over the synapses (about a millisecond per million).
 */
final class NetworkFingerprint {
    private long h = 0x243F6A8885A308D3L;

    private NetworkFingerprint() {
    }

    /** The fingerprint of {@code simulation}'s network, as 16 hex digits; call before it runs. */
    static String of(Simulation simulation) {
        NetworkFingerprint f = new NetworkFingerprint();
        for (Population p : simulation.neurons().populations()) {
            f.text(p.name()).text(p.model()).add(p.offset()).add(p.size());
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
            int[] colIdx = pr.weights().col_idx;
            int[] rows = pr.weights().nz_rows;
            for (int j = 0; j <= pr.pre().size(); j++) {
                f.add(colIdx[j]);
            }
            for (int k = 0; k < pr.synapseCount(); k++) {
                f.add(rows[k]).add(Double.doubleToRawLongBits(pr.weight(k))).add(pr.delaySteps(k));
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
