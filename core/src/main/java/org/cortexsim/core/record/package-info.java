/**
 * Recorders: step listeners that copy spikes and state variables into growable primitive
 * buffers while the loop runs. A {@link org.cortexsim.core.record.StepListener} sees the state
 * through a read-only {@link org.cortexsim.core.StateView}; it cannot change it.
 */
package org.cortexsim.core.record;
