/**
 * HDF5 output and input in the SONATA layout, written with jHDF.
 *
 * <p>This package is independent of the simulation engine: it takes and returns plain Java arrays.
 * {@link org.cortexsim.results.SonataWriter} owns the construction of one file (spikes, reports,
 * edges, provenance attributes and tables) and publishes it atomically; {@link
 * org.cortexsim.results.SonataReader} reads one such file (or any HDF5 file's numeric column).
 * {@link org.cortexsim.results.OutputLayout} describes how the files of one run fit together
 * (names, linking attributes, the segment table), for the run that writes them and for {@link
 * org.cortexsim.results.ResultSet}, the one way to read a run, segmented or not; {@link
 * org.cortexsim.results.ResultInfo} summarises a run for the {@code info} command and sweeps.
 *
 * <p>Units are part of names and attributes: times and delays are in milliseconds (ms), membrane
 * potentials in millivolts (mV), currents in picoamperes (pA). Every dataset holding a time carries
 * an HDF5 attribute {@code units}.
 *
 * <p>jHDF 0.13.0 limitations this package guards against (all measured): data is held in memory and
 * written when the file is closed; zero-length arrays cannot be written; ragged 2-D arrays and rows
 * longer than 2,147,479,552 bytes are written silently
 * corrupt; names containing {@code '/'} are accepted but unreadable; an existing file is not
 * truncated when reopened; groups without a dataset beneath them may corrupt the file; enumeration
 * datatypes cannot be written (SONATA's spike {@code sorting} is one: {@link
 * org.cortexsim.results.EnumAttribute} supplies it). See {@link org.cortexsim.results.SonataWriter}
 * for how each one is handled.
 */
package org.cortexsim.results;
