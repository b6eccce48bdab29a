/**
 * Recorders: step listeners that copy spikes and state variables into growable primitive
 * buffers while the loop runs ({@link org.cortexsim.core.record.StepListener}).
 */
package org.cortexsim.core.record;
