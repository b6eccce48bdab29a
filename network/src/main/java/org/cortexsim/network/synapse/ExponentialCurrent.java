package org.cortexsim.network.synapse;

/**
 * A capability a {@link SynapseKernel} may declare: its model has exactly one field, and its
 * step is exactly, for every local id i of the block, {@code s = field[i] * decay() +
 * block.arrival(i); field[i] = s; block.addCurrent(i, s)} (no use of v), as
 * {@link ExpCurrentSynapse}'s. The engine may then update the field and clear the arrivals in
 * one pass and hand the field to the Euler pass as a term of I_n, instead of adding it into the
 * current array in place: the same operations on the same values, so the same bits.
 */
public interface ExponentialCurrent {
    /** The factor applied to the field each step before the arrivals are added, e.g. exp(-dt / tau). */
    double decay();
}
