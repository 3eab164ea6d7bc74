/** The sync service's process edge: its verticle, slot hygiene schedule and metrics. */
package dev.zdm.sync.messaging;
