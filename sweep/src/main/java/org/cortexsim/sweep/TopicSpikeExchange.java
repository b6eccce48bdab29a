package org.cortexsim.sweep;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.cortexsim.network.SpikeExchange;
import org.cortexsim.network.WindowSpikes;

/**
 * The spike exchange of one partition of a partitioned run on the Hazelcast cluster: each window,
 * the partition publishes its spikes as one message on the run's spike topic (a plain
 * {@link ITopic}: Hazelcast sends each message straight to every member subscribed, in
 * publication order per publisher) and waits until the messages of every other partition for the
 * same window have arrived, then merges them in partition order.
 *
 * <p>Message layout (big-endian): the window's first sample (long), the partition (int), the
 * number of samples S (int), the number of spikes N (int), S counts (int), N indices of the whole
 * network (int), the stop request's length in UTF-8 bytes (int, -1 for none) and its bytes:
 * 20 + 4 (S + N) + 4 bytes, plus the request.
 *
 * <p>Failures: the run's members are watched through Hazelcast's membership (a member that stops
 * answering heartbeats for the cluster's heartbeat timeout is removed); when one of them, or the
 * driver, leaves, every waiting exchange throws {@link SpikeExchange.PartitionLostException}
 * naming it. The driver can also abort the run or ask it to stop on the control topic ({@link
 * #CONTROL_ABORT}, {@link #CONTROL_STOP}). Owns its topic and membership registrations, removed by
 * {@link #close}. Thread-safe between the loop's thread (exchange) and Hazelcast's event threads
 * (listeners).
 */
final class TopicSpikeExchange implements SpikeExchange, AutoCloseable {
    /** Control message prefix: the run is aborted, with the reason after the prefix. */
    static final String CONTROL_ABORT = "abort:";
    /** Control message prefix: every partition is to stop after its next window (an interrupt at the driver). */
    static final String CONTROL_STOP = "stop:";

    private final HazelcastInstance hz;
    private final int partitions;
    private final int partition;
    /** The run's members (partitions and driver) by UUID, as they are named in messages. */
    private final Map<UUID, String> members;
    private final ITopic<byte[]> spikes;
    private final ITopic<String> control;
    private final UUID spikeListener;
    private final UUID controlListener;
    private final UUID membershipListener;
    private final AtomicBoolean interrupt;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    /** The messages received per window (by first sample), by partition. */
    private final Map<Long, byte[][]> windows = new HashMap<>();
    private String failure;
    private long bytesSent;
    private long messagesReceived;

    /**
     * Joins the exchange of run {@code runId} as {@code partition} of {@code partitions};
     * {@code members} names the run's members (the partitions' and the driver's UUIDs), and
     * {@code interrupt} is set when the driver asks the run to stop.
     */
    TopicSpikeExchange(HazelcastInstance hz, String runId, int partitions, int partition, Map<UUID, String> members,
            AtomicBoolean interrupt) {
        this.hz = hz;
        this.partitions = partitions;
        this.partition = partition;
        this.members = Map.copyOf(members);
        this.interrupt = interrupt;
        this.spikes = hz.getTopic(spikeTopic(runId));
        this.control = hz.getTopic(controlTopic(runId));
        this.spikeListener = spikes.addMessageListener(this::onSpikes);
        this.controlListener = control.addMessageListener(this::onControl);
        this.membershipListener = hz.getCluster().addMembershipListener(new MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent e) {
            }

            @Override
            public void memberRemoved(MembershipEvent e) {
                String who = TopicSpikeExchange.this.members.get(e.getMember().getUuid());
                if (who != null) {
                    fail(who + " left the cluster (no answer within the heartbeat timeout)");
                }
            }
        });
        // a member that left before the listener was there
        java.util.Set<UUID> present = new java.util.HashSet<>();
        for (com.hazelcast.cluster.Member m : hz.getCluster().getMembers()) {
            present.add(m.getUuid());
        }
        this.members.forEach((uuid, who) -> {
            if (!present.contains(uuid)) {
                fail(who + " is no longer in the cluster");
            }
        });
    }

    static String spikeTopic(String runId) {
        return "cortexsim-run-" + runId + "-spikes";
    }

    static String controlTopic(String runId) {
        return "cortexsim-run-" + runId + "-control";
    }

    static String progressTopic(String runId) {
        return "cortexsim-run-" + runId + "-progress";
    }

    @Override
    public int partitions() {
        return partitions;
    }

    @Override
    public int partition() {
        return partition;
    }

    /** Bytes published so far (this partition's messages). */
    long bytesSent() {
        return bytesSent;
    }

    private void onSpikes(Message<byte[]> m) {
        byte[] body = m.getMessageObject();
        ByteBuffer b = ByteBuffer.wrap(body);
        long first = b.getLong(0);
        int from = b.getInt(8);
        if (from == partition) {
            return;
        }
        put(first, from, body);
    }

    private void put(long first, int from, byte[] body) {
        lock.lock();
        try {
            windows.computeIfAbsent(first, k -> new byte[partitions][])[from] = body;
            messagesReceived++;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void onControl(Message<String> m) {
        String text = m.getMessageObject();
        if (text.startsWith(CONTROL_ABORT)) {
            fail(text.substring(CONTROL_ABORT.length()));
        } else if (text.startsWith(CONTROL_STOP)) {
            interrupt.set(true);
        }
    }

    /** Makes every waiting and later exchange fail with {@code why} (the first reason given stays). */
    void fail(String why) {
        lock.lock();
        try {
            if (failure == null) {
                failure = why;
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String exchange(WindowSpikes own, String stopRequest, WindowSpikes received) {
        byte[] body = encode(own, partition, stopRequest);
        lock.lock();
        try {
            if (failure != null) {
                throw new PartitionLostException(failure);
            }
        } finally {
            lock.unlock();
        }
        try {
            spikes.publish(body);
        } catch (RuntimeException e) {
            fail("publishing the spikes of partition " + partition + " failed: " + e.getMessage());
        }
        bytesSent += body.length;
        put(own.first(), partition, body);
        byte[][] parts;
        lock.lock();
        try {
            while (true) {
                if (failure != null) {
                    throw new PartitionLostException(failure);
                }
                parts = windows.get(own.first());
                if (parts != null && complete(parts)) {
                    windows.remove(own.first());
                    break;
                }
                try {
                    arrived.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PartitionLostException("partition " + partition + " was interrupted while exchanging", e);
                }
            }
        } finally {
            lock.unlock();
        }
        return merge(own.first(), own.samples(), parts, received);
    }

    private static boolean complete(byte[][] parts) {
        for (byte[] p : parts) {
            if (p == null) {
                return false;
            }
        }
        return true;
    }

    /** This partition's window as one message (layout in the class comment). */
    static byte[] encode(WindowSpikes own, int partition, String stopRequest) {
        byte[] reason = stopRequest == null ? null : stopRequest.getBytes(StandardCharsets.UTF_8);
        int samples = own.samples();
        int n = own.size();
        ByteBuffer b = ByteBuffer.allocate(20 + 4 * (samples + n) + 4 + (reason == null ? 0 : reason.length));
        b.putLong(own.first()).putInt(partition).putInt(samples).putInt(n);
        for (int s = 0; s < samples; s++) {
            b.putInt(own.count(s));
        }
        int[] idx = own.indices();
        for (int k = 0; k < n; k++) {
            b.putInt(idx[k]);
        }
        if (reason == null) {
            b.putInt(-1);
        } else {
            b.putInt(reason.length).put(reason);
        }
        return b.array();
    }

    /**
     * Fills {@code received} with the window of every partition, sample by sample in partition
     * order, and returns the stop request of the lowest partition that made one.
     */
    static String merge(long first, int samples, byte[][] parts, WindowSpikes received) {
        int k = parts.length;
        ByteBuffer[] buf = new ByteBuffer[k];
        int[] at = new int[k];
        for (int p = 0; p < k; p++) {
            buf[p] = ByteBuffer.wrap(parts[p]);
            if (buf[p].getLong(0) != first || buf[p].getInt(12) != samples) {
                throw new IllegalStateException("partition " + p + " sent samples from " + buf[p].getLong(0) + " ("
                        + buf[p].getInt(12) + ") for a window of " + samples + " from " + first);
            }
            at[p] = 20 + 4 * samples;
        }
        received.reset(first);
        int[] scratch = new int[64];
        for (int s = 0; s < samples; s++) {
            for (int p = 0; p < k; p++) {
                int count = buf[p].getInt(20 + 4 * s);
                if (count > scratch.length) {
                    scratch = new int[Math.max(count, scratch.length * 2)];
                }
                for (int c = 0; c < count; c++) {
                    scratch[c] = buf[p].getInt(at[p] + 4 * c);
                }
                at[p] += 4 * count;
                received.append(scratch, 0, count, 0);
            }
            received.endSample();
        }
        for (int p = 0; p < k; p++) {
            int length = buf[p].getInt(at[p]);
            if (length >= 0) {
                byte[] reason = new byte[length];
                buf[p].position(at[p] + 4);
                buf[p].get(reason);
                return new String(reason, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            spikes.removeMessageListener(spikeListener);
            control.removeMessageListener(controlListener);
            hz.getCluster().removeMembershipListener(membershipListener);
        } catch (RuntimeException e) {
            // the instance is shutting down: its registrations go with it
        }
    }
}
