package dev.zdm.planner.truth;

import dev.zdm.planner.analyze.LockMode;
import dev.zdm.planner.analyze.StatementAnalysis;
import dev.zdm.domain.sql.TableName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares the analyzer's verdict on a statement with what PostgreSQL did, table by table (by name,
 * schema-qualified outside the default schema: the sandbox holds the tables under their own names). Pure.
 */
final class Agreement {
    private Agreement() {
    }

    /** One sentence per point where they differ; empty when they agree. */
    static List<String> disagreements(StatementAnalysis said, Observation seen) {
        List<String> out = new ArrayList<>();
        Map<String, LockMode> expected = expectedLocks(said);
        Set<String> tables = new TreeSet<>(expected.keySet());
        tables.addAll(seen.locks().keySet());
        for (String t : tables) {
            LockMode s = expected.get(t);
            LockMode o = seen.locks().get(t);
            if (s == o) continue;
            if (s == null) out.add("PostgreSQL took " + o.docName() + " on " + t + "; the analyzer expected no lock on it");
            else if (o == null) out.add("the analyzer expected " + s.docName() + " on " + t + "; PostgreSQL took no lock on it");
            else out.add("lock on " + t + ": the analyzer said " + s.docName() + ", PostgreSQL took " + o.docName());
        }
        if (said.rewritesTable() != seen.rewrites()) {
            out.add(said.rewritesTable() ? "the analyzer said it rewrites the table; PostgreSQL kept every relfilenode"
                    : "the analyzer said no rewrite; PostgreSQL gave " + String.join(", ", seen.rewritten()) + " a new relfilenode");
        }
        Set<String> listed = said.tables().stream().map(TableName::toString).collect(Collectors.toSet());
        seen.rewritten().stream().filter(t -> !listed.contains(t))
                .forEach(t -> out.add("PostgreSQL rewrote " + t + ", which the analyzer does not list among the statement's tables"));
        if (said.transactional() != seen.transactional()) {
            out.add(said.transactional() ? "the analyzer said it runs in a transaction block; PostgreSQL refused to"
                    : "the analyzer said it cannot run in a transaction block; PostgreSQL ran it in one");
        }
        return out;
    }

    /** The analyzer's strongest lock per table name. */
    static Map<String, LockMode> expectedLocks(StatementAnalysis said) {
        Map<String, LockMode> out = new TreeMap<>();
        said.locks().forEach(l -> out.merge(l.table().toString(), l.mode(), LockMode::max));
        return out;
    }
}
