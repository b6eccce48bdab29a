/**
 * The configuration layer: YAML or JSON text in, immutable validated records out.
 *
 * <p>{@link org.cortexsim.config.ConfigLoader} reads a config file (or the text of a built-in
 * config) into a location-aware tree, applies {@code --set key.path=value} overrides to that tree,
 * and maps it onto {@link org.cortexsim.config.Config} and its nested records. Every problem is
 * reported as a {@link org.cortexsim.config.ConfigError} of the form
 * {@code file:line:column: key.path: what is wrong, and how to fix it}; all problems found are
 * collected into one {@link org.cortexsim.config.ConfigException}. Parser exceptions never
 * escape.
 *
 * <p>Units are part of key names and record component names: times in ms ({@code dt_ms}), currents
 * in pA ({@code amplitude_pA}), rates in Hz ({@code rate_Hz}), memory in MB; neuron parameter keys
 * and units are core's {@link org.cortexsim.core.model.Parameter} table; synaptic weights are pA
 * for current synapses and nS for conductance synapses.
 *
 * <p>Relative file paths inside a config resolve against the config file's directory and are
 * stored absolute; the output path is the exception and stays relative to the current directory.
 * Records keep a {@link org.cortexsim.config.Location} wherever later stages (building the
 * network: files read, sizes met) validate values, so their errors can point into the file too.
 *
 * <p>Vocabulary comes from its owners, never copied here: neuron models and parameter keys from
 * core's {@link org.cortexsim.core.model.Preset} and {@link org.cortexsim.core.model.Parameter}
 * table, synapse models and their parameters from the
 * {@link org.cortexsim.network.synapse.SynapseModels} registry; all are checked in the one mapping
 * pass, with every error collected. The time grid ({@link org.cortexsim.core.TimeGrid}) and the
 * step count of a run are defined once, by {@link org.cortexsim.config.SimulationSpec}.
 *
 * <p>Populations and projections may come from a SONATA circuit ({@code network: {sonata: ...}},
 * {@code from_sonata}); the config layer reads no HDF5, so it asks a {@link
 * org.cortexsim.config.SonataCircuitReader} service for them, and {@link
 * org.cortexsim.config.JsonFiles} reads and writes the circuit's JSON files for other modules.
 */
package org.cortexsim.config;
