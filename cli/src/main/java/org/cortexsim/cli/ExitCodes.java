package org.cortexsim.cli;

/** The process exit codes of every command. */
final class ExitCodes {
    static final int OK = 0;
    /** The simulation failed or was stopped (a numerical fault, an interrupt, an I/O error while writing). */
    static final int FAILURE = 1;
    /** Bad usage or a bad config: nothing was simulated and nothing written. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
