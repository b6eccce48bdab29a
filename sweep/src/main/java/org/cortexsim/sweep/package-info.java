/**
 * Parameter sweeps over cortexsim configs: a sweep file ({@link org.cortexsim.sweep.Sweep#load})
 * names a base config and the values to vary; each run is the base config plus
 * {@code key.path=value} overrides with its own output file. Runs execute locally in parallel
 * ({@link org.cortexsim.sweep.LocalSweep}), on a Hazelcast cluster of
 * {@link org.cortexsim.sweep.Worker}s ({@link org.cortexsim.sweep.ClusterSweep}), or one per
 * SLURM array task ({@link org.cortexsim.sweep.LocalSweep#runIndex}, {@link org.cortexsim.sweep.Slurm}).
 * Every mode skips runs whose output is already complete and writes the same summary (CSV and
 * HDF5). The same workers also run one network split into partitions
 * ({@link org.cortexsim.sweep.ClusterRun}, {@code cortexsim run --cluster}), exchanging spikes on
 * Hazelcast topics ({@link org.cortexsim.sweep.TopicSpikeExchange}). Only this package uses
 * Hazelcast; core, network and run know nothing of it.
 */
package org.cortexsim.sweep;
