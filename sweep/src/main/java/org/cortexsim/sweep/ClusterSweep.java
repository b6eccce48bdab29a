package org.cortexsim.sweep;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The cluster sweep driver: joins the cluster as a Hazelcast lite member (it stores nothing and
 * runs no tasks), sends each pending run to a worker through the {@link IExecutorService} and
 * collects one {@link RunOutcome} per run.
 *
 * <p>The scheduling state of a sweep ({@code Schedule}), touched only by the driver thread: the
 * queue of pending runs, the attempts in flight (attempt id to run and member), and the outcome
 * per run. Invariants: a run
 * is pending, in flight in at most one live attempt, or done, never two of these; an outcome is
 * recorded at most once per run (a late answer of an abandoned attempt is ignored). A member
 * that leaves the cluster (crash, kill -9, network loss) has its attempts abandoned and its runs
 * put back in the queue for other members; other infrastructure failures are retried up to
 * {@value #MAX_ATTEMPTS} times. Runs that fail by themselves (bad config, numerical fault) are
 * not retried: they would fail again. Outputs are written locally from the returned bytes, main
 * file last and atomically, or by the workers into the shared directory (the sweep's output
 * directory, which workers see as their {@code --shared-dir}).
 */
public final class ClusterSweep {
    static final int MAX_ATTEMPTS = 5;

    private ClusterSweep() {
    }

    private sealed interface Event permits Done, Failed, MembersChanged {
    }

    private record Done(long attempt, RunOutcome outcome) implements Event {
    }

    private record Failed(long attempt, Throwable error) implements Event {
    }

    private record MembersChanged(UUID gone) implements Event {
    }

    private record Attempt(SweepRun run, UUID member, String address) {
    }

    /**
     * Runs {@code sweep} on the cluster. With {@code shared}, workers write into their shared
     * directory, which must be this sweep's output directory as seen from the workers.
     */
    public static SweepReport run(Sweep sweep, ClusterOptions options, boolean shared, Consumer<String> log)
            throws IOException {
        Files.createDirectories(sweep.outputDir());
        SweepProgress progress = new SweepProgress(sweep.runs().size(), log);
        RunOutcome[] outcomes = new RunOutcome[sweep.runs().size()];
        Deque<SweepRun> pending = new ArrayDeque<>(RunOutcome.pendingRuns(sweep, progress, outcomes));
        progress.note(sweep.runs().size() + " run(s): " + progress.skippedCount() + " already complete, "
                + pending.size() + " to run on cluster '" + options.clusterName() + "'");
        if (pending.isEmpty()) {
            return LocalSweep.finish(sweep, List.of(outcomes), 0, progress.skippedCount(), 0);
        }
        int port = options.port() > 0 ? options.port() : freePort(options.bind());
        HazelcastInstance hz = Hazelcast.newHazelcastInstance(ClusterSettings.config(options, port, true, 0, 1));
        try {
            new Schedule(sweep, options, shared, hz, pending, outcomes, progress).runAll();
        } finally {
            hz.shutdown();
        }
        return LocalSweep.finish(sweep, List.of(outcomes), progress.ran(), progress.skippedCount(), 0);
    }

    /**
     * The scheduling state of one cluster sweep, touched only by the driver thread: the queue of
     * pending runs, the attempts in flight (attempt id to run and member), the tries per run and
     * the outcome per run. {@link #runAll} repeats one round until nothing is pending or in flight:
     * wait for workers (giving up after the join timeout), fill their free slots, and handle one
     * event (an answer, a failure, a member gone).
     */
    private static final class Schedule {
        private final Sweep sweep;
        private final ClusterOptions options;
        private final boolean shared;
        private final HazelcastInstance hz;
        private final Deque<SweepRun> pending;
        private final RunOutcome[] outcomes;
        private final SweepProgress progress;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final Map<Long, Attempt> inFlight = new HashMap<>();
        private final Map<Integer, Integer> tries = new HashMap<>();
        private long nextAttempt;
        private long noWorkersSince = System.nanoTime();
        private boolean announced;

        Schedule(Sweep sweep, ClusterOptions options, boolean shared, HazelcastInstance hz, Deque<SweepRun> pending,
                RunOutcome[] outcomes, SweepProgress progress) {
            this.sweep = sweep;
            this.options = options;
            this.shared = shared;
            this.hz = hz;
            this.pending = pending;
            this.outcomes = outcomes;
            this.progress = progress;
        }

        void runAll() throws IOException {
            listenToMembership();
            IExecutorService executor = hz.getExecutorService(ClusterSettings.EXECUTOR);
            while (!pending.isEmpty() || !inFlight.isEmpty()) {
                List<Member> workers = workers();
                if (!awaitWorkers(workers)) {
                    break;
                }
                for (Member m : workers) {
                    fillSlots(executor, m);
                }
                handle(nextEvent());
            }
        }

        private void listenToMembership() {
            hz.getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent e) {
                    events.add(new MembersChanged(null));
                }

                @Override
                public void memberRemoved(MembershipEvent e) {
                    events.add(new MembersChanged(e.getMember().getUuid()));
                }
            });
        }

        /** The members that run tasks (every member but the lite ones, such as this driver). */
        private List<Member> workers() {
            List<Member> workers = new ArrayList<>();
            for (Member m : hz.getCluster().getMembers()) {
                if (!m.isLiteMember()) {
                    workers.add(m);
                }
            }
            return workers;
        }

        /**
         * False, after failing every pending run, once no worker has been there (and nothing in
         * flight) for the join timeout; true otherwise.
         */
        private boolean awaitWorkers(List<Member> workers) {
            if (!workers.isEmpty() || !inFlight.isEmpty()) {
                noWorkersSince = System.nanoTime();
                if (!announced) {
                    progress.note(workers.size() + " worker(s) in the cluster");
                    announced = true;
                }
                return true;
            }
            if (System.nanoTime() - noWorkersSince <= options.joinTimeout().toNanos()) {
                return true;
            }
            progress.note("no worker joined within " + options.joinTimeout().toSeconds() + " s; giving up on "
                    + pending.size() + " run(s)");
            while (!pending.isEmpty()) {
                SweepRun r = pending.poll();
                RunOutcome o = RunOutcome.failed(r, "failed", "no worker available", "-");
                outcomes[r.index()] = o;
                progress.finished(o);
            }
            return false;
        }

        /** Sends pending runs to member {@code m} until its slots are full. */
        private void fillSlots(IExecutorService executor, Member m) {
            int slots = slots(m);
            long busy = inFlight.values().stream().filter(a -> a.member().equals(m.getUuid())).count();
            for (long k = busy; k < slots && !pending.isEmpty(); k++) {
                SweepRun run = pending.poll();
                long id = nextAttempt++;
                String address = ClusterSettings.address(m);
                inFlight.put(id, new Attempt(run, m.getUuid(), address));
                tries.merge(run.index(), 1, Integer::sum);
                RunTask task = new RunTask(options.token(), run, sweep.baseText(), sweep.baseConfig().toString(),
                        sweep.baseConfig().getParent().toString(), shared);
                try {
                    executor.submitToMember(task, m, new ExecutionCallback<RunOutcome>() {
                        @Override
                        public void onResponse(RunOutcome response) {
                            events.add(new Done(id, response));
                        }

                        @Override
                        public void onFailure(Throwable t) {
                            events.add(new Failed(id, t));
                        }
                    });
                } catch (RuntimeException e) {
                    events.add(new Failed(id, e));
                }
            }
        }

        /** The next event, or {@code null} after a second without one. */
        private Event nextEvent() throws IOException {
            try {
                return events.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for runs", ie);
            }
        }

        /**
         * Records an answer (writing its files here unless shared), retries a failed attempt, or
         * puts the runs of a member that left back in the queue. Answers of abandoned attempts and of
         * runs already done are ignored.
         */
        private void handle(Event e) throws IOException {
            if (e instanceof Done d) {
                Attempt a = inFlight.remove(d.attempt());
                if (a == null || outcomes[a.run().index()] != null) {
                    return;
                }
                RunOutcome o = shared ? d.outcome().withOutput(a.run().output().toString())
                        : writeLocally(a.run(), d.outcome());
                outcomes[o.index()] = o;
                progress.finished(o);
            } else if (e instanceof Failed f) {
                Attempt a = inFlight.remove(f.attempt());
                if (a == null || outcomes[a.run().index()] != null) {
                    return;
                }
                retry(a, f.error().toString());
            } else if (e instanceof MembersChanged c && c.gone() != null) {
                List<Long> lost = new ArrayList<>();
                inFlight.forEach((id, a) -> {
                    if (a.member().equals(c.gone())) {
                        lost.add(id);
                    }
                });
                for (long id : lost) {
                    Attempt a = inFlight.remove(id);
                    progress.note("member " + a.address() + " left the cluster; resubmitting run " + a.run().index());
                    pending.addFirst(a.run());
                }
            }
        }

        /** Puts the run of a failed attempt back in the queue, or fails it after {@value ClusterSweep#MAX_ATTEMPTS} tries. */
        private void retry(Attempt a, String why) {
            int n = tries.getOrDefault(a.run().index(), 0);
            if (n >= MAX_ATTEMPTS) {
                RunOutcome o = RunOutcome.failed(a.run(), "failed", "gave up after " + n + " attempts: " + why,
                        a.address());
                outcomes[a.run().index()] = o;
                progress.finished(o);
            } else {
                progress.note("run " + a.run().index() + " on " + a.address() + " failed (" + why + "); resubmitting");
                pending.addFirst(a.run());
            }
        }
    }

    /** Writes the files of a returned outcome into the output directory: report files first, main file last. */
    private static RunOutcome writeLocally(SweepRun run, RunOutcome o) throws IOException {
        String mainName = run.output().getFileName().toString();
        Path dir = run.output().getParent();
        List<String> names = new ArrayList<>(o.files().keySet());
        names.remove(mainName);
        names.add(mainName);
        for (String name : names) {
            byte[] bytes = o.files().get(name);
            if (bytes == null || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                continue;
            }
            Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
            try {
                Files.write(tmp, bytes);
                Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return o.withOutput(o.files().containsKey(mainName) ? run.output().toString() : o.output());
    }

    private static int slots(Member m) {
        try {
            return Math.max(1, Integer.parseInt(m.getAttribute(ClusterSettings.SLOTS)));
        } catch (RuntimeException e) {
            return 1;
        }
    }

    /** A port free on {@code bind} right now. */
    static int freePort(String bind) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(bind))) {
            return s.getLocalPort();
        }
    }
}
