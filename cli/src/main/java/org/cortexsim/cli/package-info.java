/**
 * The {@code cortexsim} command line (picocli). Commands only parse arguments, build a config
 * and call the io library (or, for {@code plot}, the plot library); exit codes are in {@link org.cortexsim.cli.ExitCodes}.
 */
package org.cortexsim.cli;
