/** Slot hygiene: zdm's replication slots, the WAL each retains, and the orphans no running migration owns. */
package dev.zdm.sync.lag;
