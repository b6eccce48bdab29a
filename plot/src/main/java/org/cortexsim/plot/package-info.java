/**
 * Figures of cortexsim result files, drawn headless with JFreeChart and written as PNG or SVG
 * (JFreeSVG): the spike raster of chosen populations with their binned firing rates, the membrane
 * potential v(t) of recorded neurons, and v against the recovery variable u. {@link
 * org.cortexsim.plot.Plots} is the entry point; data is read through io's {@code SonataReader}.
 * Units are those of the files: time in ms, v in mV, u in pA, rates in Hz.
 */
package org.cortexsim.plot;
