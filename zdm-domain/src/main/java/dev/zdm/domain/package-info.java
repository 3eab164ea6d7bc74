/**
 * The domain every zdm service speaks: the plan/phase/step model, error codes and SQL identifier
 * handling. Nothing here touches Vert.x, Kafka or JDBC; messaging packages map these records to and
 * from the Avro events at the edge.
 */
package dev.zdm.domain;
