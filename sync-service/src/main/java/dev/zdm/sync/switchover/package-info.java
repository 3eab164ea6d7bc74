/**
 * Switch: the blue-green cut-over in one short transaction. Writes to blue are held off
 * ({@code LOCK ... IN EXCLUSIVE MODE}: reads go on) while the sync drains to the current WAL position;
 * then green's sequences are set past blue's, blue is renamed to its retired name and green to blue's,
 * the publication follows the new blue, and the sync turns around (new to retired) for a rollback window,
 * all committed at once. Any lock or drain timeout rolls the whole transaction back: the tables are
 * never left half-renamed, and the switch tries again later.
 */
package dev.zdm.sync.switchover;
