/**
 * Runtime glue shared by the services: {@link dev.zdm.runtime.Platform} (Vert.x, metrics, codec,
 * publisher, health) and the config, serde, Kafka, HTTP and database packages.
 */
package dev.zdm.runtime;
