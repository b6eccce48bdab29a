package org.cortexsim.network;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The spike exchange of a network's partitions that run in one process, one thread each (to
 * check partitioned runs against one simulation without machines, and to run a network in
 * partitions on one machine). Owns what each partition posted for the current window; the
 * partitions meet twice per window at barriers: once all have posted, each copies everyone's
 * spikes, and once all have copied, the window is over. A partition that fails ({@link
 * #abandon}) or does not come within the timeout breaks the barrier, and every other partition's
 * exchange then throws {@link SpikeExchange.PartitionLostException}.
 */
public final class InProcessExchange {
    private final int partitions;
    private final WindowSpikes[] posted;
    private final String[] requests;
    private final CyclicBarrier allPosted;
    private final CyclicBarrier allCopied;
    private final long timeoutSeconds;
    private volatile String abandoned;

    /** An exchange for {@code partitions} partitions that wait at most {@code timeoutSeconds} for each other. */
    public InProcessExchange(int partitions, long timeoutSeconds) {
        if (partitions < 1) {
            throw new IllegalArgumentException("at least one partition, got " + partitions);
        }
        this.partitions = partitions;
        this.posted = new WindowSpikes[partitions];
        this.requests = new String[partitions];
        this.allPosted = new CyclicBarrier(partitions);
        this.allCopied = new CyclicBarrier(partitions);
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The exchange as partition {@code p} uses it. */
    public SpikeExchange partition(int p) {
        java.util.Objects.checkIndex(p, partitions);
        return new Side(this, p);
    }

    /** Partition {@code partition}'s side of {@code shared}. */
    private record Side(InProcessExchange shared, int partition) implements SpikeExchange {
        @Override
        public int partitions() {
            return shared.partitions;
        }

        @Override
        public String exchange(WindowSpikes own, String stopRequest, WindowSpikes received) {
            return shared.exchange(partition, own, stopRequest, received);
        }
    }

    /**
     * Partition {@code p} posts its window's spikes and stop request, waits for every partition's,
     * copies them all into {@code received} sample by sample in partition order, and returns the
     * stop request of the first partition (in partition order) that made one, or null, once every
     * partition has copied.
     */
    private String exchange(int p, WindowSpikes own, String stopRequest, WindowSpikes received) {
        posted[p] = own;
        requests[p] = stopRequest;
        await(allPosted, p);
        received.reset(own.first());
        for (int s = 0; s < own.samples(); s++) {
            for (WindowSpikes w : posted) {
                received.append(w.indices(), w.start(s), w.count(s), 0);
            }
            received.endSample();
        }
        String agreed = null;
        for (String r : requests) {
            if (r != null) {
                agreed = r;
                break;
            }
        }
        await(allCopied, p);
        return agreed;
    }

    /** Partition {@code p} will not come again ({@code why}): the others' exchanges fail, naming it. */
    public void abandon(int p, String why) {
        abandoned = "partition " + p + " failed: " + why;
        allPosted.reset();
        allCopied.reset();
    }

    private void await(CyclicBarrier barrier, int p) {
        try {
            barrier.await(timeoutSeconds, TimeUnit.SECONDS);
        } catch (BrokenBarrierException | TimeoutException e) {
            String why = abandoned;
            throw new SpikeExchange.PartitionLostException(why != null ? why
                    : "partition " + p + ": another partition did not reach the exchange within " + timeoutSeconds + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpikeExchange.PartitionLostException("partition " + p + " was interrupted while exchanging", e);
        }
    }
}
