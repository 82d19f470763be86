package dev.driftguard.testsupport;

/** Swaps the database part of a {@code jdbc:vendor://host:port/database?params} URL. */
final class JdbcUrls {

    private JdbcUrls() {
    }

    static String withDatabase(String url, String database) {
        int hostStart = url.indexOf("//");
        if (hostStart < 0) {
            throw new IllegalArgumentException("Expected jdbc:vendor://host:port/database, got " + url);
        }
        int pathStart = url.indexOf('/', hostStart + 2);
        int query = url.indexOf('?', hostStart + 2);
        String authority = url.substring(0, pathStart >= 0 ? pathStart : query >= 0 ? query : url.length());
        String params = query >= 0 ? url.substring(query) : "";
        return authority + "/" + database + params;
    }
}
