/**
 * The Avro serde: single-object encoding (a two-byte marker and the writer schema's CRC-64-AVRO
 * fingerprint ahead of the binary body). Readers resolve any writer schema recorded in the schemas
 * module's history, so old events stay readable without a schema registry.
 */
package dev.zdm.runtime.serde;
