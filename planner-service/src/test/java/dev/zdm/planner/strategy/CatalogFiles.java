package dev.zdm.planner.strategy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.catalog.TableStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a golden case's {@code catalog.json}: {@code {"tables": [TableStats as JSON, ...]}}. */
final class CatalogFiles {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    record CatalogFile(List<TableStats> tables) {
    }

    private CatalogFiles() {
    }

    static Catalog read(Path file) throws IOException {
        if (!Files.exists(file)) return Catalog.empty();
        return Catalog.of(JSON.readValue(file.toFile(), CatalogFile.class).tables());
    }
}
