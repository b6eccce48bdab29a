/** cortexsim io module (being built). */
package org.cortexsim.io;
