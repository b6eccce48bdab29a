package org.cortexsim.network.synapse;

/**
 * The voltage-dependent magnesium block of NMDA receptors as Izhikevich and Edelman (2008, PNAS
 * 105:3593, supporting information) and CARLsim's COBA mode write it:
 * <pre>
 *   B(v) = x^2 / (1 + x^2),   x = (v + 80) / 60,   v in mV
 * </pre>
 * B is 0 at v = -80 mV, 0.0625 / 1.0625 = 0.0588 at -65 mV, 1/2 at -20 mV and rises towards 1 as
 * the neuron depolarises. CARLsim computes {@code NMDAtmp = (v + 80) * (v + 80) / 60 / 60} and
 * {@code NMDAtmp / (1 + NMDAtmp)} (CARLsim4, {@code carlsim/kernel/src/gpu_module/snn_gpu_module.cu},
 * {@code updateNeuronState}); here, in this order: {@code x = (v + 80) / 60}, {@code x2 = x * x},
 * {@code B = x2 / (1 + x2)} (the same function; the last bit may differ from CARLsim's order).
 */
final class NmdaBlock {
    private NmdaBlock() {
    }

    /** B(v), dimensionless in [0, 1), for the membrane potential {@code vMv} (mV). */
    static double of(double vMv) {
        final double x = (vMv + 80.0) / 60.0;
        final double x2 = x * x;
        return x2 / (1.0 + x2);
    }
}
