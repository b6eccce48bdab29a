/** cortexsim network module (being built). */
package org.cortexsim.network;
