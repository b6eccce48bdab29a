package org.cortexsim.network;

/**
 * What a run did: steps taken of those asked for, whether it completed or why it stopped, wall
 * time of the step loop, and counts of spikes and synaptic events (synapses walked).
 */
public record RunResult(long stepsDone, long stepsRequested, boolean completed, String stopReason,
        double loopSeconds, long spikes, long synapticEvents) {
}
