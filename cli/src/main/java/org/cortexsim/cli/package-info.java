/**
 * The {@code cortexsim} command line (picocli). Commands only parse arguments, build a config
 * or load a sweep file, and call the io and sweep libraries; exit codes are in
 * {@link org.cortexsim.cli.ExitCodes}.
 */
package org.cortexsim.cli;
