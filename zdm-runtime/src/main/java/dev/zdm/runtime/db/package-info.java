/**
 * PostgreSQL access shared by the services: a Vert.x pool per configured target (each connection
 * named {@code zdm-<service>} in {@code application_name}, so the monitor can tell zdm's sessions from
 * the application's), and the idempotent, versioned control schema.
 */
package dev.zdm.runtime.db;
