package dev.zdm.planner.analyze.recognize;

import dev.zdm.planner.analyze.Effect;
import dev.zdm.planner.analyze.SchemaView;
import dev.zdm.planner.analyze.SqlTokens;

import java.util.List;
import java.util.Optional;

/** Every statement recognizer, in the order they are tried, and the one entry point that runs them. */
public final class Recognizers {
    /** The explicit list; a statement no entry recognizes is {@code UNKNOWN}. */
    public static final List<Recognizer> ALL = List.of(
            new OtherObjectRecognizer(),
            new AlterTableRecognizer(),
            new CreateIndexRecognizer(),
            new DropIndexRecognizer(),
            new ReindexRecognizer(),
            new TriggerRecognizer(),
            new CreateTableRecognizer(),
            new DropRecognizer(),
            new TruncateRecognizer(),
            new MaintenanceRecognizer(),
            new CommentRecognizer(),
            new DmlRecognizer(),
            new DoBlockRecognizer(Recognizers::recognize),
            new SchemaObjectRecognizer(),
            new SessionRecognizer());

    private Recognizers() {
    }

    /** What {@code sql} does, from the first recognizer that knows it; UNKNOWN when none does. */
    public static Effect recognize(String sql, SchemaView schema) {
        for (Recognizer r : ALL) {
            Optional<Effect> e = r.recognize(SqlTokens.of(sql), schema);
            if (e.isPresent()) return e.get();
        }
        return Unknown.effect(sql, null);
    }
}
