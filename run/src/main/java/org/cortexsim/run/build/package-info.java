/**
 * From a validated config to a ready simulation: neurons, projections, inputs and recorders,
 * with every random choice drawn from a stream named after its purpose. Also the reading of
 * SONATA circuits for the config layer ({@link org.cortexsim.run.build.SonataCircuits}, the
 * {@link org.cortexsim.config.SonataCircuitReader} service) and of their edges when the network
 * is built.
 */
package org.cortexsim.run.build;
