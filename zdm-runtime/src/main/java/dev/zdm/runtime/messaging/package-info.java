/**
 * The edge between the domain and the Avro contract: topic names and the mapping of plans, phases and
 * steps to and from their event records. The domain never imports generated classes; this package does.
 */
package dev.zdm.runtime.messaging;
