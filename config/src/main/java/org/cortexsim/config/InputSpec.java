package org.cortexsim.config;

import java.util.List;

/**
 * One entry of {@code inputs}: external drive applied to the {@link #neurons()} of
 * {@code population} (all of them unless {@code neurons:} selects some) during
 * {@link #window()}. The variant is chosen by the {@code type} key: {@code dc}, {@code noise},
 * {@code poisson}, {@code step_current} or {@code sinusoidal}.
 *
 * <p>Invariant common to all variants: {@code population} names a population of the same config,
 * and the ids of {@code neurons} are within it (checked by the config reader).
 */
public sealed interface InputSpec
        permits DcInputSpec, NoiseInputSpec, PoissonInputSpec, StepCurrentInputSpec, SinusoidalInputSpec {

    /** Name of the target population. */
    String population();

    /** When the input is on. */
    TimeWindow window();

    /** Which neurons of the population receive the input ({@code neurons:}, the syntax of {@code record.state}). */
    NeuronSelection neurons();

    /** Where the input was written. */
    Location location();

    /**
     * One line for {@code validate}: the type and its values with units, the population and
     * neurons, and the window, e.g. {@code step_current into exc (neurons [0, 1]): 70 pA from 100
     * ms, 0 pA from 300 ms; the whole run} (a window is shown when it has one:
     * {@code ...; from 20 ms until 400 ms}).
     */
    default String describe() {
        String into = " into " + population() + " (" + describe(neurons()) + ")";
        String what;
        if (this instanceof DcInputSpec dc) {
            what = "dc " + (dc.amplitudePA() instanceof ValueSpec.Constant c ? number(c.value()) + " pA"
                    : "per-neuron pA") + into;
        } else if (this instanceof NoiseInputSpec n) {
            what = "noise mean " + number(n.meanPA()) + " pA, sigma " + number(n.sigmaPA()) + " pA" + into;
        } else if (this instanceof PoissonInputSpec p) {
            what = "poisson " + number(p.rateHz()) + " Hz, weight " + (p.weight() instanceof ValueSpec.Constant c
                    ? number(c.value()) : "per-neuron") + ", through " + p.synapse().model() + into;
        } else if (this instanceof StepCurrentInputSpec sc) {
            StringBuilder b = new StringBuilder("step_current" + into + ":");
            for (int i = 0; i < sc.timesMs().size(); i++) {
                b.append(i == 0 ? " " : ", ").append(number(sc.amplitudesPA().get(i))).append(" pA from ")
                        .append(number(sc.timesMs().get(i))).append(" ms");
            }
            what = b.toString();
        } else {
            SinusoidalInputSpec ac = (SinusoidalInputSpec) this;
            what = "sinusoidal " + number(ac.offsetPA()) + " + " + number(ac.amplitudePA()) + " sin(2 pi "
                    + number(ac.frequencyHz()) + " Hz t " + (ac.phaseDeg() < 0 ? "- " + number(-ac.phaseDeg())
                    : "+ " + number(ac.phaseDeg())) + " deg) pA" + into;
        }
        boolean fromStart = window().startMs() == 0;
        if (window().stopMs().isEmpty()) {
            return what + (fromStart ? "; the whole run" : "; from " + number(window().startMs()) + " ms");
        }
        return what + "; from " + number(window().startMs()) + " ms until "
                + number(window().stopMs().getAsDouble()) + " ms";
    }

    /** A selection as a config would write it: all, a list (the first 8 ids) or a range. */
    static String describe(NeuronSelection s) {
        if (s instanceof NeuronSelection.Ids ids) {
            List<Integer> list = ids.ids();
            String shown = list.subList(0, Math.min(8, list.size())).toString();
            return "neurons " + (list.size() <= 8 ? shown
                    : shown.substring(0, shown.length() - 1) + ", ... " + list.size() + " in all]");
        }
        if (s instanceof NeuronSelection.Range r) {
            return "neurons {start: " + r.start() + ", stop: " + r.stop() + ", step: " + r.step() + "}";
        }
        return "all neurons";
    }

    private static String number(double x) {
        return org.cortexsim.core.TimeGrid.text(x);
    }
}
