package org.cortexsim.network;

import java.util.*;
import org.cortexsim.core.Population;
import org.cortexsim.core.StateView;
import org.cortexsim.core.record.StepListener;
import org.cortexsim.run.bench.NetworkBenchmark;

/**
 * Replays the spikes of a benchmark run (recorded from a first run of the network) through the real delivery code of
 * the jar on the class path: per step, the queues of the step are drained, the spikes' column parts gathered and
 * touched in batches of 64, and delivered with Projection.deliverRange, as Simulation.deliverChunk does (1 thread);
 * then the arrival rows are cleared and EVICT KB of another array are written (standing in for the Euler pass).
 * Modes: base (as the simulation), basetf (the columns touched before the drain), none (gather and touch only),
 * qonly (read rows and delays and compute each synapse's queue, without queueing). Times propagate per synaptic event.
 * Not part of the build: compile with javac against cli/target/cortexsim.jar (see README.md).
 */
public class Harness {
    static long SINK;
    static final int REPS = Integer.getInteger("reps", 12);
    static int[][] SPK; static long TOTAL; static Simulation SIM; static int EVICT; static int STEPS;
    static short[][] DELS; static int[] CODES; static IdentityHashMap<Projection, Integer> PIDX = new IdentityHashMap<>();

    public static void setup(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        String syn = a[1], del = a[2];
        EVICT = Integer.parseInt(a[3]);
        STEPS = 10000;
        NetworkBenchmark nb = new NetworkBenchmark(1000, 1, 1, 20260101L, 1000, new NetworkBenchmark.Variant(syn, del));
        final int[][] spk = new int[STEPS + 1][];
        try (Simulation sim = nb.build(n)) {
            sim.addListener(new StepListener() {
                public void afterStep(long step, StateView v) {
                    int[] s = new int[v.spikeCount()];
                    for (int k = 0; k < s.length; k++) s[k] = v.spike(k);
                    spk[(int) step] = s;
                }
                public boolean readsCurrent() { return false; }
            });
            sim.run(STEPS, s -> null);
        }
        long total = 0; for (int[] s : spk) if (s != null) total += s.length;
        SPK = spk; TOTAL = total; SIM = nb.build(n);
        int np = SIM.projections().size(); DELS = new short[np][]; CODES = new int[np];
        for (int x = 0; x < np; x++) {
            Projection pr = SIM.projections().get(x); PIDX.put(pr, x);
            java.lang.reflect.Field f = Projection.class.getDeclaredField("delays"); f.setAccessible(true); DELS[x] = (short[]) f.get(pr);
            f = Projection.class.getDeclaredField("queueCode"); f.setAccessible(true); CODES[x] = (int) f.get(pr);
        }
    }

    public static void main(String[] a) throws Exception {
        setup(a);
        String[] modes = (a.length > 4 ? a[4] : "base").split(",");
        double[][] res = new double[modes.length][REPS], dr = new double[modes.length][REPS];
        for (int rep = 0; rep < REPS; rep++) for (int mi = 0; mi < modes.length; mi++) {
            double[] r = rep(modes[mi]); res[mi][rep] = r[0]; dr[mi][rep] = r[1];
        }
        for (int mi = 0; mi < modes.length; mi++) System.out.println(summary(modes[mi], res[mi], dr[mi]));
        System.out.print(SINK == 42 ? "" : " ");
    }

    public static String summary(String name, double[] r, double[] d) {
        double[] x = r.clone(); Arrays.sort(x, 2, x.length); double[] y = d.clone(); Arrays.sort(y, 2, y.length);
        int m = 2 + (x.length - 2) / 2;
        return String.format("SUMMARY %-14s ns/event: min %.2f median %.2f (drain median %.2f)", name, x[2], x[m], y[m]);
    }

    /** One replay of all steps; returns {ns per event of propagate, ns per event of drain}. */
    public static double[] rep(String mode) throws Exception {
        Simulation sim = SIM;
        java.lang.reflect.Field f = Simulation.class.getDeclaredField("chunkPending");
        f.setAccessible(true);
        PendingArrivals[] pending = ((PendingArrivals[][]) f.get(sim))[0];
        List<SynapseChannel> channels = sim.channels();
        List<Population> pops = sim.neurons().populations();
        Projection[][] out = new Projection[pops.size()][];
        int[][] outCh = new int[pops.size()][];
        int[] offs = new int[pops.size()], ends = new int[pops.size()];
        for (int k = 0; k < pops.size(); k++) {
            Population p = pops.get(k);
            out[k] = sim.projections().stream().filter(pr -> pr.pre() == p && pr.plasticity() == null).toArray(Projection[]::new);
            outCh[k] = new int[out[k].length];
            for (int q = 0; q < out[k].length; q++) outCh[k][q] = channels.indexOf(out[k][q].channel());
            offs[k] = p.globalOffset(); ends[k] = p.globalOffset() + p.totalSize();
        }
        double[][] rows = new double[channels.size()][];
        for (int c = 0; c < rows.length; c++) rows[c] = channels.get(c).arrivals();
        for (PendingArrivals pa : pending) if (pa != null) pa.clear();
        for (double[] r : rows) Arrays.fill(r, 0);
        double[] evict = new double[EVICT * 128];
        int[] ps = new int[64], pe = new int[64], pc = new int[64]; Projection[] pp = new Projection[64];
        long tProp = 0, tDrain = 0, events = 0; int touched = 0;
        final boolean touchFirst = mode.contains("tf");
        for (int step = 0; step < STEPS; step++) {
            long t0 = System.nanoTime();
            long t1 = t0;
            int[] idx = SPK[step]; int s = 0; int k = 0;
            boolean drained = false;
            if (!touchFirst) {
                for (int c = 0; c < pending.length; c++) if (pending[c] != null) pending[c].drainInto(step, rows[c]);
                t1 = System.nanoTime(); drained = true;
            }
            while (s < idx.length) {
                int m = 0;
                while (s < idx.length) {
                    int i = idx[s];
                    while (i >= ends[k]) k++;
                    if (m + out[k].length > 64) break;
                    int node = i - offs[k];
                    for (int q = 0; q < out[k].length; q++) {
                        ps[m] = out[k][q].partStart(node, 0); pe[m] = out[k][q].partEnd(node, 0); pp[m] = out[k][q]; pc[m] = outCh[k][q]; m++;
                    }
                    s++;
                }
                for (int e = 0; e < m; e++) touched += pp[e].touch(ps[e], pe[e], 8);
                if (!drained) {
                    long a0 = System.nanoTime();
                    for (int c = 0; c < pending.length; c++) if (pending[c] != null) pending[c].drainInto(step, rows[c]);
                    drained = true; tDrain += System.nanoTime() - a0;
                }
                if (mode.startsWith("base")) {
                    for (int e = 0; e < m; e++) events += pp[e].deliverRange(ps[e], pe[e], step, rows[pc[e]], pending[pc[e]]);
                } else if (mode.startsWith("none")) {
                    for (int e = 0; e < m; e++) events += pe[e] - ps[e];
                } else if (mode.startsWith("qonly")) {
                    for (int e = 0; e < m; e++) { SINK += qonly(pp[e].rowIndices(), DELS[PIDX.get(pp[e])], ps[e], pe[e], step, pending[pc[e]]); events += pe[e] - ps[e]; }
                } else throw new IllegalArgumentException(mode);
            }
            if (!drained) {
                for (int c = 0; c < pending.length; c++) if (pending[c] != null) pending[c].drainInto(step, rows[c]);
            }
            long t2 = System.nanoTime();
            tDrain += t1 - t0; tProp += t2 - t0;
            for (double[] r : rows) { for (int x = 0; x < r.length; x++) { SINK += (long) r[x]; r[x] = 0; } }
            for (int x = 0; x < evict.length; x++) evict[x] += 1;
        }
        SINK += touched;
        return new double[] {tProp / (double) events, tDrain / (double) events};
    }

    static int qonly(int[] r, short[] d, int start, int end, long step, PendingArrivals pending) {
        final int mask = pending.mask; final int base = (int) step - 1; int acc = 0;
        for (int k = start; k < end; k++) acc += ((base + d[k]) & mask) + r[k];
        return acc;
    }
}
