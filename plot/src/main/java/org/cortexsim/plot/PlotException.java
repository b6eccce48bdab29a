package org.cortexsim.plot;

/**
 * A figure cannot be drawn from this file with these options: an unknown population, a neuron
 * that was not recorded, an empty time window, or nothing recorded to plot. The message is one
 * line for people, naming what is available.
 */
public final class PlotException extends Exception {
    private static final long serialVersionUID = 1L;

    public PlotException(String message) {
        super(message);
    }
}
