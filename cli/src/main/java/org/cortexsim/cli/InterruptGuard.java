package org.cortexsim.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns SIGINT and SIGTERM during one run into a clean stop with the output written. Owns that
 * run's JVM shutdown hook, the run's interrupt flag, and the hand-over of the exit code.
 *
 * <p>On a signal the JVM starts its shutdown sequence and runs the hook, which sets the flag (the
 * run stops at the next step boundary and the main thread writes everything recorded so far),
 * then waits, at most {@link #WAIT_SECONDS}, for the main thread to call {@link #finish(int)}. The
 * exit status of a JVM shutting down on a signal is fixed at 128 + signal, so the hook then
 * flushes stdout and stderr and halts the JVM with the code the main thread handed over (1 for
 * an interrupted run): the documented exit codes hold under signals too.
 *
 * <p>Invariants: the hook never calls {@link System#exit} (that blocks forever during shutdown);
 * {@link #finish(int)} is called exactly once by the main thread, after the output is written and
 * before {@code Main} calls {@link System#exit}, so the hook never waits on a thread that is
 * itself blocked in {@code System.exit}; without a signal the hook is removed again and the JVM
 * is left as it was.
 */
final class InterruptGuard {
    /** Longest wait for the output to be written after a signal, in seconds. */
    static final long WAIT_SECONDS = 600;

    private final AtomicBoolean interrupt = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "cortexsim-interrupt");
    private volatile int exitCode = ExitCodes.FAILURE;

    private InterruptGuard() {
    }

    /** Installs the shutdown hook of a run about to start. */
    static InterruptGuard install() {
        InterruptGuard guard = new InterruptGuard();
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /** The run's interrupt flag, set by the hook on a signal. */
    AtomicBoolean interrupt() {
        return interrupt;
    }

    /**
     * Hands over the run's exit code once its output is written (or failed to be), and removes the
     * hook if no signal came. Returns {@code code}.
     */
    int finish(int code) {
        exitCode = code;
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // a signal came: the hook is running and halts the JVM with the code handed over
        }
        return code;
    }

    private void onShutdown() {
        interrupt.set(true);
        boolean done;
        try {
            done = finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        System.out.flush();
        if (!done) {
            System.err.println("cortexsim: gave up waiting " + WAIT_SECONDS + " s for the output to be written");
        }
        System.err.flush();
        Runtime.getRuntime().halt(done ? exitCode : ExitCodes.FAILURE);
    }
}
