/**
 * Current inputs ({@link org.cortexsim.core.input.Input}): DC steps, Gaussian noise, piecewise
 * constant steps ({@link org.cortexsim.core.input.StepCurrentInput}) and sinusoids
 * ({@link org.cortexsim.core.input.SinusoidalInput}), each into all or some neurons of one
 * population ({@link org.cortexsim.core.input.TargetNeurons}), added to a step's input current
 * I_n (pA) before the Euler step.
 */
package org.cortexsim.core.input;
