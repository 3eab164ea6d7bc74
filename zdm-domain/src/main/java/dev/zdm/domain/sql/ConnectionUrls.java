package dev.zdm.domain.sql;

/** Connection URLs as they may be printed. Pure. */
public final class ConnectionUrls {
    private ConnectionUrls() {
    }

    /** {@code url} without any password it carries (in the authority or as a query parameter). */
    public static String redact(String url) {
        if (url == null) return null;
        return url.replaceAll("(//[^/:@]*):[^@/]*@", "$1:***@").replaceAll("(?i)([?&]password=)[^&]*", "$1***");
    }
}
