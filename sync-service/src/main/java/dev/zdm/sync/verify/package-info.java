/**
 * Verify: old and new shapes compared per key range, counts and checksums through the mapping
 * ({@code md5(string_agg(row::text ORDER BY key))} over ranges of N keys), both sides read in one
 * snapshot. A range that differs while the application writes may only be lagging: it is checked again
 * after the sync drained; one that still differs fails the verify, naming its key range and first
 * differing key.
 */
package dev.zdm.sync.verify;
