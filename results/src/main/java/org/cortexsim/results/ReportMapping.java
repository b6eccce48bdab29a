package org.cortexsim.results;

import java.util.Arrays;
import java.util.Objects;

/**
 * Which column of a report's {@code data} belongs to which node and element: SONATA's {@code
 * /report/<population>/mapping}. Node {@code nodeIds[i]} owns columns {@code [indexPointers[i],
 * indexPointers[i + 1])}; column {@code j} is element {@code elementIds[j]} of its node, at
 * position {@code elementPos[j]} along it.
 *
 * <p>A report of one value per neuron (v, u, I, a synapse field) has one element per node:
 * {@link #onePerNode}, with element id 0 and position 0.0, as bmtk's point-neuron reports
 * write it. A report with several values per node (for example one per synapse onto a target
 * node) gives the element ids itself; SONATA stores them as uint32.
 *
 * <p>Invariants: node ids are non-negative and distinct; {@code indexPointers} has one entry per
 * node plus one, starts at 0 and never decreases, its last entry is the number of columns;
 * element ids are in {@code [0, 2^32)}; {@code elementPos}, when given, has one finite entry per
 * column. Arrays are copied in and out.
 */
record ReportMapping(long[] nodeIds, long[] indexPointers, long[] elementIds, double[] elementPos) {

    /** Largest element id SONATA's uint32 {@code element_ids} can hold. */
    public static final long MAX_ELEMENT_ID = 0xFFFF_FFFFL;

    public ReportMapping {
        Objects.requireNonNull(nodeIds, "nodeIds");
        Objects.requireNonNull(indexPointers, "indexPointers");
        Objects.requireNonNull(elementIds, "elementIds");
        Objects.requireNonNull(elementPos, "elementPos");
        nodeIds = nodeIds.clone();
        indexPointers = indexPointers.clone();
        elementIds = elementIds.clone();
        elementPos = elementPos.clone();
        if (nodeIds.length == 0) {
            throw new IllegalArgumentException("a report mapping needs at least one node");
        }
        if (indexPointers.length != nodeIds.length + 1 || indexPointers[0] != 0) {
            throw new IllegalArgumentException("index pointers must start at 0 and have one entry per node plus one: "
                    + indexPointers.length + " for " + nodeIds.length + " nodes");
        }
        for (int i = 0; i < nodeIds.length; i++) {
            if (indexPointers[i + 1] < indexPointers[i]) {
                throw new IllegalArgumentException("index pointers decrease at node " + i);
            }
        }
        if (indexPointers[nodeIds.length] != elementIds.length || elementPos.length != elementIds.length) {
            throw new IllegalArgumentException("the last index pointer (" + indexPointers[nodeIds.length] + "), the "
                    + elementIds.length + " element ids and the " + elementPos.length + " element positions disagree");
        }
        H5Checks.nonNegative(nodeIds, nodeIds.length, "report node ids");
        long[] sorted = nodeIds.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("report node id " + sorted[i] + " appears twice");
            }
        }
        for (int j = 0; j < elementIds.length; j++) {
            if (elementIds[j] < 0 || elementIds[j] > MAX_ELEMENT_ID) {
                throw new IllegalArgumentException("element id " + elementIds[j] + " at column " + j
                        + " does not fit SONATA's uint32 element_ids");
            }
        }
        H5Checks.finite(elementPos, elementPos.length, "report element positions");
    }

    /** One element per node (column {@code i} is node {@code nodeIds[i]}), element id 0, position 0.0. */
    public static ReportMapping onePerNode(long[] nodeIds) {
        long[] pointers = new long[nodeIds.length + 1];
        for (int i = 0; i <= nodeIds.length; i++) {
            pointers[i] = i;
        }
        return new ReportMapping(nodeIds, pointers, new long[nodeIds.length], new double[nodeIds.length]);
    }

    /** Number of columns (values per row). */
    public int columns() {
        return elementIds.length;
    }

    /** Whether the node ids are in increasing order (SONATA's optional {@code sorted} attribute). */
    public boolean nodeIdsSorted() {
        for (int i = 1; i < nodeIds.length; i++) {
            if (nodeIds[i] < nodeIds[i - 1]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public long[] nodeIds() {
        return nodeIds.clone();
    }

    @Override
    public long[] indexPointers() {
        return indexPointers.clone();
    }

    @Override
    public long[] elementIds() {
        return elementIds.clone();
    }

    @Override
    public double[] elementPos() {
        return elementPos.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportMapping m && Arrays.equals(nodeIds, m.nodeIds)
                && Arrays.equals(indexPointers, m.indexPointers) && Arrays.equals(elementIds, m.elementIds)
                && Arrays.equals(elementPos, m.elementPos);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(nodeIds), Arrays.hashCode(indexPointers), Arrays.hashCode(elementIds),
                Arrays.hashCode(elementPos));
    }

    @Override
    public String toString() {
        return "ReportMapping[" + nodeIds.length + " nodes, " + elementIds.length + " columns]";
    }
}
