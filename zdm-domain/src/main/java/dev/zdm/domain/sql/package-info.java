/** SQL identifiers: quoting and qualified names, so no step builds SQL by pasting raw names. */
package dev.zdm.domain.sql;
