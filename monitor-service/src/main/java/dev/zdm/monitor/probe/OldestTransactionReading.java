package dev.zdm.monitor.probe;

import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The oldest open transaction of the application and the oldest of zdm's own sessions, apart: an
 * old application transaction is what zdm must not queue DDL behind, while zdm's own long
 * transactions (an index built concurrently) are expected.
 *
 * @param application the oldest application transaction, empty when none is open; never null
 * @param zdm         the oldest zdm transaction (the probe's own excluded), empty when none; never null
 */
public record OldestTransactionReading(Optional<OpenTransaction> application, Optional<OpenTransaction> zdm) {
    public static final OldestTransactionReading NONE = new OldestTransactionReading(Optional.empty(), Optional.empty());

    /** The oldest of both. */
    public Optional<OpenTransaction> oldest() {
        return Stream.concat(application.stream(), zdm.stream()).max(Comparator.comparingLong(OpenTransaction::ageMs));
    }
}
