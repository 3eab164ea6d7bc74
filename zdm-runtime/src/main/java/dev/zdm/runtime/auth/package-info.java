/**
 * Who may change a database through zdm. Callers present bearer tokens; each configured token has a
 * name and roles ({@link dev.zdm.runtime.auth.Role}). With no token configured, nothing that changes a
 * database or a migration is accepted.
 */
package dev.zdm.runtime.auth;
