/**
 * The {@code cortexsim} command line (picocli). Commands only parse arguments, build a config
 * or load a sweep file, and call the run library (or, for {@code plot}, the plot library, and for
 * {@code sweep} and {@code worker}, the sweep library); exit codes are in
 * {@link org.cortexsim.cli.ExitCodes}.
 */
package org.cortexsim.cli;
