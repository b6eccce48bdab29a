/**
 * Checkpoint state: the {@link org.cortexsim.core.state.Checkpointable} interface every stateful
 * component of a run implements (neurons, synapse channels, plastic projections, the step loop,
 * recorders, the run's segment writer), the
 * {@link org.cortexsim.core.state.StateWriter} and {@link org.cortexsim.core.state.StateReader}
 * it writes its named arrays to and reads them from, and {@link
 * org.cortexsim.core.state.StateSnapshot}, the in-memory set of named arrays a checkpoint file
 * holds.
 */
package org.cortexsim.core.state;
