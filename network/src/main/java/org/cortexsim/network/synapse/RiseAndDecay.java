package org.cortexsim.network.synapse;

import java.util.List;
import java.util.Map;

/**
 * The rise-and-decay (beta, difference of exponentials) conductance shared by
 * {@link BetaConductanceSynapse} and {@link NmdaBetaConductanceSynapse}: a spike of weight w (nS)
 * arriving at time 0 gives
 * <pre>
 *   g(t) = w s (exp(-t / tau_decay) - exp(-t / tau_rise)),   t >= 0,   tau_rise < tau_decay,
 *   s = 1 / (exp(-t_peak / tau_decay) - exp(-t_peak / tau_rise)),
 *   t_peak = tau_rise tau_decay ln(tau_decay / tau_rise) / (tau_decay - tau_rise),
 * </pre>
 * so that g peaks at exactly w nS at t_peak. This is CARLsim's normalisation
 * ({@code sNMDA}, {@code sGABAb} in {@code SNN::setConductances}, CARLsim4
 * {@code carlsim/kernel/src/snn_manager.cpp}) and NEST's ({@code beta_normalization_factor},
 * {@code libnestutil/beta_normalization_factor.h}, used by {@code iaf_cond_beta} and
 * {@code aeif_cond_beta_multisynapse}: "an event of weight 1.0 results in a peak conductance of
 * 1 nS"). NEST's factor, {@code (1/tau_rise - 1/tau_decay) / peak}, multiplies the jump of g's
 * derivative; in the difference-of-exponentials form used here it becomes {@code s = 1 / peak}.
 *
 * <p>State: two exponentials as CARLsim's {@code gNMDA_d} and {@code gNMDA_r}, both jumping by
 * {@code s w} per arrival: {@code g_decay} (time constant tau_decay) and {@code g_rise} (tau_rise),
 * and {@code g = g_decay - g_rise}. Exact integration over a step, with the decay factors
 * {@code exp(-dt / tau)}: the arrivals of the step are added at its start and the step uses g at
 * its end,
 * <pre>
 *   g_decay = (g_decay + s w) exp(-dt / tau_decay)
 *   g_rise  = (g_rise  + s w) exp(-dt / tau_rise)
 *   g       = g_decay - g_rise
 *   I      += g (E_rev - v)            (with the block: g * B(v) * (E_rev - v), left to right)
 * </pre>
 * so the k-th step counted from the arrival's (k = 0) gets g((k + 1) dt). The rising conductance
 * is 0 at the arrival itself; taking the end of the step makes it act in its arrival step (the
 * step that produces sample n + D for a spike of sample n with a delay of D steps), as every model
 * must (SynapseContractTest). {@code exp_conductance}, which jumps to w at once, uses g at the
 * start of the step (w, w decay, ...); a beta conductance with tau_rise -> 0 is therefore
 * {@code exp_conductance} times exp(-dt / tau_decay). v is the membrane potential of the sample
 * the step starts from ({@link SynapseBlock#v}).
 */
final class RiseAndDecay {
    static final String TAU_RISE = "tau_rise_ms";
    static final String TAU_DECAY = "tau_decay_ms";
    static final String REVERSAL = "E_rev_mV";

    static final FieldSpec CONDUCTANCE = new FieldSpec("g", "nS", 0.0,
            "synaptic conductance of this model at each postsynaptic neuron, g_decay - g_rise");
    static final FieldSpec DECAYING = new FieldSpec("g_decay", "nS", 0.0,
            "the exponential of g that decays with tau_decay_ms");
    static final FieldSpec RISING = new FieldSpec("g_rise", "nS", 0.0,
            "the exponential subtracted from g_decay, decaying with tau_rise_ms");
    static final List<FieldSpec> FIELDS = List.of(CONDUCTANCE, DECAYING, RISING);

    private RiseAndDecay() {
    }

    static List<ParameterSpec> parameters(double tauRiseMs, double tauDecayMs, double reversalMv) {
        return List.of(
                new ParameterSpec(TAU_RISE, "ms", tauRiseMs, 1e-6, 1e6,
                        "rise time constant of the conductance, below tau_decay_ms"),
                new ParameterSpec(TAU_DECAY, "ms", tauDecayMs, 1e-6, 1e6, "decay time constant of the conductance"),
                new ParameterSpec(REVERSAL, "mV", reversalMv, -200, 200, "reversal potential"));
    }

    /**
     * Null when tau_rise_ms < tau_decay_ms, else the problem and the fix; {@code withoutRise} names
     * the model for a conductance that does not rise.
     */
    static String check(Map<String, Double> parameters, String withoutRise) {
        double rise = parameters.get(TAU_RISE);
        double decay = parameters.get(TAU_DECAY);
        if (rise < decay) {
            return null;
        }
        return TAU_RISE + " (" + rise + " ms) must be below " + TAU_DECAY + " (" + decay + " ms): the conductance"
                + " rises with " + TAU_RISE + " and decays with " + TAU_DECAY + "; swap them if they are the wrong"
                + " way round, or use " + withoutRise + " for a conductance without a rise";
    }

    /** The time of the peak, t_peak = tau_rise tau_decay ln(tau_decay / tau_rise) / (tau_decay - tau_rise), ms. */
    static double peakTimeMs(double tauRiseMs, double tauDecayMs) {
        return tauRiseMs * tauDecayMs * Math.log(tauDecayMs / tauRiseMs) / (tauDecayMs - tauRiseMs);
    }

    /** s = 1 / (exp(-t_peak / tau_decay) - exp(-t_peak / tau_rise)): a weight w peaks at w. */
    static double normalisation(double tauRiseMs, double tauDecayMs) {
        double peak = peakTimeMs(tauRiseMs, tauDecayMs);
        return 1.0 / (Math.exp(-peak / tauDecayMs) - Math.exp(-peak / tauRiseMs));
    }

    /** The kernel of a channel: with or without the NMDA block of {@link NmdaBlock}. */
    static SynapseKernel kernel(Map<String, Double> parameters, double dtMs, SynapseFields fields, boolean blocked) {
        final double tauRise = parameters.get(TAU_RISE);
        final double tauDecay = parameters.get(TAU_DECAY);
        final double scale = normalisation(tauRise, tauDecay);
        final double decayOfDecaying = Math.exp(-dtMs / tauDecay);
        final double decayOfRising = Math.exp(-dtMs / tauRise);
        final double reversal = parameters.get(REVERSAL);
        final double[] conductance = fields.get(CONDUCTANCE.name());
        final double[] decaying = fields.get(DECAYING.name());
        final double[] rising = fields.get(RISING.name());
        return block -> {
            for (int i = block.from(); i < block.to(); i++) {
                // g_decay, g_rise = (g_x + s w) exp(-dt/tau_x) ;  g = g_decay - g_rise ;  I += g B(v) (E_rev - v),
                // B = 1 without the block (g * 1.0 is g exactly)
                final double jump = block.arrival(i) * scale;
                final double d = (decaying[i] + jump) * decayOfDecaying;
                final double r = (rising[i] + jump) * decayOfRising;
                decaying[i] = d;
                rising[i] = r;
                final double g = d - r;
                conductance[i] = g;
                final double v = block.v(i);
                block.addCurrent(i, g * (blocked ? NmdaBlock.of(v) : 1.0) * (reversal - v));
            }
        };
    }
}
