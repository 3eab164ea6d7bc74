package dev.zdm.sync.apply;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The distinct keys a batch of changes touched, as text, ready to bind as one text array per key column. */
final class KeyBatch {
    private final List<String> columns;
    private final List<String> typeNames;
    private final Set<List<String>> keys = new LinkedHashSet<>();

    KeyBatch(Link link) {
        this.columns = link.keyColumns();
        this.typeNames = link.keyTypeNames();
    }

    /** Adds the key held by {@code row}; a row without every key column (an old image without the key) adds nothing. */
    void addFrom(Map<String, Object> row) {
        if (row == null) return;
        List<String> key = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            if (!row.containsKey(columns.get(i))) return;
            String text = KeyCodec.toText(row.get(columns.get(i)), typeNames.get(i));
            if (text == null) return;
            key.add(text);
        }
        keys.add(List.copyOf(key));
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    int size() {
        return keys.size();
    }

    /** Binds the key arrays as parameters {@code 1..n} of {@code ps}. */
    void bind(Connection conn, PreparedStatement ps) throws SQLException {
        for (int c = 0; c < columns.size(); c++) {
            String[] values = new String[keys.size()];
            int i = 0;
            for (List<String> key : keys) values[i++] = key.get(c);
            Array array = conn.createArrayOf("text", values);
            ps.setArray(c + 1, array);
        }
    }
}
