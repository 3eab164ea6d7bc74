/**
 * Configuration: every key declared once ({@link dev.zdm.runtime.config.Key}) with its type, default,
 * validation and doc; values come from a properties file overridden by {@code ZDM_*} environment
 * variables and command-line settings; a service's config record is built at start-up and every bad
 * or unknown key is reported at once in one {@link dev.zdm.runtime.config.ConfigException}.
 */
package dev.zdm.runtime.config;
