package org.cortexsim.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Preset;
import org.junit.jupiter.api.Test;

/**
 * {@link CurrentSum} forms I_n bit for bit as clearing the current array and adding each term
 * in turn, whatever mix of held-back and in-place terms is contributed; and the Euler pass that
 * sums the held-back terms itself ({@link EulerIntegrator#integrateAndDetect(CurrentSum,
 * SpikeBuffer)}) leaves the same current, state, sources and spikes as {@link CurrentSum#finish()}
 * followed by the separate passes (the same state, sources and spikes when it need not keep
 * I_n: {@link EulerIntegrator#keepCurrent} off).
 */
class CurrentSumTest {
    /** One contribution: a held-back array term (optionally cleared once read) or an in-place addition. */
    private record Term(double[] source, int sourceFrom, boolean clear, boolean inPlace) {
    }

    @Test
    void sumEqualsClearingThenAddingEachTerm() {
        SplittableRandom rng = new SplittableRandom(11);
        CurrentSum sum = new CurrentSum();
        for (int length : new int[] {0, 1, 7, 8, 9, 63, 4095, 4097, 10_003}) {
            for (int trial = 0; trial < 20; trial++) {
                int from = rng.nextInt(9);
                double[] current = randomValues(rng, from + length + rng.nextInt(5));
                List<Term> terms = randomTerms(rng, length, rng.nextInt(6));
                double[] expected = current.clone();
                List<double[]> expectedSources = reference(expected, from, length, terms);

                sum.begin(current, from, from + length);
                contribute(sum, terms);
                sum.finish();

                assertBitsEqual(expected, current, "current, length " + length + " trial " + trial);
                for (int t = 0; t < terms.size(); t++) {
                    assertBitsEqual(expectedSources.get(t), terms.get(t).source(), "source " + t);
                }
            }
        }
    }

    @Test
    void eulerPassThatSumsTheTermsEqualsFinishThenIntegrate() {
        SplittableRandom rng = new SplittableRandom(23);
        double[][] perNeuron = new double[Parameter.values().length][];
        perNeuron[Parameter.CAPACITANCE.ordinal()] = rng.doubles(501, 80, 120).toArray();
        Neurons fused = mixed(perNeuron);
        Neurons separate = mixed(perNeuron);
        Neurons unkept = mixed(perNeuron);
        TimeGrid grid = new TimeGrid(0.1);
        EulerIntegrator fusedEuler = new EulerIntegrator(fused, grid);
        EulerIntegrator separateEuler = new EulerIntegrator(separate, grid);
        EulerIntegrator unkeptEuler = new EulerIntegrator(unkept, grid);
        unkeptEuler.keepCurrent(false);
        int n = fused.size();
        double[] dc = rng.doubles(n, 40, 130).toArray();
        CurrentSum fusedSum = new CurrentSum();
        CurrentSum separateSum = new CurrentSum();
        CurrentSum unkeptSum = new CurrentSum();
        SpikeBuffer unkeptSpikes = new SpikeBuffer(n);
        SpikeBuffer fusedSpikes = new SpikeBuffer(n);
        SpikeBuffer separateSpikes = new SpikeBuffer(n);
        int spikes = 0;
        for (int step = 0; step < 3000; step++) {
            // blocks: within one population (fused in the kernel) or spanning two (the fallback)
            int lo = 0;
            while (lo < n) {
                int hi = Math.min(n, lo + 1 + rng.nextInt(5000));
                // the benchmark's pair (arrivals row, DC), sometimes after an in-place term, or with
                // a third held term, or followed by an in-place term
                List<Term> terms = new ArrayList<>();
                if (rng.nextInt(4) == 0) {
                    terms.add(new Term(randomValues(rng, n), lo, false, true));
                }
                terms.add(new Term(pulses(rng, n), lo, true, false));
                terms.add(new Term(dc, lo, false, false));
                if (rng.nextInt(3) == 0) {
                    terms.add(new Term(randomValues(rng, n), lo, rng.nextBoolean(), false));
                }
                if (rng.nextInt(4) == 0) {
                    terms.add(new Term(randomValues(rng, n), lo, false, true));
                }
                List<Term> copies = new ArrayList<>();
                List<Term> unkeptCopies = new ArrayList<>();
                for (Term t : terms) {
                    copies.add(new Term(t.source().clone(), t.sourceFrom(), t.clear(), t.inPlace()));
                    unkeptCopies.add(new Term(t.source().clone(), t.sourceFrom(), t.clear(), t.inPlace()));
                }
                fusedSpikes.clear();
                separateSpikes.clear();
                unkeptSpikes.clear();

                fusedSum.begin(fused.current, lo, hi);
                contribute(fusedSum, terms);
                fusedEuler.integrateAndDetect(fusedSum, fusedSpikes);

                separateSum.begin(separate.current, lo, hi);
                contribute(separateSum, copies);
                separateSum.finish();
                separateEuler.integrate(lo, hi);
                separate.detectSpikes(lo, hi, separateSpikes);

                unkeptSum.begin(unkept.current, lo, hi);
                contribute(unkeptSum, unkeptCopies);
                unkeptEuler.integrateAndDetect(unkeptSum, unkeptSpikes);

                String where = "step " + step + " block [" + lo + ", " + hi + ")";
                assertBitsEqual(separate.current, fused.current, "current, " + where);
                assertBitsEqual(separate.v, fused.v, "v, " + where);
                assertBitsEqual(separate.u, fused.u, "u, " + where);
                assertBitsEqual(separate.v, unkept.v, "v without I_n kept, " + where);
                assertBitsEqual(separate.u, unkept.u, "u without I_n kept, " + where);
                for (int t = 0; t < terms.size(); t++) {
                    assertBitsEqual(copies.get(t).source(), terms.get(t).source(), "source " + t + ", " + where);
                    assertBitsEqual(copies.get(t).source(), unkeptCopies.get(t).source(), "source " + t + ", " + where);
                }
                String expectedSpikes = Arrays.toString(Arrays.copyOf(separateSpikes.indices(), separateSpikes.count()));
                assertEquals(expectedSpikes, Arrays.toString(Arrays.copyOf(fusedSpikes.indices(), fusedSpikes.count())),
                        where);
                assertEquals(expectedSpikes, Arrays.toString(Arrays.copyOf(unkeptSpikes.indices(), unkeptSpikes.count())),
                        "without I_n kept, " + where);
                spikes += fusedSpikes.count();
                lo = hi;
            }
        }
        assertEquals(true, spikes > 1000, "the drive makes neurons fire: " + spikes + " spikes");
    }

    /**
     * A decaying term ({@link CurrentSum#addDecaying}) gives the state, spikes, field and cleared
     * arrivals of updating the field in a loop of its own first ({@code field * decay + arrivals},
     * the arrivals then cleared) and adding it as a plain term: with and without I_n kept (the
     * Euler pass's general loop and its fused two-term loop), in blocks of any length (vector
     * tails), with a third held term or an in-place one after it (which sum it first).
     */
    @Test
    void decayingTermEqualsItsOwnUpdateThenAPlainTerm() {
        SplittableRandom rng = new SplittableRandom(20261201);
        double[][] perNeuron = new double[Parameter.values().length][];
        perNeuron[Parameter.RESET_V.ordinal()] = rng.doubles(501, -55, -45).toArray();
        Neurons reference = mixed(perNeuron);
        Neurons kept = mixed(perNeuron);
        Neurons unkept = mixed(perNeuron);
        TimeGrid grid = new TimeGrid(0.1);
        EulerIntegrator referenceEuler = new EulerIntegrator(reference, grid);
        EulerIntegrator keptEuler = new EulerIntegrator(kept, grid);
        EulerIntegrator unkeptEuler = new EulerIntegrator(unkept, grid);
        unkeptEuler.keepCurrent(false);
        int n = reference.size();
        double decay = Math.exp(-0.1 / 5.0);
        double[] dc = rng.doubles(n, 60, 130).toArray();
        double[] referenceField = randomValues(rng, n);
        double[] keptField = referenceField.clone();
        double[] unkeptField = referenceField.clone();
        CurrentSum referenceSum = new CurrentSum();
        CurrentSum keptSum = new CurrentSum();
        CurrentSum unkeptSum = new CurrentSum();
        SpikeBuffer referenceSpikes = new SpikeBuffer(n);
        SpikeBuffer keptSpikes = new SpikeBuffer(n);
        SpikeBuffer unkeptSpikes = new SpikeBuffer(n);
        int spikes = 0;
        for (int step = 0; step < 2000; step++) {
            int lo = 0;
            while (lo < n) {
                int hi = Math.min(n, lo + 1 + rng.nextInt(5000));
                double[] arrivals = pulses(rng, n);
                double[] keptArrivals = arrivals.clone();
                double[] unkeptArrivals = arrivals.clone();
                int extra = rng.nextInt(6);
                double[] third = randomValues(rng, n);
                referenceSpikes.clear();
                keptSpikes.clear();
                unkeptSpikes.clear();

                for (int i = lo; i < hi; i++) {
                    referenceField[i] = referenceField[i] * decay + arrivals[i];
                    arrivals[i] = 0.0;
                }
                referenceSum.begin(reference.current, lo, hi);
                referenceSum.add(referenceField, lo, false);
                referenceSum.add(dc, lo, false);
                addExtra(referenceSum, extra, third, lo);
                referenceSum.finish();
                referenceEuler.integrate(lo, hi);
                reference.detectSpikes(lo, hi, referenceSpikes);

                keptSum.begin(kept.current, lo, hi);
                keptSum.addDecaying(keptField, keptArrivals, lo, decay);
                keptSum.add(dc, lo, false);
                addExtra(keptSum, extra, third, lo);
                keptEuler.integrateAndDetect(keptSum, keptSpikes);

                unkeptSum.begin(unkept.current, lo, hi);
                unkeptSum.addDecaying(unkeptField, unkeptArrivals, lo, decay);
                unkeptSum.add(dc, lo, false);
                addExtra(unkeptSum, extra, third, lo);
                unkeptEuler.integrateAndDetect(unkeptSum, unkeptSpikes);

                String where = "step " + step + " block [" + lo + ", " + hi + ")";
                assertBitsEqual(reference.current, kept.current, "current, " + where);
                for (Neurons other : List.of(kept, unkept)) {
                    assertBitsEqual(reference.v, other.v, "v, " + where);
                    assertBitsEqual(reference.u, other.u, "u, " + where);
                }
                for (double[] field : List.of(keptField, unkeptField)) {
                    assertBitsEqual(referenceField, field, "field, " + where);
                }
                for (double[] row : List.of(keptArrivals, unkeptArrivals)) {
                    assertBitsEqual(arrivals, row, "arrivals, " + where);
                }
                String expectedSpikes = Arrays.toString(Arrays.copyOf(referenceSpikes.indices(), referenceSpikes.count()));
                assertEquals(expectedSpikes, Arrays.toString(Arrays.copyOf(keptSpikes.indices(), keptSpikes.count())), where);
                assertEquals(expectedSpikes, Arrays.toString(Arrays.copyOf(unkeptSpikes.indices(), unkeptSpikes.count())),
                        "without I_n kept, " + where);
                spikes += referenceSpikes.count();
                lo = hi;
            }
        }
        assertEquals(true, spikes > 1000, "the drive makes neurons fire: " + spikes + " spikes");
    }

    /** After the decaying term and the DC: nothing (0 to 3), a third held term (4) or an in-place term (5). */
    private static void addExtra(CurrentSum sum, int extra, double[] third, int lo) {
        if (extra == 4) {
            sum.add(third, lo, false);
        } else if (extra == 5) {
            ArrayOps.add(sum.current(), sum.from(), third, lo, sum.to() - sum.from());
        }
    }

    @Test
    void misuseIsRefused() {
        CurrentSum sum = new CurrentSum();
        assertThrows(IllegalStateException.class, sum::finish);
        double[] current = new double[16];
        sum.begin(current, 4, 12);
        assertThrows(IllegalArgumentException.class, () -> sum.add(current, 4, false));
        assertThrows(IndexOutOfBoundsException.class, () -> sum.add(new double[10], 3, false));
        Neurons neurons = Neurons.builder().add("exc", "RS", 16, Preset.RS.parameters()).build();
        EulerIntegrator euler = new EulerIntegrator(neurons, new TimeGrid(0.1));
        assertThrows(IllegalArgumentException.class, () -> euler.integrateAndDetect(sum, new SpikeBuffer(16)));
    }

    /** 3,001 RS, 501 FS with per-neuron capacitance (the heterogeneous pass) and 2,003 FS. */
    private static Neurons mixed(double[][] perNeuron) {
        return Neurons.builder()
                .add("exc", "RS", 3001, Preset.RS.parameters())
                .add("het", "FS", 501, Preset.FS.parameters(), perNeuron, null, null)
                .add("inh", "FS", 2003, Preset.FS.parameters())
                .build();
    }

    private static void contribute(CurrentSum sum, List<Term> terms) {
        for (Term t : terms) {
            if (t.inPlace()) {
                ArrayOps.add(sum.current(), sum.from(), t.source(), t.sourceFrom(), sum.to() - sum.from());
            } else {
                sum.add(t.source(), t.sourceFrom(), t.clear());
            }
        }
    }

    /** Clears {@code current[from, from + length)} and adds each term in turn; returns the sources as they must end. */
    private static List<double[]> reference(double[] current, int from, int length, List<Term> terms) {
        Arrays.fill(current, from, from + length, 0.0);
        List<double[]> sources = new ArrayList<>();
        for (Term t : terms) {
            double[] s = t.source().clone();
            for (int i = 0; i < length; i++) {
                current[from + i] += s[t.sourceFrom() + i];
                if (t.clear() && !t.inPlace()) {
                    s[t.sourceFrom() + i] = 0.0;
                }
            }
            sources.add(s);
        }
        return sources;
    }

    private static List<Term> randomTerms(SplittableRandom rng, int length, int count) {
        List<Term> terms = new ArrayList<>();
        for (int t = 0; t < count; t++) {
            int sourceFrom = rng.nextInt(4);
            terms.add(new Term(randomValues(rng, sourceFrom + length + rng.nextInt(3)), sourceFrom,
                    rng.nextBoolean(), rng.nextInt(3) == 0));
        }
        return terms;
    }

    /** Random values with signed zeros among them (-0.0 + -0.0 stays -0.0; 0.0 + -0.0 is 0.0). */
    private static double[] randomValues(SplittableRandom rng, int size) {
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            int kind = rng.nextInt(5);
            values[i] = kind == 0 ? -0.0 : kind == 1 ? 0.0 : rng.nextDouble(-500, 500);
        }
        return values;
    }

    /** A sparse row of synaptic arrivals: +600 or -1200 pA on a few neurons, -0.0 and 0 elsewhere. */
    private static double[] pulses(SplittableRandom rng, int size) {
        double[] row = new double[size];
        for (int i = 0; i < size; i++) {
            int kind = rng.nextInt(100);
            row[i] = kind < 2 ? 600.0 : kind < 3 ? -1200.0 : kind < 5 ? -0.0 : 0.0;
        }
        return row;
    }

    private static void assertBitsEqual(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                assertEquals(expected[i], actual[i], what + ": element " + i + " differs");
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                        what + ": element " + i + " differs in its sign of zero");
            }
        }
    }
}
