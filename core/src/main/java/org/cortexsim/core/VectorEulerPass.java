package org.cortexsim.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.cortexsim.core.model.IzhikevichParameters;

/**
 * The Euler pass of {@link EulerPass#uniform} and the peak check of
 * {@link Neurons#detectSpikes} on the incubating Vector API, {@link #LANES} neurons per
 * instruction, bit-identical to the scalar code: every lane performs the same IEEE operations
 * in the same order (no {@code dt/C} precomputation, no fused operation other than the two of
 * {@link Cube}), and masks replace the branches of the reset and of the cubic recovery. The
 * range tail that does not fill a vector is handed to the scalar code.
 *
 * <p>Loaded only when {@link Kernels#vector()} holds; needs {@code jdk.incubator.vector} in
 * the boot layer. Stateless.
 */
final class VectorEulerPass {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Neurons per vector: 8 with AVX-512, 4 with AVX2. */
    static final int LANES = SPECIES.length();
    /**
     * The initial 0 pA of I_n (+0.0, as {@link ArrayOps#sum} starts), one vector read at every
     * index (stride 0). Never written.
     */
    private static final double[] INITIAL = new double[LANES];
    /**
     * An absent term: -0.0, the exact additive identity of IEEE arithmetic ({@code x + -0.0 == x}
     * bit for bit, -0.0 included), one vector read at every index (stride 0). Never written.
     */
    private static final double[] ABSENT = new double[LANES];

    static {
        java.util.Arrays.fill(ABSENT, -0.0);
    }

    private VectorEulerPass() {
    }

    /** Advances neurons {@code [from, to)}, all with parameters {@code p}, by one step of {@code dt} ms. */
    static void uniform(double[] v, double[] u, double[] current, int from, int to,
            IzhikevichParameters p, double dt) {
        uniform(v, u, current, from, to, p, dt, null, null, false);
    }

    /**
     * As {@link #uniform(double[], double[], double[], int, int, IzhikevichParameters, double)},
     * and, when {@code detected} is not null, appends to it in ascending order every neuron whose
     * new sample is at or above the peak (the next step's spikes), while the new v is still in a
     * register: the same result as a separate {@link #detect} pass over the new samples.
     *
     * <p>With a {@code sum} (whose block is {@code [from, to)}), I_n is first completed from the
     * sum's held-back terms inside the same loop, stored into {@code current} if
     * {@code storeCurrent}, and the sum's block is ended: the same I_n, state and spikes as
     * {@link CurrentSum#finish()} followed by the pass, without a separate sweep over the block.
     */
    static void uniform(double[] v, double[] u, double[] current, int from, int to,
            IzhikevichParameters p, double dt, SpikeBuffer detected, CurrentSum sum, boolean storeCurrent) {
        final int bound = from + SPECIES.loopBound(to - from);
        // I_n = base + a + b, element i of each at index i * stride + shift: base is the partial sum
        // in current, or the initial 0 pA; an absent term reads -0.0 and leaves every sum unchanged
        final boolean start = sum != null && !sum.written();
        final int held = sum == null ? 0 : sum.held();
        final double[] base = start ? INITIAL : current;
        final int baseStride = start ? 0 : 1;
        final double[] a = held > 0 ? sum.source(0) : ABSENT;
        final int aStride = held > 0 ? 1 : 0;
        final int aShift = held > 0 ? sum.sourceFrom(0) - from : 0;
        final boolean clearA = held > 0 && sum.clearsSource(0);
        final double[] b = held > 1 ? sum.source(1) : ABSENT;
        final int bStride = held > 1 ? 1 : 0;
        final int bShift = held > 1 ? sum.sourceFrom(1) - from : 0;
        final boolean clearB = held > 1 && sum.clearsSource(1);
        // nothing to store when current already holds I_n (in-place terms only)
        final boolean store = sum != null && storeCurrent && (start || held > 0);
        switch (p.recovery()) {
            case LINEAR -> linear(v, u, current, from, bound, p, dt, detected,
                    base, baseStride, a, aStride, aShift, clearA, b, bStride, bShift, clearB, store);
            case CUBIC_ABOVE_VB -> cubic(v, u, current, from, bound, p, dt, detected,
                    base, baseStride, a, aStride, aShift, clearA, b, bStride, bShift, clearB, store);
        }
        if (sum != null) {
            ArrayOps.sum(current, bound, to - bound, !sum.written(),
                    held > 0 ? sum.source(0) : null, sum.sourceFrom(0) + bound - from, sum.clearsSource(0),
                    held > 1 ? sum.source(1) : null, sum.sourceFrom(1) + bound - from, sum.clearsSource(1));
            sum.consumed();
        }
        EulerPass.uniform(v, u, current, bound, to, p, dt);
        if (detected != null) {
            final double vpeak = p.vpeak();
            for (int i = bound; i < to; i++) {
                if (v[i] >= vpeak) {
                    detected.add(i);
                }
            }
        }
    }

    private static void linear(double[] v, double[] u, double[] current, int from, int bound,
            IzhikevichParameters p, double dt, SpikeBuffer detected,
            double[] base, int baseStride, double[] a, int aStride, int aShift, boolean clearA,
            double[] b, int bStride, int bShift, boolean clearB, boolean store) {
        final DoubleVector capacitance = DoubleVector.broadcast(SPECIES, p.capacitance());
        final DoubleVector k = DoubleVector.broadcast(SPECIES, p.k());
        final DoubleVector vr = DoubleVector.broadcast(SPECIES, p.vr());
        final DoubleVector vt = DoubleVector.broadcast(SPECIES, p.vt());
        final DoubleVector vpeak = DoubleVector.broadcast(SPECIES, p.vpeak());
        final DoubleVector step = DoubleVector.broadcast(SPECIES, dt);
        final DoubleVector dtTimesA = DoubleVector.broadcast(SPECIES, dt * p.a());
        final DoubleVector b0 = DoubleVector.broadcast(SPECIES, p.b());
        final DoubleVector reset = DoubleVector.broadcast(SPECIES, p.c());
        final DoubleVector jump = DoubleVector.broadcast(SPECIES, p.d());
        final DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int i = from; i < bound; i += LANES) {
            final DoubleVector vn = DoubleVector.fromArray(SPECIES, v, i);
            final DoubleVector un = DoubleVector.fromArray(SPECIES, u, i);
            // I_n = base + a + b
            final DoubleVector in = DoubleVector.fromArray(SPECIES, base, i * baseStride)
                    .add(DoubleVector.fromArray(SPECIES, a, i * aStride + aShift))
                    .add(DoubleVector.fromArray(SPECIES, b, i * bStride + bShift));
            if (clearA) {
                zero.intoArray(a, i + aShift);
            }
            if (clearB) {
                zero.intoArray(b, i + bShift);
            }
            if (store) {
                in.intoArray(current, i);
            }
            // C v' = k (v - vr)(v - vt) - u + I ;  u' = a (b (v - vr) - u) ;  v >= vpeak: v = c, u = u + d
            final DoubleVector vMinusVr = vn.sub(vr);
            final DoubleVector vNext = vn.add(step.mul(k.mul(vMinusVr).mul(vn.sub(vt)).sub(un).add(in)).div(capacitance));
            final DoubleVector uNext = un.add(dtTimesA.mul(b0.mul(vMinusVr).sub(un)));
            final VectorMask<Double> spiking = vn.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew = vNext.blend(reset, spiking);
            vNew.intoArray(v, i);
            uNext.blend(un.add(jump), spiking).intoArray(u, i);
            if (detected != null && vNew.compare(VectorOperators.GE, vpeak).anyTrue()) {
                addLanesAtOrAbove(v, i, p.vpeak(), detected);
            }
        }
    }

    private static void cubic(double[] v, double[] u, double[] current, int from, int bound,
            IzhikevichParameters p, double dt, SpikeBuffer detected,
            double[] base, int baseStride, double[] a, int aStride, int aShift, boolean clearA,
            double[] b, int bStride, int bShift, boolean clearB, boolean store) {
        final DoubleVector capacitance = DoubleVector.broadcast(SPECIES, p.capacitance());
        final DoubleVector k = DoubleVector.broadcast(SPECIES, p.k());
        final DoubleVector vr = DoubleVector.broadcast(SPECIES, p.vr());
        final DoubleVector vt = DoubleVector.broadcast(SPECIES, p.vt());
        final DoubleVector vpeak = DoubleVector.broadcast(SPECIES, p.vpeak());
        final DoubleVector step = DoubleVector.broadcast(SPECIES, dt);
        final DoubleVector dtTimesA = DoubleVector.broadcast(SPECIES, dt * p.a());
        final DoubleVector b0 = DoubleVector.broadcast(SPECIES, p.b());
        final DoubleVector reset = DoubleVector.broadcast(SPECIES, p.c());
        final DoubleVector jump = DoubleVector.broadcast(SPECIES, p.d());
        final DoubleVector vb = DoubleVector.broadcast(SPECIES, p.vb());
        final DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int i = from; i < bound; i += LANES) {
            final DoubleVector vn = DoubleVector.fromArray(SPECIES, v, i);
            final DoubleVector un = DoubleVector.fromArray(SPECIES, u, i);
            // I_n = base + a + b
            final DoubleVector in = DoubleVector.fromArray(SPECIES, base, i * baseStride)
                    .add(DoubleVector.fromArray(SPECIES, a, i * aStride + aShift))
                    .add(DoubleVector.fromArray(SPECIES, b, i * bStride + bShift));
            if (clearA) {
                zero.intoArray(a, i + aShift);
            }
            if (clearB) {
                zero.intoArray(b, i + bShift);
            }
            if (store) {
                in.intoArray(current, i);
            }
            // C v' = k (v - vr)(v - vt) - u + I ;  u' = a (U(v) - u), U = b (v - vb)^3 for v >= vb, else 0 ;
            // v >= vpeak: v = c, u = u + d.  Cube as in Cube.of: hi = x*x, lo = fma(x, x, -hi), fma(hi, x, lo*x).
            final DoubleVector x = vn.sub(vb);
            final DoubleVector hi = x.mul(x);
            final DoubleVector lo = x.fma(x, hi.neg());
            final DoubleVector cube = hi.fma(x, lo.mul(x));
            final DoubleVector target = zero.blend(b0.mul(cube), vn.compare(VectorOperators.GE, vb));
            final DoubleVector vNext = vn.add(step.mul(k.mul(vn.sub(vr)).mul(vn.sub(vt)).sub(un).add(in)).div(capacitance));
            final DoubleVector uNext = un.add(dtTimesA.mul(target.sub(un)));
            final VectorMask<Double> spiking = vn.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew = vNext.blend(reset, spiking);
            vNew.intoArray(v, i);
            uNext.blend(un.add(jump), spiking).intoArray(u, i);
            if (detected != null && vNew.compare(VectorOperators.GE, vpeak).anyTrue()) {
                addLanesAtOrAbove(v, i, p.vpeak(), detected);
            }
        }
    }

    /** Appends the lanes of the vector at {@code i} whose v is at or above {@code vpeak}, in order. */
    private static void addLanesAtOrAbove(double[] v, int i, double vpeak, SpikeBuffer spikes) {
        for (int j = i; j < i + LANES; j++) {
            if (v[j] >= vpeak) {
                spikes.add(j);
            }
        }
    }

    /**
     * Appends to {@code spikes}, in ascending order, every {@code i} in {@code [from, to)} with
     * {@code v[i] >= vpeak}: one vector compare per {@link #LANES} neurons, lanes visited only
     * where the compare found a spike.
     */
    static void detect(double[] v, int from, int to, double vpeak, SpikeBuffer spikes) {
        final int bound = from + SPECIES.loopBound(to - from);
        final DoubleVector peak = DoubleVector.broadcast(SPECIES, vpeak);
        for (int i = from; i < bound; i += LANES) {
            if (DoubleVector.fromArray(SPECIES, v, i).compare(VectorOperators.GE, peak).anyTrue()) {
                addLanesAtOrAbove(v, i, vpeak, spikes);
            }
        }
        for (int i = bound; i < to; i++) {
            if (v[i] >= vpeak) {
                spikes.add(i);
            }
        }
    }
}
