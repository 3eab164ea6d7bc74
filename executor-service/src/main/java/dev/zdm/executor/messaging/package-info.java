/** The executor's Kafka edge: phase commands in, phase results and progress out, control and breaker events applied to running phases. */
package dev.zdm.executor.messaging;
