/**
 * Figures of cortexsim result files, drawn headless with JFreeChart and written as PNG or SVG
 * (JFreeSVG): the spike raster of chosen populations with their binned firing rates, the membrane
 * potential v(t) of recorded neurons, v against the recovery variable u, and the weights of plastic
 * projections (histograms at the start and the end, the mean over time). {@link
 * org.cortexsim.plot.Plots} is the entry point; results are read through the results module's
 * {@code ResultSet}, so a run written in segments (over {@code record.memory_budget_MB}) plots like
 * one that was not.
 * Units are those of the files: time in ms, v in mV, u in pA, rates in Hz, weights in pA or nS.
 */
package org.cortexsim.plot;
