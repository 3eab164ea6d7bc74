/** The monitor's process edge: the sampling schedule per target and the publication of breaker changes. */
package dev.zdm.monitor.messaging;
