package org.cortexsim.run;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigLoader;
import org.cortexsim.core.DoubleList;
import org.cortexsim.core.IntList;
import org.cortexsim.core.SpikeBuffer;
import org.cortexsim.core.state.StateSnapshot;
import org.cortexsim.network.StopCondition;
import org.cortexsim.run.build.BuiltSimulation;
import org.cortexsim.run.build.SimulationFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the checkpoint against the next piece of state someone adds and forgets to save. It
 * walks, by reflection, everything a run's parts reach (the simulation with its neurons,
 * channels, projections, sources, inputs and listeners: the recorders and the segment writer),
 * notes every primitive field and array that changes while the run steps (the mutable state), and
 * checks that restoring a checkpoint into a freshly built run gives each of them the value the
 * original had when the checkpoint was taken. Scratch that every step overwrites before reading
 * it, and values set when a run starts, are listed below with the reason they need no saving (the
 * walk does not enter them); a new class whose state is not saved fails this test naming the field.
 */
@ExtendWith(SeveralThreadsForSmallNetworks.class)
class CheckpointCoverageTest {
    @TempDir
    Path dir;

    private static final String BLOCK = "the block a synapse kernel is called for: bound before each call";
    private static final String BATCH = "the arrivals or incoming synapses a plasticity kernel is called for: bound"
            + " before each call";

    /** Fields (declaring class simple name . field) that are not state, each with why. */
    private static final Map<String, String> NOT_STATE = new HashMap<>(Map.ofEntries(
            Map.entry("Neurons.current", "I_n: every step forms it anew before it is read"),
            Map.entry("Simulation.nextSpikes", "the buffer the next step detects into, cleared first"),
            Map.entry("Simulation.chunkSpikes", "per-thread detection buffers, cleared before each use"),
            Map.entry("Simulation.chunkSums", "per-thread I_n assembly, begun anew for each block"),
            Map.entry("Simulation.chunkEvents", "per-thread counts of synaptic events; their sum is saved"),
            Map.entry("Chunk.touched", "a sink for the values read ahead of a plastic delivery, never read"),
            Map.entry("Chunk.starts", "a chunk's part of each arriving column, written for each step's arrivals before they are read"),
            Map.entry("Chunk.ends", "a chunk's part of each arriving column, written for each step's arrivals before they are read"),
            Map.entry("Simulation.batchStart", "per-thread batch of column parts, gathered anew for each batch"),
            Map.entry("Simulation.batchEnd", "per-thread batch of column parts, gathered anew for each batch"),
            Map.entry("Simulation.batchChannel", "per-thread batch of column parts, gathered anew for each batch"),
            Map.entry("Simulation.batchProjection", "per-thread batch of column parts, gathered anew for each batch"),
            Map.entry("Simulation.view", "what listeners see of the step just taken: set before each call"),
            Map.entry("Simulation.chunkWindows", "per-thread spikes of a window's steps, reset when each window starts"),
            Map.entry("Simulation.received", "in one process: the samples of the last window not yet propagated,"
                    + " propagated by saveState itself and made again from the saved spikes when the run starts"
                    + " (a partition saves it, as exchange/received)"),
            Map.entry("Simulation.listenerArray", "the listener list as an array, made when the run starts"),
            Map.entry("Simulation.started", "whether run() was called (a simulation runs once)"),
            Map.entry("Simulation.restored", "whether a checkpoint was restored: set by the restore itself"),
            Map.entry("Simulation.workers", "the stepping threads, no simulation state"),
            Map.entry("EulerIntegrator.keepCurrent", "set from the listeners when the run starts or resumes"),
            Map.entry("SpikeRecorder.dtMs", "the grid's dt, set when the run starts or resumes"),
            Map.entry("StateRecorder.source", "the live array a recorder reads, saved by its owner (neurons,"
                    + " channel) or, for I_n, formed anew every step"),
            Map.entry("StateRecorder.dtMs", "the grid's dt, set when the run starts or resumes")));

    static {
        for (String f : List.of("arrivals", "v", "current", "offset", "from", "to")) {
            NOT_STATE.put("SynapseBlock." + f, BLOCK);
        }
        for (String f : List.of("list", "start", "count", "rangeSlot", "targets", "input")) {
            NOT_STATE.put("Arrivals." + f, BATCH);
        }
        for (String f : List.of("base", "count")) {
            NOT_STATE.put("Incoming." + f, BATCH);
        }
    }

    /** One built run with its segment writer, as the runner assembles it. */
    private record Run(BuiltSimulation built, SegmentWriter segments, RunState state) {
    }

    private Run assemble(Path out, String network) throws Exception {
        Config config = new ConfigLoader().parse(network, "net.yaml", dir,
                List.of("output.path='" + out + "'", "simulation.threads=2", "record.memory_budget_MB=1"));
        BuiltSimulation built = SimulationFactory.build(config);
        SegmentWriter segments = new SegmentWriter(out, true, built, Runner.memoryBudgetBytes(config));
        built.simulation().addListener(segments);
        return new Run(built, segments, new RunState(built, segments, Map.of()));
    }

    @Test
    void everyArrayThatChangesWhileTheRunStepsIsRestoredByTheCheckpoint() throws Exception {
        List<String> mutable = walkAndRestore(CheckpointResumeTest.NETWORK);
        assertTrue(mutable.size() > 20, "the walk finds the run's mutable state: " + mutable);
        assertTrue(mutable.stream().anyMatch(p -> p.contains(".queue[")), "pending arrivals: " + mutable);
        assertTrue(mutable.stream().anyMatch(p -> p.endsWith(".SynapseFields.arrays[0]")), "synapse fields: " + mutable);
    }

    /**
     * The same for a plastic run (STDP with per-synapse delays of 1-20 ms and with one delay from a
     * spike source, Tsodyks-Markram with one delay and per-synapse delays, weight recorders): the
     * weights, the rule's fields, the spikes in flight and the spike history are all brought back.
     */
    @Test
    void everyPlasticArrayThatChangesWhileTheRunStepsIsRestoredByTheCheckpoint() throws Exception {
        CheckpointResumeTest.writeSourceTimes(dir);
        List<String> mutable = walkAndRestore(CheckpointResumeTest.PLASTIC_NETWORK);
        for (int p = 0; p < 4; p++) {
            String projection = "simulation.Simulation.plastic[" + p + "].";
            assertTrue(mutable.stream().anyMatch(m -> m.startsWith(projection)), "state of plastic projection " + p
                    + " among " + mutable);
        }
        for (String kind : List.of(".weights", ".xPre", ".xPost", "val$resources", ".ArrivalQueue.bucket[",
                ".SpikeHistory.sample[")) {
            assertTrue(mutable.stream().anyMatch(m -> m.contains("plastic[") && m.contains(kind)), kind + " among "
                    + mutable);
        }
    }

    /**
     * Runs {@code network}, checkpoints it, walks it at the checkpoint and later, restores the
     * checkpoint into a fresh run and fails naming any state that changed while stepping but was not
     * restored; returns the paths of the state that changed.
     */
    private List<String> walkAndRestore(String network) throws Exception {
        Path out = dir.resolve("walk.h5");
        Run a = assemble(out, network);
        long first = 1601;
        long second = 2402;
        Map<Long, Map<String, Object>> walks = new TreeMap<>();
        StateSnapshot[] saved = new StateSnapshot[1];
        a.built().simulation().run(a.built().steps(), step -> {
            if (step + 1 == first) {
                try {
                    a.segments().flush(first);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                saved[0] = a.state().save(first);
                walks.put(first, walk(a));
            } else if (step + 1 == second) {
                walks.put(second, walk(a));
            }
            return StopCondition.Action.CONTINUE;
        });
        a.built().close();
        Map<String, Object> atCheckpoint = walks.get(first);
        Map<String, Object> later = walks.get(second);
        List<String> mutable = new ArrayList<>();
        for (String path : union(atCheckpoint.keySet(), later.keySet())) {
            if (!same(atCheckpoint.get(path), later.get(path))) {
                mutable.add(path);
            }
        }

        Run b = assemble(out, network);
        b.state().restore(saved[0], first);
        Map<String, Object> restored = walk(b);
        b.built().close();
        List<String> lost = new ArrayList<>();
        for (String path : mutable) {
            if (!same(atCheckpoint.get(path), restored.get(path))) {
                lost.add(path);
            }
        }
        if (!lost.isEmpty()) {
            fail("state that changes while the run steps but that a restored checkpoint does not bring back (save"
                    + " it in its class's saveState, or, if every step overwrites it before reading it, list it in"
                    + " NOT_STATE with the reason): " + lost);
        }
        return mutable;
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    private static boolean same(Object x, Object y) {
        return Objects.deepEquals(x, y);
    }

    /** Every primitive value reachable from the run's parts, by path ({@code Class.field[index]...}). */
    private static Map<String, Object> walk(Run run) {
        Map<String, Object> out = new LinkedHashMap<>();
        IdentityHashMap<Object, Boolean> seen = new IdentityHashMap<>();
        try {
            for (Map.Entry<String, org.cortexsim.core.state.Checkpointable> e : run.state().parts().entrySet()) {
                visit(e.getValue(), e.getKey(), out, seen);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static void visit(Object o, String path, Map<String, Object> out, IdentityHashMap<Object, Boolean> seen)
            throws IllegalAccessException {
        if (o == null) {
            return;
        }
        Class<?> c = o.getClass();
        if (c.isArray() && c.getComponentType().isPrimitive()) {
            if (seen.put(o, true) == null) {
                out.put(path, copy(o));
            }
            return;
        }
        if (seen.put(o, true) != null) {
            return;
        }
        if (o instanceof IntList l) {
            out.put(path, l.toArray());
        } else if (o instanceof DoubleList l) {
            out.put(path, l.toArray());
        } else if (o instanceof SpikeBuffer b) {
            out.put(path, Arrays.copyOf(b.indices(), b.count()));
        } else if (c.getSimpleName().equals("PendingArrivals")) {
            // queues of (target, weight) pairs: what a step drains from a queue is, per target, the
            // sum of its weights in queue order, whatever the capacity or how the sum was split
            int[] counts = (int[]) field(o, "counts");
            int stride = (int) field(o, "COUNT_STRIDE");
            int capacity = (int) field(o, "capacity");
            int[] targets = (int[]) field(o, "targets");
            double[] weights = (double[]) field(o, "weights");
            double[] table = (double[]) field(o, "table");
            int codeBits = (int) field(o, "codeBits");
            for (int q = 0; q < counts.length / stride; q++) {
                TreeMap<Integer, Double> drained = new TreeMap<>();
                for (int e = q * capacity; e < q * capacity + counts[q * stride]; e++) {
                    if (table == null) {
                        drained.merge(targets[e], weights[e], Double::sum);
                    } else {
                        // narrow entries: target << codeBits | code, the weight table[code]
                        drained.merge(targets[e] >>> codeBits, table[targets[e] & ((1 << codeBits) - 1)], Double::sum);
                    }
                }
                drained.values().removeIf(w -> Double.doubleToRawLongBits(w) == 0);
                out.put(path + ".queue[" + q + "]", drained.toString());
            }
        } else if (c.getSimpleName().equals("ArrivalQueue")) {
            // a ring of buckets of synapses reached at one time: what counts is each bucket's list in
            // order, not the capacity of its array
            Object[] ring = (Object[]) field(o, "ring");
            for (int q = 0; q < ring.length; q++) {
                int[] synapses = (int[]) field(ring[q], "synapses");
                int count = (int) field(ring[q], "count");
                out.put(path + ".ArrivalQueue.bucket[" + q + "]", Arrays.toString(Arrays.copyOf(synapses, count)));
            }
        } else if (c.getSimpleName().equals("SpikeHistory")) {
            // the presynaptic spikes of each sample held, whatever the capacity of its list
            int[][] lists = (int[][]) field(o, "lists");
            int[] counts = (int[]) field(o, "counts");
            long[] samples = (long[]) field(o, "samples");
            for (int q = 0; q < lists.length; q++) {
                out.put(path + ".SpikeHistory.sample[" + q + "]", samples[q] + ": "
                        + Arrays.toString(Arrays.copyOf(lists[q], counts[q])));
            }
        } else if (o instanceof Object[] a) {
            for (int i = 0; i < a.length; i++) {
                visit(a[i], path + "[" + i + "]", out, seen);
            }
        } else if (o instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                visit(l.get(i), path + "[" + i + "]", out, seen);
            }
        } else if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                visit(e.getValue(), path + "{" + e.getKey() + "}", out, seen);
            }
        } else if (c.getName().startsWith("org.cortexsim.") && !c.isHidden() && !c.isSynthetic() && !c.isEnum()) {
            for (Class<?> k = c; k != null && k != Object.class && k != Record.class; k = k.getSuperclass()) {
                Field[] fields = k.getDeclaredFields();
                Arrays.sort(fields, Comparator.comparing(Field::getName));
                for (Field f : fields) {
                    if (Modifier.isStatic(f.getModifiers())
                            || NOT_STATE.containsKey(k.getSimpleName() + "." + f.getName())) {
                        continue;
                    }
                    f.setAccessible(true);
                    String name = path + "." + k.getSimpleName() + "." + f.getName();
                    if (f.getType().isPrimitive()) {
                        out.put(name, f.get(o));
                    } else {
                        visit(f.get(o), name, out, seen);
                    }
                }
            }
        }
    }

    private static Object field(Object o, String name) throws IllegalAccessException {
        try {
            Field f = o.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(o);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(o.getClass() + " has no field " + name, e);
        }
    }

    private static Object copy(Object array) {
        if (array instanceof double[] a) {
            return a.clone();
        } else if (array instanceof int[] a) {
            return a.clone();
        } else if (array instanceof long[] a) {
            return a.clone();
        } else if (array instanceof short[] a) {
            return a.clone();
        } else if (array instanceof boolean[] a) {
            return a.clone();
        } else if (array instanceof float[] a) {
            return a.clone();
        } else if (array instanceof byte[] a) {
            return a.clone();
        }
        return ((char[]) array).clone();
    }
}
