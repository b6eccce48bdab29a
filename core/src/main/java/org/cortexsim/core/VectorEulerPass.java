package org.cortexsim.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.cortexsim.core.model.IzhikevichParameters;
import org.cortexsim.core.model.Parameter;
import org.cortexsim.core.model.Recovery;

/**
 * The Euler passes of {@link EulerPass} and the peak check of {@link Neurons#detectSpikes} on
 * the incubating Vector API, {@link #LANES} neurons per instruction, bit-identical to the scalar
 * code: every lane performs the same IEEE operations in the same order (no {@code dt/C}
 * precomputation, no fused operation other than the two of {@link Cube}), and masks replace the
 * branches of the reset and of the cubic recovery. The range tail that does not fill a vector is
 * handed to the scalar code.
 *
 * <p>Input current: a pass may form I_n itself from a {@link CurrentSum}'s held-back terms,
 * {@code I_n = base + a + b}, where element i of each operand is read at index
 * {@code i * stride + shift}: the base is the partial sum in {@code current} (stride 1) or the
 * initial 0 pA ({@link #INITIAL}, stride 0), and an absent term reads -0.0 ({@link #ABSENT},
 * stride 0), which leaves every sum unchanged bit for bit. Per-neuron parameters are read the
 * same way ({@link Population#values}, stride 1 for a column, 0 for a shared value).
 *
 * <p>The homogeneous pass has one loop per recovery: a single loop computing both recovery targets
 * and keeping one, as {@link #heterogeneous} does, measured 5 to 20% slower (JMH
 * {@code NeuronPassBenchmark}, 10k neurons, 1 thread: 0.75 against 0.61 to 0.72 ns per update).
 *
 * <p>The two-term loops ({@link #linearTwoTerms}, {@link #cubicTwoTerms}: the blocks of a network
 * step) test the new samples against the peak once per {@value #GROUP_VECTORS} vectors, the OR
 * of their masks; on JDK 17 turning a mask into a branch costs about as much as a fifth of the
 * vector's arithmetic (10k neurons, 1 thread: 0.83 against 0.91 ns per update with a test per
 * vector, the pass without any test 0.62).
 *
 * <p>Loaded only when {@link Kernels#vector()} holds; needs {@code jdk.incubator.vector} in
 * the boot layer. Stateless.
 */
final class VectorEulerPass {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Neurons per vector: 8 with AVX-512, 4 with AVX2. */
    static final int LANES = SPECIES.length();
    /** Vectors per loop iteration and spike test of {@link #linearTwoTerms} and {@link #cubicTwoTerms}. */
    private static final int GROUP_VECTORS = 4;
    /** The initial 0 pA of I_n (+0.0, as {@link ArrayOps#sum} starts), one vector. Never written. */
    private static final double[] INITIAL = new double[LANES];
    /** An absent term: -0.0, the exact additive identity ({@code x + -0.0 == x}, -0.0 included). Never written. */
    private static final double[] ABSENT = new double[LANES];

    static {
        java.util.Arrays.fill(ABSENT, -0.0);
    }

    private VectorEulerPass() {
    }

    /** Whether {@link #heterogeneous} can read a shared parameter's copies as one vector. */
    static boolean handlesHeterogeneous() {
        return LANES <= Population.SHARED_COPIES;
    }

    /** Advances neurons {@code [from, to)}, all with the parameters of {@code bound}, by one step of its dt. */
    static void uniform(double[] v, double[] u, double[] current, int from, int to, EulerConstants bound) {
        uniform(v, u, current, from, to, bound, null, null, false);
    }

    /**
     * As {@link #uniform(double[], double[], double[], int, int, EulerConstants)}, and, when {@code detected} is not null, appends to it in ascending order every neuron whose
     * new sample is at or above the peak (the next step's spikes), while the new v is still in a
     * register: the same result as a separate {@link #detect} pass over the new samples.
     *
     * <p>With a {@code sum} (whose block is {@code [from, to)}), I_n is first completed from the
     * sum's held-back terms inside the same loop, stored into {@code current} if
     * {@code storeCurrent}, and the sum's block is ended: the same I_n, state and spikes as
     * {@link CurrentSum#finish()} followed by the pass, without a separate sweep over the block.
     */
    static void uniform(double[] v, double[] u, double[] current, int from, int to,
            EulerConstants constants, SpikeBuffer detected, CurrentSum sum, boolean storeCurrent) {
        final boolean twoTerms = sum != null && !sum.written() && sum.held() == 2 && !storeCurrent && detected != null
                && !sum.clearsSource(1) && !sum.decays(1);
        final boolean decaying = twoTerms && sum.decays(0);
        if (sum != null && !twoTerms) {
            sum.applyDecay(from);
        }
        final int bound = from + (twoTerms ? groupLoopBound(to - from) : SPECIES.loopBound(to - from));
        switch (constants.parameters.recovery()) {
            case LINEAR -> {
                if (decaying) {
                    linearDecayingTerm(v, u, from, bound, constants, detected, sum);
                } else if (twoTerms) {
                    linearTwoTerms(v, u, from, bound, constants, detected, sum);
                } else {
                    linear(v, u, current, from, bound, constants, detected, sum, storeCurrent);
                }
            }
            case CUBIC_ABOVE_VB -> {
                if (decaying) {
                    cubicDecayingTerm(v, u, from, bound, constants, detected, sum);
                } else if (twoTerms) {
                    cubicTwoTerms(v, u, from, bound, constants, detected, sum);
                } else {
                    cubic(v, u, current, from, bound, constants, detected, sum, storeCurrent);
                }
            }
        }
        if (decaying) {
            sum.applyDecay(bound);
        }
        sumTail(current, from, bound, to, sum);
        EulerPass.uniform(v, u, current, bound, to, constants);
        if (detected != null) {
            final double vpeak = constants.parameters.vpeak();
            for (int i = bound; i < to; i++) {
                if (v[i] >= vpeak) {
                    detected.add(i);
                }
            }
        }
    }

    /**
     * As {@link #uniform(double[], double[], double[], int, int, EulerConstants, SpikeBuffer,
     * CurrentSum, boolean)} for neurons {@code [from, to)} of the population of {@code constants},
     * whose parameters vary per neuron: the arithmetic of {@link EulerPass#heterogeneous}. Needs
     * {@link #handlesHeterogeneous()}.
     */
    static void heterogeneous(double[] v, double[] u, double[] current, int from, int to,
            EulerConstants constants, SpikeBuffer detected, CurrentSum sum, boolean storeCurrent) {
        if (sum != null) {
            sum.applyDecay(from);
        }
        final int bound = from + SPECIES.loopBound(to - from);
        varied(v, u, current, from, bound, constants, detected, sum, storeCurrent);
        sumTail(current, from, bound, to, sum);
        EulerPass.heterogeneous(v, u, current, bound, to, constants);
        if (detected != null) {
            addAtOrAbovePeak(v, bound, to, constants.population, detected);
        }
    }

    /** The largest multiple of {@value #GROUP_VECTORS} vectors (in neurons) at most {@code length}. */
    private static int groupLoopBound(int length) {
        final int group = GROUP_VECTORS * LANES;
        return length / group * group;
    }

    /** Completes I_n of {@code sum} over the scalar tail {@code [bound, to)} and ends its block. */
    private static void sumTail(double[] current, int from, int bound, int to, CurrentSum sum) {
        if (sum == null) {
            return;
        }
        final int held = sum.held();
        ArrayOps.sum(current, bound, to - bound, !sum.written(),
                held > 0 ? sum.source(0) : null, sum.sourceFrom(0) + bound - from, sum.clearsSource(0),
                held > 1 ? sum.source(1) : null, sum.sourceFrom(1) + bound - from, sum.clearsSource(1));
        sum.consumed();
    }

    /** The base operand of I_n: the partial sum in {@code current}, or {@link #INITIAL}. */
    private static double[] base(CurrentSum sum, double[] current) {
        return sum != null && !sum.written() ? INITIAL : current;
    }

    private static int baseStride(CurrentSum sum) {
        return sum != null && !sum.written() ? 0 : 1;
    }

    /** Held-back term {@code k} of {@code sum}, or {@link #ABSENT}. */
    private static double[] term(CurrentSum sum, int k) {
        return sum != null && sum.held() > k ? sum.source(k) : ABSENT;
    }

    private static int termStride(CurrentSum sum, int k) {
        return sum != null && sum.held() > k ? 1 : 0;
    }

    /** Index of term {@code k}'s element for state index 0 (term element i is at {@code i + shift}). */
    private static int termShift(CurrentSum sum, int k, int from) {
        return sum != null && sum.held() > k ? sum.sourceFrom(k) - from : 0;
    }

    private static boolean clearsTerm(CurrentSum sum, int k) {
        return sum != null && sum.held() > k && sum.clearsSource(k);
    }

    /** Whether the pass writes I_n back: asked for, and not already there (in-place terms only). */
    private static boolean storesCurrent(CurrentSum sum, boolean storeCurrent) {
        return sum != null && storeCurrent && (!sum.written() || sum.held() > 0);
    }

    private static void linear(double[] v, double[] u, double[] current, int from, int bound,
            EulerConstants constants, SpikeBuffer detected, CurrentSum sum, boolean storeCurrent) {
        final IzhikevichParameters p = constants.parameters;
        final double[] base = base(sum, current);
        final int baseStride = baseStride(sum);
        final double[] a = term(sum, 0);
        final int aStride = termStride(sum, 0);
        final int aShift = termShift(sum, 0, from);
        final boolean clearA = clearsTerm(sum, 0);
        final double[] b = term(sum, 1);
        final int bStride = termStride(sum, 1);
        final int bShift = termShift(sum, 1, from);
        final boolean clearB = clearsTerm(sum, 1);
        final boolean store = storesCurrent(sum, storeCurrent);
        final DoubleVector capacitance = DoubleVector.broadcast(SPECIES, p.capacitance());
        final DoubleVector k = DoubleVector.broadcast(SPECIES, p.k());
        final DoubleVector vr = DoubleVector.broadcast(SPECIES, p.vr());
        final DoubleVector vt = DoubleVector.broadcast(SPECIES, p.vt());
        final DoubleVector vpeak = DoubleVector.broadcast(SPECIES, p.vpeak());
        final DoubleVector step = DoubleVector.broadcast(SPECIES, constants.dt);
        final DoubleVector dtTimesA = DoubleVector.broadcast(SPECIES, constants.dtTimesA);
        final DoubleVector slope = DoubleVector.broadcast(SPECIES, p.b());
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
            final DoubleVector uNext = un.add(dtTimesA.mul(slope.mul(vMinusVr).sub(un)));
            final VectorMask<Double> spiking = vn.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew = vNext.blend(reset, spiking);
            vNew.intoArray(v, i);
            uNext.blend(un.add(jump), spiking).intoArray(u, i);
            if (detected != null && vNew.compare(VectorOperators.GE, vpeak).anyTrue()) {
                addLanesAtOrAbove(v, i, p.vpeak(), detected);
            }
        }
    }

    /**
     * {@link #linear} with spike detection when I_n is two held-back terms read with stride 1 (a
     * delta row or an exp_current field, then the DC: the benchmark network's blocks), the second
     * not cleared, and not stored, over whole groups of {@value #GROUP_VECTORS}
     * vectors ({@code bound - from} a multiple of {@link #groupLoopBound}'s group): the same
     * operations per vector, with constant strides so that the JIT drops the per-vector index
     * checks. The group's new samples are compared with the peak by one test of the OR of their
     * masks and its lanes visited only when one reached it: a test per vector (its mask turned
     * into a branch) cost about 0.2 ns per update, a quarter of the pass.
     */
    private static void linearTwoTerms(double[] v, double[] u, int from, int bound, EulerConstants constants,
            SpikeBuffer detected, CurrentSum sum) {
        final IzhikevichParameters p = constants.parameters;
        final double[] a = sum.source(0);
        final int aShift = sum.sourceFrom(0) - from;
        final boolean clearA = sum.clearsSource(0);
        final double[] b = sum.source(1);
        final int bShift = sum.sourceFrom(1) - from;
        final DoubleVector capacitance = DoubleVector.broadcast(SPECIES, p.capacitance());
        final DoubleVector k = DoubleVector.broadcast(SPECIES, p.k());
        final DoubleVector vr = DoubleVector.broadcast(SPECIES, p.vr());
        final DoubleVector vt = DoubleVector.broadcast(SPECIES, p.vt());
        final DoubleVector vpeak = DoubleVector.broadcast(SPECIES, p.vpeak());
        final DoubleVector step = DoubleVector.broadcast(SPECIES, constants.dt);
        final DoubleVector dtTimesA = DoubleVector.broadcast(SPECIES, constants.dtTimesA);
        final DoubleVector slope = DoubleVector.broadcast(SPECIES, p.b());
        final DoubleVector reset = DoubleVector.broadcast(SPECIES, p.c());
        final DoubleVector jump = DoubleVector.broadcast(SPECIES, p.d());
        final DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int i = from; i < bound; i += GROUP_VECTORS * LANES) {
            // GROUP_VECTORS = 4 vectors written out (a helper method per vector is not inlined): per vector,
            // I_n = (0 + a) + b ; C v' = k (v - vr)(v - vt) - u + I ;  u' = a (b (v - vr) - u) ;  v >= vpeak: v = c, u = u + d
            final DoubleVector vn0 = DoubleVector.fromArray(SPECIES, v, i);
            final DoubleVector un0 = DoubleVector.fromArray(SPECIES, u, i);
            final DoubleVector in0 = zero.add(DoubleVector.fromArray(SPECIES, a, i + aShift))
                    .add(DoubleVector.fromArray(SPECIES, b, i + bShift));
            if (clearA) {
                zero.intoArray(a, i + aShift);
            }
            final DoubleVector vMinusVr0 = vn0.sub(vr);
            final DoubleVector vNext0 = vn0.add(step.mul(k.mul(vMinusVr0).mul(vn0.sub(vt)).sub(un0).add(in0)).div(capacitance));
            final DoubleVector uNext0 = un0.add(dtTimesA.mul(slope.mul(vMinusVr0).sub(un0)));
            final VectorMask<Double> spiking0 = vn0.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew0 = vNext0.blend(reset, spiking0);
            vNew0.intoArray(v, i);
            uNext0.blend(un0.add(jump), spiking0).intoArray(u, i);
            final DoubleVector vn1 = DoubleVector.fromArray(SPECIES, v, i + LANES);
            final DoubleVector un1 = DoubleVector.fromArray(SPECIES, u, i + LANES);
            final DoubleVector in1 = zero.add(DoubleVector.fromArray(SPECIES, a, i + LANES + aShift))
                    .add(DoubleVector.fromArray(SPECIES, b, i + LANES + bShift));
            if (clearA) {
                zero.intoArray(a, i + LANES + aShift);
            }
            final DoubleVector vMinusVr1 = vn1.sub(vr);
            final DoubleVector vNext1 = vn1.add(step.mul(k.mul(vMinusVr1).mul(vn1.sub(vt)).sub(un1).add(in1)).div(capacitance));
            final DoubleVector uNext1 = un1.add(dtTimesA.mul(slope.mul(vMinusVr1).sub(un1)));
            final VectorMask<Double> spiking1 = vn1.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew1 = vNext1.blend(reset, spiking1);
            vNew1.intoArray(v, i + LANES);
            uNext1.blend(un1.add(jump), spiking1).intoArray(u, i + LANES);
            final DoubleVector vn2 = DoubleVector.fromArray(SPECIES, v, i + 2 * LANES);
            final DoubleVector un2 = DoubleVector.fromArray(SPECIES, u, i + 2 * LANES);
            final DoubleVector in2 = zero.add(DoubleVector.fromArray(SPECIES, a, i + 2 * LANES + aShift))
                    .add(DoubleVector.fromArray(SPECIES, b, i + 2 * LANES + bShift));
            if (clearA) {
                zero.intoArray(a, i + 2 * LANES + aShift);
            }
            final DoubleVector vMinusVr2 = vn2.sub(vr);
            final DoubleVector vNext2 = vn2.add(step.mul(k.mul(vMinusVr2).mul(vn2.sub(vt)).sub(un2).add(in2)).div(capacitance));
            final DoubleVector uNext2 = un2.add(dtTimesA.mul(slope.mul(vMinusVr2).sub(un2)));
            final VectorMask<Double> spiking2 = vn2.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew2 = vNext2.blend(reset, spiking2);
            vNew2.intoArray(v, i + 2 * LANES);
            uNext2.blend(un2.add(jump), spiking2).intoArray(u, i + 2 * LANES);
            final DoubleVector vn3 = DoubleVector.fromArray(SPECIES, v, i + 3 * LANES);
            final DoubleVector un3 = DoubleVector.fromArray(SPECIES, u, i + 3 * LANES);
            final DoubleVector in3 = zero.add(DoubleVector.fromArray(SPECIES, a, i + 3 * LANES + aShift))
                    .add(DoubleVector.fromArray(SPECIES, b, i + 3 * LANES + bShift));
            if (clearA) {
                zero.intoArray(a, i + 3 * LANES + aShift);
            }
            final DoubleVector vMinusVr3 = vn3.sub(vr);
            final DoubleVector vNext3 = vn3.add(step.mul(k.mul(vMinusVr3).mul(vn3.sub(vt)).sub(un3).add(in3)).div(capacitance));
            final DoubleVector uNext3 = un3.add(dtTimesA.mul(slope.mul(vMinusVr3).sub(un3)));
            final VectorMask<Double> spiking3 = vn3.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew3 = vNext3.blend(reset, spiking3);
            vNew3.intoArray(v, i + 3 * LANES);
            uNext3.blend(un3.add(jump), spiking3).intoArray(u, i + 3 * LANES);
            // the new samples of the group compared with the peak at once; lanes visited only if one reached it
            if (vNew0.compare(VectorOperators.GE, vpeak).or(vNew1.compare(VectorOperators.GE, vpeak))
                    .or(vNew2.compare(VectorOperators.GE, vpeak)).or(vNew3.compare(VectorOperators.GE, vpeak)).anyTrue()) {
                addAtOrAbove(v, i, i + GROUP_VECTORS * LANES, p.vpeak(), detected);
            }
        }
    }

    private static void cubic(double[] v, double[] u, double[] current, int from, int bound,
            EulerConstants constants, SpikeBuffer detected, CurrentSum sum, boolean storeCurrent) {
        final IzhikevichParameters p = constants.parameters;
        final double[] base = base(sum, current);
        final int baseStride = baseStride(sum);
        final double[] a = term(sum, 0);
        final int aStride = termStride(sum, 0);
        final int aShift = termShift(sum, 0, from);
        final boolean clearA = clearsTerm(sum, 0);
        final double[] b = term(sum, 1);
        final int bStride = termStride(sum, 1);
        final int bShift = termShift(sum, 1, from);
        final boolean clearB = clearsTerm(sum, 1);
        final boolean store = storesCurrent(sum, storeCurrent);
        final DoubleVector capacitance = DoubleVector.broadcast(SPECIES, p.capacitance());
        final DoubleVector k = DoubleVector.broadcast(SPECIES, p.k());
        final DoubleVector vr = DoubleVector.broadcast(SPECIES, p.vr());
        final DoubleVector vt = DoubleVector.broadcast(SPECIES, p.vt());
        final DoubleVector vpeak = DoubleVector.broadcast(SPECIES, p.vpeak());
        final DoubleVector step = DoubleVector.broadcast(SPECIES, constants.dt);
        final DoubleVector dtTimesA = DoubleVector.broadcast(SPECIES, constants.dtTimesA);
        final DoubleVector slope = DoubleVector.broadcast(SPECIES, p.b());
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
            final DoubleVector target = zero.blend(slope.mul(cube), vn.compare(VectorOperators.GE, vb));
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

    /**
     * {@link #cubic} as {@link #linearTwoTerms} is {@link #linear}: two held-back terms, the second
     * not cleared, whole groups of {@value #GROUP_VECTORS} vectors, one spike test
     * per group.
     */
    private static void cubicTwoTerms(double[] v, double[] u, int from, int bound, EulerConstants constants,
            SpikeBuffer detected, CurrentSum sum) {
        final IzhikevichParameters p = constants.parameters;
        final double[] a = sum.source(0);
        final int aShift = sum.sourceFrom(0) - from;
        final boolean clearA = sum.clearsSource(0);
        final double[] b = sum.source(1);
        final int bShift = sum.sourceFrom(1) - from;
        final DoubleVector capacitance = DoubleVector.broadcast(SPECIES, p.capacitance());
        final DoubleVector k = DoubleVector.broadcast(SPECIES, p.k());
        final DoubleVector vr = DoubleVector.broadcast(SPECIES, p.vr());
        final DoubleVector vt = DoubleVector.broadcast(SPECIES, p.vt());
        final DoubleVector vpeak = DoubleVector.broadcast(SPECIES, p.vpeak());
        final DoubleVector step = DoubleVector.broadcast(SPECIES, constants.dt);
        final DoubleVector dtTimesA = DoubleVector.broadcast(SPECIES, constants.dtTimesA);
        final DoubleVector slope = DoubleVector.broadcast(SPECIES, p.b());
        final DoubleVector reset = DoubleVector.broadcast(SPECIES, p.c());
        final DoubleVector jump = DoubleVector.broadcast(SPECIES, p.d());
        final DoubleVector vb = DoubleVector.broadcast(SPECIES, p.vb());
        final DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int i = from; i < bound; i += GROUP_VECTORS * LANES) {
            // GROUP_VECTORS = 4 vectors written out (a helper method per vector is not inlined): per vector,
            // I_n = (0 + a) + b ; C v' = k (v - vr)(v - vt) - u + I ;  u' = a (U(v) - u), U = b (v - vb)^3 for v >= vb,
            // else 0 ; v >= vpeak: v = c, u = u + d.  Cube as in Cube.of: hi = x*x, lo = fma(x, x, -hi), fma(hi, x, lo*x).
            final DoubleVector vn0 = DoubleVector.fromArray(SPECIES, v, i);
            final DoubleVector un0 = DoubleVector.fromArray(SPECIES, u, i);
            final DoubleVector in0 = zero.add(DoubleVector.fromArray(SPECIES, a, i + aShift))
                    .add(DoubleVector.fromArray(SPECIES, b, i + bShift));
            if (clearA) {
                zero.intoArray(a, i + aShift);
            }
            final DoubleVector x0 = vn0.sub(vb);
            final DoubleVector hi0 = x0.mul(x0);
            final DoubleVector lo0 = x0.fma(x0, hi0.neg());
            final DoubleVector cube0 = hi0.fma(x0, lo0.mul(x0));
            final DoubleVector target0 = zero.blend(slope.mul(cube0), vn0.compare(VectorOperators.GE, vb));
            final DoubleVector vNext0 = vn0.add(step.mul(k.mul(vn0.sub(vr)).mul(vn0.sub(vt)).sub(un0).add(in0)).div(capacitance));
            final DoubleVector uNext0 = un0.add(dtTimesA.mul(target0.sub(un0)));
            final VectorMask<Double> spiking0 = vn0.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew0 = vNext0.blend(reset, spiking0);
            vNew0.intoArray(v, i);
            uNext0.blend(un0.add(jump), spiking0).intoArray(u, i);
            final DoubleVector vn1 = DoubleVector.fromArray(SPECIES, v, i + LANES);
            final DoubleVector un1 = DoubleVector.fromArray(SPECIES, u, i + LANES);
            final DoubleVector in1 = zero.add(DoubleVector.fromArray(SPECIES, a, i + LANES + aShift))
                    .add(DoubleVector.fromArray(SPECIES, b, i + LANES + bShift));
            if (clearA) {
                zero.intoArray(a, i + LANES + aShift);
            }
            final DoubleVector x1 = vn1.sub(vb);
            final DoubleVector hi1 = x1.mul(x1);
            final DoubleVector lo1 = x1.fma(x1, hi1.neg());
            final DoubleVector cube1 = hi1.fma(x1, lo1.mul(x1));
            final DoubleVector target1 = zero.blend(slope.mul(cube1), vn1.compare(VectorOperators.GE, vb));
            final DoubleVector vNext1 = vn1.add(step.mul(k.mul(vn1.sub(vr)).mul(vn1.sub(vt)).sub(un1).add(in1)).div(capacitance));
            final DoubleVector uNext1 = un1.add(dtTimesA.mul(target1.sub(un1)));
            final VectorMask<Double> spiking1 = vn1.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew1 = vNext1.blend(reset, spiking1);
            vNew1.intoArray(v, i + LANES);
            uNext1.blend(un1.add(jump), spiking1).intoArray(u, i + LANES);
            final DoubleVector vn2 = DoubleVector.fromArray(SPECIES, v, i + 2 * LANES);
            final DoubleVector un2 = DoubleVector.fromArray(SPECIES, u, i + 2 * LANES);
            final DoubleVector in2 = zero.add(DoubleVector.fromArray(SPECIES, a, i + 2 * LANES + aShift))
                    .add(DoubleVector.fromArray(SPECIES, b, i + 2 * LANES + bShift));
            if (clearA) {
                zero.intoArray(a, i + 2 * LANES + aShift);
            }
            final DoubleVector x2 = vn2.sub(vb);
            final DoubleVector hi2 = x2.mul(x2);
            final DoubleVector lo2 = x2.fma(x2, hi2.neg());
            final DoubleVector cube2 = hi2.fma(x2, lo2.mul(x2));
            final DoubleVector target2 = zero.blend(slope.mul(cube2), vn2.compare(VectorOperators.GE, vb));
            final DoubleVector vNext2 = vn2.add(step.mul(k.mul(vn2.sub(vr)).mul(vn2.sub(vt)).sub(un2).add(in2)).div(capacitance));
            final DoubleVector uNext2 = un2.add(dtTimesA.mul(target2.sub(un2)));
            final VectorMask<Double> spiking2 = vn2.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew2 = vNext2.blend(reset, spiking2);
            vNew2.intoArray(v, i + 2 * LANES);
            uNext2.blend(un2.add(jump), spiking2).intoArray(u, i + 2 * LANES);
            final DoubleVector vn3 = DoubleVector.fromArray(SPECIES, v, i + 3 * LANES);
            final DoubleVector un3 = DoubleVector.fromArray(SPECIES, u, i + 3 * LANES);
            final DoubleVector in3 = zero.add(DoubleVector.fromArray(SPECIES, a, i + 3 * LANES + aShift))
                    .add(DoubleVector.fromArray(SPECIES, b, i + 3 * LANES + bShift));
            if (clearA) {
                zero.intoArray(a, i + 3 * LANES + aShift);
            }
            final DoubleVector x3 = vn3.sub(vb);
            final DoubleVector hi3 = x3.mul(x3);
            final DoubleVector lo3 = x3.fma(x3, hi3.neg());
            final DoubleVector cube3 = hi3.fma(x3, lo3.mul(x3));
            final DoubleVector target3 = zero.blend(slope.mul(cube3), vn3.compare(VectorOperators.GE, vb));
            final DoubleVector vNext3 = vn3.add(step.mul(k.mul(vn3.sub(vr)).mul(vn3.sub(vt)).sub(un3).add(in3)).div(capacitance));
            final DoubleVector uNext3 = un3.add(dtTimesA.mul(target3.sub(un3)));
            final VectorMask<Double> spiking3 = vn3.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew3 = vNext3.blend(reset, spiking3);
            vNew3.intoArray(v, i + 3 * LANES);
            uNext3.blend(un3.add(jump), spiking3).intoArray(u, i + 3 * LANES);
            // the new samples of the group compared with the peak at once; lanes visited only if one reached it
            if (vNew0.compare(VectorOperators.GE, vpeak).or(vNew1.compare(VectorOperators.GE, vpeak))
                    .or(vNew2.compare(VectorOperators.GE, vpeak)).or(vNew3.compare(VectorOperators.GE, vpeak)).anyTrue()) {
                addAtOrAbove(v, i, i + GROUP_VECTORS * LANES, p.vpeak(), detected);
            }
        }
    }

    /**
     * {@link #linearTwoTerms} when the first term is a decaying one ({@link CurrentSum#addDecaying}: an
     * exp_current field): each vector of the field is first updated in place, {@code a * decay + r}
     * with its arrivals row r then cleared (the kernel's step, fused into the pass instead of a
     * pass of its own over the block), and read as the term.
     */
    private static void linearDecayingTerm(double[] v, double[] u, int from, int bound, EulerConstants constants,
            SpikeBuffer detected, CurrentSum sum) {
        final IzhikevichParameters p = constants.parameters;
        final double[] a = sum.source(0);
        final int aShift = sum.sourceFrom(0) - from;
        final double[] r = sum.decayArrivals(0);
        final double[] b = sum.source(1);
        final int bShift = sum.sourceFrom(1) - from;
        final DoubleVector capacitance = DoubleVector.broadcast(SPECIES, p.capacitance());
        final DoubleVector k = DoubleVector.broadcast(SPECIES, p.k());
        final DoubleVector vr = DoubleVector.broadcast(SPECIES, p.vr());
        final DoubleVector vt = DoubleVector.broadcast(SPECIES, p.vt());
        final DoubleVector vpeak = DoubleVector.broadcast(SPECIES, p.vpeak());
        final DoubleVector step = DoubleVector.broadcast(SPECIES, constants.dt);
        final DoubleVector dtTimesA = DoubleVector.broadcast(SPECIES, constants.dtTimesA);
        final DoubleVector slope = DoubleVector.broadcast(SPECIES, p.b());
        final DoubleVector reset = DoubleVector.broadcast(SPECIES, p.c());
        final DoubleVector jump = DoubleVector.broadcast(SPECIES, p.d());
        final DoubleVector zero = DoubleVector.zero(SPECIES);
        final DoubleVector decay = DoubleVector.broadcast(SPECIES, sum.decay(0));
        for (int i = from; i < bound; i += GROUP_VECTORS * LANES) {
            // GROUP_VECTORS = 4 vectors written out (a helper method per vector is not inlined): per vector,
            // a = a * decay + r, r = 0 ; I_n = (0 + a) + b ; C v' = k (v - vr)(v - vt) - u + I ;  u' = a (b (v - vr) - u) ;  v >= vpeak: v = c, u = u + d
            final DoubleVector vn0 = DoubleVector.fromArray(SPECIES, v, i);
            final DoubleVector un0 = DoubleVector.fromArray(SPECIES, u, i);
            final DoubleVector syn0 = DoubleVector.fromArray(SPECIES, a, i + aShift).mul(decay)
                    .add(DoubleVector.fromArray(SPECIES, r, i + aShift));
            syn0.intoArray(a, i + aShift);
            zero.intoArray(r, i + aShift);
            final DoubleVector in0 = zero.add(syn0).add(DoubleVector.fromArray(SPECIES, b, i + bShift));
            final DoubleVector vMinusVr0 = vn0.sub(vr);
            final DoubleVector vNext0 = vn0.add(step.mul(k.mul(vMinusVr0).mul(vn0.sub(vt)).sub(un0).add(in0)).div(capacitance));
            final DoubleVector uNext0 = un0.add(dtTimesA.mul(slope.mul(vMinusVr0).sub(un0)));
            final VectorMask<Double> spiking0 = vn0.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew0 = vNext0.blend(reset, spiking0);
            vNew0.intoArray(v, i);
            uNext0.blend(un0.add(jump), spiking0).intoArray(u, i);
            final DoubleVector vn1 = DoubleVector.fromArray(SPECIES, v, i + LANES);
            final DoubleVector un1 = DoubleVector.fromArray(SPECIES, u, i + LANES);
            final DoubleVector syn1 = DoubleVector.fromArray(SPECIES, a, i + LANES + aShift).mul(decay)
                    .add(DoubleVector.fromArray(SPECIES, r, i + LANES + aShift));
            syn1.intoArray(a, i + LANES + aShift);
            zero.intoArray(r, i + LANES + aShift);
            final DoubleVector in1 = zero.add(syn1).add(DoubleVector.fromArray(SPECIES, b, i + LANES + bShift));
            final DoubleVector vMinusVr1 = vn1.sub(vr);
            final DoubleVector vNext1 = vn1.add(step.mul(k.mul(vMinusVr1).mul(vn1.sub(vt)).sub(un1).add(in1)).div(capacitance));
            final DoubleVector uNext1 = un1.add(dtTimesA.mul(slope.mul(vMinusVr1).sub(un1)));
            final VectorMask<Double> spiking1 = vn1.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew1 = vNext1.blend(reset, spiking1);
            vNew1.intoArray(v, i + LANES);
            uNext1.blend(un1.add(jump), spiking1).intoArray(u, i + LANES);
            final DoubleVector vn2 = DoubleVector.fromArray(SPECIES, v, i + 2 * LANES);
            final DoubleVector un2 = DoubleVector.fromArray(SPECIES, u, i + 2 * LANES);
            final DoubleVector syn2 = DoubleVector.fromArray(SPECIES, a, i + 2 * LANES + aShift).mul(decay)
                    .add(DoubleVector.fromArray(SPECIES, r, i + 2 * LANES + aShift));
            syn2.intoArray(a, i + 2 * LANES + aShift);
            zero.intoArray(r, i + 2 * LANES + aShift);
            final DoubleVector in2 = zero.add(syn2).add(DoubleVector.fromArray(SPECIES, b, i + 2 * LANES + bShift));
            final DoubleVector vMinusVr2 = vn2.sub(vr);
            final DoubleVector vNext2 = vn2.add(step.mul(k.mul(vMinusVr2).mul(vn2.sub(vt)).sub(un2).add(in2)).div(capacitance));
            final DoubleVector uNext2 = un2.add(dtTimesA.mul(slope.mul(vMinusVr2).sub(un2)));
            final VectorMask<Double> spiking2 = vn2.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew2 = vNext2.blend(reset, spiking2);
            vNew2.intoArray(v, i + 2 * LANES);
            uNext2.blend(un2.add(jump), spiking2).intoArray(u, i + 2 * LANES);
            final DoubleVector vn3 = DoubleVector.fromArray(SPECIES, v, i + 3 * LANES);
            final DoubleVector un3 = DoubleVector.fromArray(SPECIES, u, i + 3 * LANES);
            final DoubleVector syn3 = DoubleVector.fromArray(SPECIES, a, i + 3 * LANES + aShift).mul(decay)
                    .add(DoubleVector.fromArray(SPECIES, r, i + 3 * LANES + aShift));
            syn3.intoArray(a, i + 3 * LANES + aShift);
            zero.intoArray(r, i + 3 * LANES + aShift);
            final DoubleVector in3 = zero.add(syn3).add(DoubleVector.fromArray(SPECIES, b, i + 3 * LANES + bShift));
            final DoubleVector vMinusVr3 = vn3.sub(vr);
            final DoubleVector vNext3 = vn3.add(step.mul(k.mul(vMinusVr3).mul(vn3.sub(vt)).sub(un3).add(in3)).div(capacitance));
            final DoubleVector uNext3 = un3.add(dtTimesA.mul(slope.mul(vMinusVr3).sub(un3)));
            final VectorMask<Double> spiking3 = vn3.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew3 = vNext3.blend(reset, spiking3);
            vNew3.intoArray(v, i + 3 * LANES);
            uNext3.blend(un3.add(jump), spiking3).intoArray(u, i + 3 * LANES);
            // the new samples of the group compared with the peak at once; lanes visited only if one reached it
            if (vNew0.compare(VectorOperators.GE, vpeak).or(vNew1.compare(VectorOperators.GE, vpeak))
                    .or(vNew2.compare(VectorOperators.GE, vpeak)).or(vNew3.compare(VectorOperators.GE, vpeak)).anyTrue()) {
                addAtOrAbove(v, i, i + GROUP_VECTORS * LANES, p.vpeak(), detected);
            }
        }
    }

    /**
     * {@link #cubicTwoTerms} when the first term is a decaying one ({@link CurrentSum#addDecaying}: an
     * exp_current field): each vector of the field is first updated in place, {@code a * decay + r}
     * with its arrivals row r then cleared (the kernel's step, fused into the pass instead of a
     * pass of its own over the block), and read as the term.
     */
    private static void cubicDecayingTerm(double[] v, double[] u, int from, int bound, EulerConstants constants,
            SpikeBuffer detected, CurrentSum sum) {
        final IzhikevichParameters p = constants.parameters;
        final double[] a = sum.source(0);
        final int aShift = sum.sourceFrom(0) - from;
        final double[] r = sum.decayArrivals(0);
        final double[] b = sum.source(1);
        final int bShift = sum.sourceFrom(1) - from;
        final DoubleVector capacitance = DoubleVector.broadcast(SPECIES, p.capacitance());
        final DoubleVector k = DoubleVector.broadcast(SPECIES, p.k());
        final DoubleVector vr = DoubleVector.broadcast(SPECIES, p.vr());
        final DoubleVector vt = DoubleVector.broadcast(SPECIES, p.vt());
        final DoubleVector vpeak = DoubleVector.broadcast(SPECIES, p.vpeak());
        final DoubleVector step = DoubleVector.broadcast(SPECIES, constants.dt);
        final DoubleVector dtTimesA = DoubleVector.broadcast(SPECIES, constants.dtTimesA);
        final DoubleVector slope = DoubleVector.broadcast(SPECIES, p.b());
        final DoubleVector reset = DoubleVector.broadcast(SPECIES, p.c());
        final DoubleVector jump = DoubleVector.broadcast(SPECIES, p.d());
        final DoubleVector vb = DoubleVector.broadcast(SPECIES, p.vb());
        final DoubleVector zero = DoubleVector.zero(SPECIES);
        final DoubleVector decay = DoubleVector.broadcast(SPECIES, sum.decay(0));
        for (int i = from; i < bound; i += GROUP_VECTORS * LANES) {
            // GROUP_VECTORS = 4 vectors written out (a helper method per vector is not inlined): per vector,
            // a = a * decay + r, r = 0 ; I_n = (0 + a) + b ; C v' = k (v - vr)(v - vt) - u + I ;  u' = a (U(v) - u), U = b (v - vb)^3 for v >= vb,
            // else 0 ; v >= vpeak: v = c, u = u + d.  Cube as in Cube.of: hi = x*x, lo = fma(x, x, -hi), fma(hi, x, lo*x).
            final DoubleVector vn0 = DoubleVector.fromArray(SPECIES, v, i);
            final DoubleVector un0 = DoubleVector.fromArray(SPECIES, u, i);
            final DoubleVector syn0 = DoubleVector.fromArray(SPECIES, a, i + aShift).mul(decay)
                    .add(DoubleVector.fromArray(SPECIES, r, i + aShift));
            syn0.intoArray(a, i + aShift);
            zero.intoArray(r, i + aShift);
            final DoubleVector in0 = zero.add(syn0).add(DoubleVector.fromArray(SPECIES, b, i + bShift));
            final DoubleVector x0 = vn0.sub(vb);
            final DoubleVector hi0 = x0.mul(x0);
            final DoubleVector lo0 = x0.fma(x0, hi0.neg());
            final DoubleVector cube0 = hi0.fma(x0, lo0.mul(x0));
            final DoubleVector target0 = zero.blend(slope.mul(cube0), vn0.compare(VectorOperators.GE, vb));
            final DoubleVector vNext0 = vn0.add(step.mul(k.mul(vn0.sub(vr)).mul(vn0.sub(vt)).sub(un0).add(in0)).div(capacitance));
            final DoubleVector uNext0 = un0.add(dtTimesA.mul(target0.sub(un0)));
            final VectorMask<Double> spiking0 = vn0.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew0 = vNext0.blend(reset, spiking0);
            vNew0.intoArray(v, i);
            uNext0.blend(un0.add(jump), spiking0).intoArray(u, i);
            final DoubleVector vn1 = DoubleVector.fromArray(SPECIES, v, i + LANES);
            final DoubleVector un1 = DoubleVector.fromArray(SPECIES, u, i + LANES);
            final DoubleVector syn1 = DoubleVector.fromArray(SPECIES, a, i + LANES + aShift).mul(decay)
                    .add(DoubleVector.fromArray(SPECIES, r, i + LANES + aShift));
            syn1.intoArray(a, i + LANES + aShift);
            zero.intoArray(r, i + LANES + aShift);
            final DoubleVector in1 = zero.add(syn1).add(DoubleVector.fromArray(SPECIES, b, i + LANES + bShift));
            final DoubleVector x1 = vn1.sub(vb);
            final DoubleVector hi1 = x1.mul(x1);
            final DoubleVector lo1 = x1.fma(x1, hi1.neg());
            final DoubleVector cube1 = hi1.fma(x1, lo1.mul(x1));
            final DoubleVector target1 = zero.blend(slope.mul(cube1), vn1.compare(VectorOperators.GE, vb));
            final DoubleVector vNext1 = vn1.add(step.mul(k.mul(vn1.sub(vr)).mul(vn1.sub(vt)).sub(un1).add(in1)).div(capacitance));
            final DoubleVector uNext1 = un1.add(dtTimesA.mul(target1.sub(un1)));
            final VectorMask<Double> spiking1 = vn1.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew1 = vNext1.blend(reset, spiking1);
            vNew1.intoArray(v, i + LANES);
            uNext1.blend(un1.add(jump), spiking1).intoArray(u, i + LANES);
            final DoubleVector vn2 = DoubleVector.fromArray(SPECIES, v, i + 2 * LANES);
            final DoubleVector un2 = DoubleVector.fromArray(SPECIES, u, i + 2 * LANES);
            final DoubleVector syn2 = DoubleVector.fromArray(SPECIES, a, i + 2 * LANES + aShift).mul(decay)
                    .add(DoubleVector.fromArray(SPECIES, r, i + 2 * LANES + aShift));
            syn2.intoArray(a, i + 2 * LANES + aShift);
            zero.intoArray(r, i + 2 * LANES + aShift);
            final DoubleVector in2 = zero.add(syn2).add(DoubleVector.fromArray(SPECIES, b, i + 2 * LANES + bShift));
            final DoubleVector x2 = vn2.sub(vb);
            final DoubleVector hi2 = x2.mul(x2);
            final DoubleVector lo2 = x2.fma(x2, hi2.neg());
            final DoubleVector cube2 = hi2.fma(x2, lo2.mul(x2));
            final DoubleVector target2 = zero.blend(slope.mul(cube2), vn2.compare(VectorOperators.GE, vb));
            final DoubleVector vNext2 = vn2.add(step.mul(k.mul(vn2.sub(vr)).mul(vn2.sub(vt)).sub(un2).add(in2)).div(capacitance));
            final DoubleVector uNext2 = un2.add(dtTimesA.mul(target2.sub(un2)));
            final VectorMask<Double> spiking2 = vn2.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew2 = vNext2.blend(reset, spiking2);
            vNew2.intoArray(v, i + 2 * LANES);
            uNext2.blend(un2.add(jump), spiking2).intoArray(u, i + 2 * LANES);
            final DoubleVector vn3 = DoubleVector.fromArray(SPECIES, v, i + 3 * LANES);
            final DoubleVector un3 = DoubleVector.fromArray(SPECIES, u, i + 3 * LANES);
            final DoubleVector syn3 = DoubleVector.fromArray(SPECIES, a, i + 3 * LANES + aShift).mul(decay)
                    .add(DoubleVector.fromArray(SPECIES, r, i + 3 * LANES + aShift));
            syn3.intoArray(a, i + 3 * LANES + aShift);
            zero.intoArray(r, i + 3 * LANES + aShift);
            final DoubleVector in3 = zero.add(syn3).add(DoubleVector.fromArray(SPECIES, b, i + 3 * LANES + bShift));
            final DoubleVector x3 = vn3.sub(vb);
            final DoubleVector hi3 = x3.mul(x3);
            final DoubleVector lo3 = x3.fma(x3, hi3.neg());
            final DoubleVector cube3 = hi3.fma(x3, lo3.mul(x3));
            final DoubleVector target3 = zero.blend(slope.mul(cube3), vn3.compare(VectorOperators.GE, vb));
            final DoubleVector vNext3 = vn3.add(step.mul(k.mul(vn3.sub(vr)).mul(vn3.sub(vt)).sub(un3).add(in3)).div(capacitance));
            final DoubleVector uNext3 = un3.add(dtTimesA.mul(target3.sub(un3)));
            final VectorMask<Double> spiking3 = vn3.compare(VectorOperators.GE, vpeak);
            final DoubleVector vNew3 = vNext3.blend(reset, spiking3);
            vNew3.intoArray(v, i + 3 * LANES);
            uNext3.blend(un3.add(jump), spiking3).intoArray(u, i + 3 * LANES);
            // the new samples of the group compared with the peak at once; lanes visited only if one reached it
            if (vNew0.compare(VectorOperators.GE, vpeak).or(vNew1.compare(VectorOperators.GE, vpeak))
                    .or(vNew2.compare(VectorOperators.GE, vpeak)).or(vNew3.compare(VectorOperators.GE, vpeak)).anyTrue()) {
                addAtOrAbove(v, i, i + GROUP_VECTORS * LANES, p.vpeak(), detected);
            }
        }
    }

    /**
     * The pass for per-neuron parameters, both recoveries: each lane computes the linear and the
     * cubic recovery target exactly as the scalar code does and keeps the population's.
     */
    private static void varied(double[] v, double[] u, double[] current, int from, int bound,
            EulerConstants constants, SpikeBuffer detected, CurrentSum sum, boolean storeCurrent) {
        final Population pop = constants.population;
        final double[] base = base(sum, current);
        final int baseStride = baseStride(sum);
        final double[] a = term(sum, 0);
        final int aStride = termStride(sum, 0);
        final int aShift = termShift(sum, 0, from);
        final boolean clearA = clearsTerm(sum, 0);
        final double[] b = term(sum, 1);
        final int bStride = termStride(sum, 1);
        final int bShift = termShift(sum, 1, from);
        final boolean clearB = clearsTerm(sum, 1);
        final boolean store = storesCurrent(sum, storeCurrent);
        final int offset = pop.offset();
        final double[] capacitance = pop.values(Parameter.CAPACITANCE);
        final double[] k = pop.values(Parameter.QUADRATIC_GAIN);
        final double[] vr = pop.values(Parameter.REST_V);
        final double[] vt = pop.values(Parameter.THRESHOLD_V);
        final double[] vpeak = pop.values(Parameter.PEAK_V);
        final double[] dtTimesA = constants.dtTimesAValues;
        final double[] slope = pop.values(Parameter.RECOVERY_SENSITIVITY);
        final double[] reset = pop.values(Parameter.RESET_V);
        final double[] jump = pop.values(Parameter.RESET_U_INCREMENT);
        final double[] vb = pop.values(Parameter.CUBIC_ONSET_V);
        final int sC = pop.stride(Parameter.CAPACITANCE);
        final int sK = pop.stride(Parameter.QUADRATIC_GAIN);
        final int sVr = pop.stride(Parameter.REST_V);
        final int sVt = pop.stride(Parameter.THRESHOLD_V);
        final int sVpeak = pop.stride(Parameter.PEAK_V);
        final int sA = constants.dtTimesAStride;
        final int sB = pop.stride(Parameter.RECOVERY_SENSITIVITY);
        final int sReset = pop.stride(Parameter.RESET_V);
        final int sJump = pop.stride(Parameter.RESET_U_INCREMENT);
        final int sVb = pop.stride(Parameter.CUBIC_ONSET_V);
        final VectorMask<Double> cubicRecovery = SPECIES.maskAll(pop.parameters().recovery() == Recovery.CUBIC_ABOVE_VB);
        final DoubleVector step = DoubleVector.broadcast(SPECIES, constants.dt);
        final DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int i = from; i < bound; i += LANES) {
            final int j = i - offset;
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
            final DoubleVector vrj = DoubleVector.fromArray(SPECIES, vr, j * sVr);
            final DoubleVector vbj = DoubleVector.fromArray(SPECIES, vb, j * sVb);
            final DoubleVector bj = DoubleVector.fromArray(SPECIES, slope, j * sB);
            final DoubleVector vpeakj = DoubleVector.fromArray(SPECIES, vpeak, j * sVpeak);
            // C v' = k (v - vr)(v - vt) - u + I ;  u' = a (U(v) - u), U = b (v - vr) (linear) or
            // b (v - vb)^3 for v >= vb, else 0 (cubic) ;  v >= vpeak: v = c, u = u + d
            final DoubleVector x = vn.sub(vbj);
            final DoubleVector hi = x.mul(x);
            final DoubleVector lo = x.fma(x, hi.neg());
            final DoubleVector cube = hi.fma(x, lo.mul(x));
            final DoubleVector cubicTarget = zero.blend(bj.mul(cube), vn.compare(VectorOperators.GE, vbj));
            final DoubleVector target = bj.mul(vn.sub(vrj)).blend(cubicTarget, cubicRecovery);
            final DoubleVector vNext = vn.add(step.mul(DoubleVector.fromArray(SPECIES, k, j * sK).mul(vn.sub(vrj))
                    .mul(vn.sub(DoubleVector.fromArray(SPECIES, vt, j * sVt))).sub(un).add(in))
                    .div(DoubleVector.fromArray(SPECIES, capacitance, j * sC)));
            final DoubleVector uNext = un.add(DoubleVector.fromArray(SPECIES, dtTimesA, j * sA).mul(target.sub(un)));
            final VectorMask<Double> spiking = vn.compare(VectorOperators.GE, vpeakj);
            final DoubleVector vNew = vNext.blend(DoubleVector.fromArray(SPECIES, reset, j * sReset), spiking);
            vNew.intoArray(v, i);
            uNext.blend(un.add(DoubleVector.fromArray(SPECIES, jump, j * sJump)), spiking).intoArray(u, i);
            if (detected != null && vNew.compare(VectorOperators.GE, vpeakj).anyTrue()) {
                addAtOrAbovePeak(v, i, i + LANES, pop, detected);
            }
        }
    }

    /** Appends, in order, the neurons of {@code [from, to)} whose v is at or above {@code vpeak}. */
    private static void addAtOrAbove(double[] v, int from, int to, double vpeak, SpikeBuffer spikes) {
        for (int j = from; j < to; j++) {
            if (v[j] >= vpeak) {
                spikes.add(j);
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

    /** Appends, in order, the neurons of {@code [from, to)} (in {@code pop}) at or above their own peak. */
    private static void addAtOrAbovePeak(double[] v, int from, int to, Population pop, SpikeBuffer spikes) {
        final double[] vpeak = pop.values(Parameter.PEAK_V);
        final int stride = pop.stride(Parameter.PEAK_V);
        final int offset = pop.offset();
        for (int i = from; i < to; i++) {
            if (v[i] >= vpeak[(i - offset) * stride]) {
                spikes.add(i);
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
