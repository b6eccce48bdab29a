/**
 * Config in, HDF5 out: {@link org.cortexsim.run.Runner} runs a {@link org.cortexsim.config.Config}
 * and writes SONATA files; the subpackages hold the config parser, the builder and the HDF5 layer.
 */
package org.cortexsim.run;
