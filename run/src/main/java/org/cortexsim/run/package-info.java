/**
 * Config in, SONATA files out: {@link org.cortexsim.run.Runner} runs a {@link
 * org.cortexsim.config.Config} and writes its results, with the {@link
 * org.cortexsim.run.SegmentWriter} (recordings over the memory budget), {@link
 * org.cortexsim.run.Checkpoints} (checkpoint files and resumption) and {@link
 * org.cortexsim.run.PartitionedRun} (one network split into partitions); {@link
 * org.cortexsim.run.Estimate} and {@link org.cortexsim.run.OutputPreflight} check cost, memory and
 * disk before anything is built. The subpackage {@code build} turns the config into a {@code
 * Simulation}, {@code bench} holds the benchmark network; the config parser is the config module,
 * the file format the results module.
 */
package org.cortexsim.run;
