/**
 * Benchmarks: the peers' benchmark network (shared/peers/README.md) built in-process and timed,
 * for {@code cortexsim bench}.
 */
package org.cortexsim.run.bench;
