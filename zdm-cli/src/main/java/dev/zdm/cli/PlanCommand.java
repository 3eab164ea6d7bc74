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
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import dev.zdm.planner.truth.ShadowCheck;
import dev.zdm.planner.truth.ShadowReport;
import dev.zdm.planner.truth.ShadowVerdict;
import dev.zdm.runtime.db.ReadOnly;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code zdm plan FILE [--pg URL] [--json]}: the analysis and the phases, without Kafka. Exit status 0
 * when the migration is safe as written, 1 when it needs zero-downtime handling, 2 on bad input.
 * {@code zdm plan DIR} (or several files) plans every migration of a folder in one process, in the
 * folder's version order, each on the schema the ones before it build; the exit status is the worst.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Analyze migrations and show their phases, without Kafka. FILE: one migration; DIR (or several files): every "
                + "migration of a folder in version order (Flyway, golang-migrate, goose, dbmate, Prisma, sqlx, diesel, numbered files), "
                + "each on the schema the earlier ones build. Exit 0: safe as written; 1: needs zero-downtime handling; 2: bad input (the worst of all).")
final class PlanCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE|DIR", arity = "1..*")
    List<Path> paths;

    @Option(names = "--since", paramLabel = "REF", description = "with a folder: report only the migrations changed since this git "
            + "revision (and new ones), planned on the schema all earlier migrations build")
    String since;

    private Path file;

    @Option(names = "--pg", paramLabel = "URL", description = "read table sizes, columns, indexes and dependents from this database "
            + "(in read-only transactions), and check the lock analysis in a scratch database created on the same server from the live "
            + "catalog and dropped afterwards (needs CREATEDB)")
    String pg;

    @Option(names = "--pg-password-file", paramLabel = "FILE", description = "file holding the database password (default: $PGPASSWORD)")
    Path pgPasswordFile;

    @Option(names = "--json", description = "machine-readable output for CI jobs (the same as --format json)")
    boolean json;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text (default), json, github (workflow annotations on the pull "
            + "request), gitlab (code quality report JSON), sarif (SARIF 2.1.0, for code scanning)")
    String format = "text";

    @Override
    public Integer call() throws Exception {
        for (Path p : paths) {
            if (!Files.isReadable(p)) {
                System.err.println("zdm plan: cannot read " + p);
                return 2;
            }
        }
        if (json) format = "json";
        if (!List.of("text", "json", "github", "gitlab", "sarif").contains(format)) {
            System.err.println("zdm plan: --format must be text, json, github, gitlab or sarif, not " + format);
            return 2;
        }
        json = format.equals("json");
        if (paths.size() > 1 || Files.isDirectory(paths.get(0)) || since != null || format.equals("github") || format.equals("gitlab") || format.equals("sarif")) {
            return new FolderPlan(paths, since, format, pg == null ? null : pgOption()).run();
        }
        file = paths.get(0);
        if (!Files.isReadable(file)) {
            System.err.println("zdm plan: cannot read " + file);
            return 2;
        }
        List<ParsedStatement> statements;
        try {
            statements = MigrationFile.read(file);
        } catch (ZdmException e) {
            System.err.println((e.location() == null ? file.toString() : e.location()) + ": " + e.code().code() + ": " + e.getMessage());
            return 2;
        }
        if (statements.isEmpty()) {
            System.out.println(json ? "{\"nothingToDo\": true, \"requiresZeroDowntime\": false, \"statements\": []}"
                    : "NOTHING TO DO - " + file + " holds no SQL statement (only comments or blank lines)");
            return 0;
        }
        Vertx vertx = pg == null ? null : Vertx.vertx();
        try {
            PgConnectOptions options = vertx == null ? null : pgOption().connectOptions().addProperty("application_name", "zdm-plan");
            Pool pool = vertx == null ? null : PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(options).using(vertx).build();
            List<ParsedStatement> parsed = statements;
            Catalog catalog = pool == null ? Catalog.empty() : ZdmProcess.await(ReadOnly.read(pool, conn -> CatalogReader.read(conn)
                    .compose(read -> ExplainedRows.of(conn, parsed).map(rows -> Catalog.withRowsAffected(read, rows)))));
            PlannedMigration planned;
            try {
                planned = new Planner().analyzeAndPlan(statements, catalog);
            } catch (ZdmException e) {
                System.err.println((e.location() == null ? file.toString() : e.location()) + ": " + e.code().code() + ": " + e.getMessage());
                return 2;
            }
            ShadowReport check = pool == null ? null : ZdmProcess.await(new ShadowCheck().run(vertx, pool, options, planned.analysis()));
            return report(planned, check);
        } finally {
            if (vertx != null) vertx.close();
        }
    }

    private int report(PlannedMigration planned, ShadowReport check) throws Exception {
        if (json) {
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(PlanJson.of(planned, check)));
        } else {
            System.out.print(PlanTable.render(planned));
            String full = PlanPrinter.print(planned);
            int tail = planned.rejected() ? full.indexOf("\nrejected:") : full.indexOf("\nphases");
            System.out.print(tail < 0 ? "" : full.substring(tail).lines().map(PlanTable::wrapSql).collect(Collectors.joining("\n", "", "\n")));
            if (check != null) {
                System.out.println("\n" + check.header() + ":");
                check.notes().forEach(n -> System.out.println("  - " + n));
                check.verdicts().forEach(v -> System.out.println("  " + (v.index() + 1) + ". " + v.describe()));
            }
        }
        int status = exitStatus(planned);
        if (status == 0 && check != null && check.verdicts().stream().anyMatch(ShadowVerdict::failedOnPostgres)) {
            if (!json) System.out.println("\nNOT SAFE AS WRITTEN: PostgreSQL refused a statement of it on the scratch copy (see above)");
            return 1;
        }
        return status;
    }

    /** 0 when the migration is safe as written, 1 when it needs zero-downtime handling or has no safe plan, 2 on bad input. */
    static int exitStatus(PlannedMigration planned) {
        if (planned.rejected() && isBadInput(planned.rejection())) return 2;
        return planned.safeAsWritten() ? 0 : 1;
    }

    private static boolean isBadInput(ZdmException e) {
        return e.code() == ErrorCode.SQL_PARSE || e.code() == ErrorCode.BAD_METADATA;
    }

    private PgOption pgOption() {
        PgOption option = new PgOption();
        option.url = pg;
        option.passwordFile = pgPasswordFile;
        return option;
    }
}
