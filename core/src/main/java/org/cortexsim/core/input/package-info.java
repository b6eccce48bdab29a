/**
 * Current inputs ({@link org.cortexsim.core.input.Input}): DC steps and Gaussian noise, added to
 * a step's input current I_n (pA) before the Euler step.
 */
package org.cortexsim.core.input;
