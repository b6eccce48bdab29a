/** cortexsim core module (being built). */
package org.cortexsim.core;
