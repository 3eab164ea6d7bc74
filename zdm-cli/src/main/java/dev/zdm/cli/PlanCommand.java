package dev.zdm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zdm.domain.error.ErrorCode;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.planner.catalog.Catalog;
import dev.zdm.planner.catalog.CatalogReader;
import dev.zdm.planner.parse.ParsedStatement;
import dev.zdm.planner.parse.SqlSplitter;
import dev.zdm.planner.strategy.PlanPrinter;
import dev.zdm.planner.strategy.PlannedMigration;
import dev.zdm.planner.strategy.Planner;
import dev.zdm.runtime.ZdmProcess;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zdm plan FILE [--pg URL] [--json]}: the analysis and the phases, without Kafka. Exit status 0
 * when the migration is safe as written, 1 when it needs zero-downtime handling, 2 on bad input.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Analyze a migration and show its phases, without Kafka. Exit 0: safe as written; 1: needs zero-downtime handling; 2: bad input.")
final class PlanCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--pg", paramLabel = "URL", description = "read table sizes, columns, indexes and dependents from this database (read-only)")
    String pg;

    @Option(names = "--json", description = "machine-readable output for CI jobs")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(file)) {
            System.err.println("zdm plan: cannot read " + file);
            return 2;
        }
        List<ParsedStatement> statements;
        try {
            statements = SqlSplitter.split(file.toString(), Files.readString(file));
        } catch (ZdmException e) {
            System.err.println((e.location() == null ? file.toString() : e.location()) + ": " + e.code().code() + ": " + e.getMessage());
            return 2;
        }
        PlannedMigration planned = new Planner().analyzeAndPlan(statements, catalog());
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(PlanJson.of(planned)));
        } else {
            System.out.print(PlanTable.render(planned));
            String full = PlanPrinter.print(planned);
            int tail = planned.rejected() ? full.indexOf("\nrejected:") : full.indexOf("\nphases");
            System.out.print(tail < 0 ? "" : full.substring(tail));
        }
        if (planned.rejected() && isBadInput(planned.rejection())) return 2;
        return planned.analysis().requiresZeroDowntime() || planned.rejected() ? 1 : 0;
    }

    private static boolean isBadInput(ZdmException e) {
        return e.code() == ErrorCode.SQL_PARSE || e.code() == ErrorCode.BAD_METADATA;
    }

    private Catalog catalog() {
        if (pg == null) return Catalog.empty();
        PgOption option = new PgOption();
        option.url = pg;
        Vertx vertx = Vertx.vertx();
        try {
            var pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(option.vertxUri()).addProperty("application_name", "zdm-plan"))
                    .using(vertx).build();
            return ZdmProcess.await(CatalogReader.read(pool));
        } finally {
            vertx.close();
        }
    }
}
