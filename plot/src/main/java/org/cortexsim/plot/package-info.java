/**
 * Figures of cortexsim result files, drawn headless with JFreeChart and written as PNG or SVG
 * (JFreeSVG): the spike raster of chosen populations with their binned firing rates, the membrane
 * potential v(t) of recorded neurons, and v against the recovery variable u. {@link
 * org.cortexsim.plot.Plots} is the entry point; results are read through the results module's
 * {@code ResultSet}, so a run written in segments (over {@code record.memory_budget_MB}) plots like
 * one that was not.
 * Units are those of the files: time in ms, v in mV, u in pA, rates in Hz.
 */
package org.cortexsim.plot;
