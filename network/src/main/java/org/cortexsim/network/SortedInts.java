package org.cortexsim.network;

/** Searches in sorted runs of ints (row indices of a CSC column, spike index lists). */
final class SortedInts {
    private SortedInts() {
    }

    /**
     * The first index in {@code [from, to)} of the ascending {@code a} whose value is {@code >= key}
     * ({@code to} if none): a binary search, allocation-free.
     */
    static int lowerBound(int[] a, int from, int to, int key) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
