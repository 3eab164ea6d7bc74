/** The HTTP side every service has: {@code GET /health} (checks of its parts) and {@code GET /metrics} (Prometheus). */
package dev.zdm.runtime.http;
