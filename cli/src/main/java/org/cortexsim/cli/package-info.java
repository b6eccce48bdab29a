/** cortexsim cli module (being built). */
package org.cortexsim.cli;
