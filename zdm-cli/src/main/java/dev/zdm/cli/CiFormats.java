package dev.zdm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zdm.domain.error.ZdmException;
import dev.zdm.planner.analyze.Finding;
import dev.zdm.planner.analyze.FindingCode;
import dev.zdm.planner.analyze.StatementAnalysis;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code zdm plan} says, as CI systems annotate pull requests: GitHub workflow commands
 * ({@code ::error file=...,line=...,col=...,title=...::message}) and GitLab code quality JSON. Each
 * finding of a statement is one annotation at the statement's line and column; a file that does not
 * parse, or has no safe plan, is one error where it says. A finding the author accepted
 * ({@code -- @metadata {"allow": [...]}}) is a notice on GitHub, {@code info} on GitLab and a result
 * suppressed in source in SARIF. Pure.
 */
final class CiFormats {
    /**
     * One annotation: where, how bad ({@code error}, {@code warning}, {@code notice}), which check, what,
     * and whether the author accepted it.
     */
    record Annotation(String file, int line, int column, String level, String code, String message, boolean accepted) {
        /** The level a pull request shows: an accepted finding is only a notice. */
        String shownLevel() {
            return accepted ? "notice" : level;
        }

        /** The check's name with {@code (accepted)} when the author accepted it. */
        String title() {
            return code + (accepted ? " (accepted)" : "");
        }
    }

    private CiFormats() {
    }

    static List<Annotation> annotations(List<FolderPlan.FileResult> results) {
        List<Annotation> out = new ArrayList<>();
        for (FolderPlan.FileResult r : results) {
            String file = r.entry().file().toString();
            if (r.badInput() != null) {
                out.add(at(file, r.badInput().location(), "error", r.badInput().code().code(), r.badInput().getMessage()));
                continue;
            }
            if (r.planned() == null) continue;
            for (StatementAnalysis s : r.planned().analysis().statements()) {
                for (Finding f : s.findings()) {
                    String level = switch (f.severity()) {
                        case DANGER -> "error";
                        case WARNING -> "warning";
                        case INFO -> "notice";
                    };
                    out.add(new Annotation(file, s.statement().position().line(), s.statement().position().column(), level, f.code().name(),
                            f.message() + (f.safeAlternative() == null ? "" : " (safe alternative: " + f.safeAlternative() + ")"), f.accepted()));
                }
            }
            if (r.planned().rejected()) {
                ZdmException e = r.planned().rejection();
                out.add(at(file, e.location(), "error", e.code().code(), "no safe plan: " + e.getMessage()));
            }
        }
        return out;
    }

    /** An annotation at {@code location} ({@code file:line:column}), or at the top of the file when it names none. */
    private static Annotation at(String file, String location, String level, String code, String message) {
        int line = 1;
        int column = 1;
        if (location != null) {
            String[] parts = location.split(":");
            if (parts.length >= 3) {
                try {
                    line = Integer.parseInt(parts[parts.length - 2]);
                    column = Integer.parseInt(parts[parts.length - 1]);
                } catch (NumberFormatException e) {
                    // a location without line and column: the top of the file
                }
            }
        }
        return new Annotation(file, line, column, level, code, message, false);
    }

    /** GitHub Actions workflow commands, one per line. */
    static String github(List<FolderPlan.FileResult> results) {
        StringBuilder out = new StringBuilder();
        for (Annotation a : annotations(results)) {
            out.append("::").append(a.shownLevel()).append(" file=").append(property(a.file())).append(",line=").append(a.line())
                    .append(",col=").append(a.column()).append(",title=").append(property("zdm " + a.title())).append("::")
                    .append(data(a.message())).append('\n');
        }
        return out.toString();
    }

    /** GitLab code quality report: a JSON array of issues. */
    static String gitlab(List<FolderPlan.FileResult> results) throws Exception {
        List<Map<String, Object>> issues = new ArrayList<>();
        for (Annotation a : annotations(results)) {
            Map<String, Object> issue = new LinkedHashMap<>();
            issue.put("description", a.title() + ": " + a.message());
            issue.put("check_name", a.code());
            issue.put("fingerprint", fingerprint(a));
            issue.put("severity", switch (a.shownLevel()) {
                case "error" -> "critical";
                case "warning" -> "major";
                default -> "info";
            });
            issue.put("location", Map.of("path", a.file(), "lines", Map.of("begin", a.line())));
            issues.add(issue);
        }
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(issues);
    }

    /**
     * SARIF 2.1.0: one run of the tool {@code zdm}, a rule per finding code (described by its
     * {@link FindingCode#summary}), a result per annotation with its file (a relative URI reference)
     * and region; an accepted finding's result carries an {@code inSource} suppression.
     */
    static String sarif(List<FolderPlan.FileResult> results) throws Exception {
        List<Annotation> annotations = annotations(results);
        Map<String, Map<String, Object>> rules = new LinkedHashMap<>();
        List<Map<String, Object>> found = new ArrayList<>();
        for (Annotation a : annotations) {
            rules.computeIfAbsent(a.code(), code -> Map.of("id", code, "shortDescription",
                    Map.of("text", FindingCode.named(code).map(FindingCode::summary).orElse("zdm " + code))));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", a.code());
            result.put("level", a.level().equals("notice") ? "note" : a.level());
            result.put("message", Map.of("text", a.message()));
            result.put("locations", List.of(Map.of("physicalLocation", Map.of(
                    "artifactLocation", Map.of("uri", uri(a.file())),
                    "region", Map.of("startLine", Math.max(1, a.line()), "startColumn", Math.max(1, a.column()))))));
            result.put("partialFingerprints", Map.of("zdm/v1", fingerprint(a)));
            if (a.accepted()) {
                result.put("suppressions", List.of(Map.of("kind", "inSource",
                        "justification", "accepted on purpose by -- @metadata {\"allow\": [\"" + a.code() + "\"]}")));
            }
            found.add(result);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "zdm");
        driver.put("rules", new ArrayList<>(rules.values()));
        Map<String, Object> log = new LinkedHashMap<>();
        log.put("$schema", "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json");
        log.put("version", "2.1.0");
        log.put("runs", List.of(Map.of("tool", Map.of("driver", driver), "results", found)));
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(log);
    }

    /** A path as a relative URI reference: forward slashes, and what a URI cannot hold percent-encoded. */
    private static String uri(String path) throws java.net.URISyntaxException {
        return new java.net.URI(null, null, path.replace('\\', '/'), null).toASCIIString();
    }

    /** Stable for the same finding on the same line of the same file, so GitLab can tell new findings from old ones. */
    private static String fingerprint(Annotation a) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest((a.file() + "\n" + a.line() + "\n" + a.code() + "\n" + a.message())
                .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    /** A workflow command's message: {@code %}, CR and LF escaped. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A workflow command's property value: as a message, and {@code :} and {@code ,} too. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
