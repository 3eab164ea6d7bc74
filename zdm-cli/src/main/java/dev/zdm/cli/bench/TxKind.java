package dev.zdm.cli.bench;

/** What an application transaction did; reads wait only for CPU and I/O, writes also for row locks. */
enum TxKind {
    READ, UPDATE, INSERT, UNKNOWN
}
