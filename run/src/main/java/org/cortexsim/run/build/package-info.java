/**
 * From a validated config to a ready simulation: neurons, projections, inputs and recorders,
 * with every random choice drawn from a stream named after its purpose.
 */
package org.cortexsim.run.build;
