package dev.driftguard.cli;

import dev.driftguard.internal.base.JdbcUrls;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** The {@code --url --user --password} connection options shared by the commands that talk to a database. */
final class Database {

    static final String HELP = "  --url <jdbc url>     the database, e.g. jdbc:postgresql://127.0.0.1:5432/shop\n"
            + "  --user <name>        user name\n"
            + "  --password <secret>  password (better: environment variable DRIFTGUARD_PASSWORD)\n";

    private final String url;
    private final Properties credentials = new Properties();

    private Database(String url, String user, String password) {
        this.url = url;
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
    }

    /** From the options; {@code --url} may be given as {@code jdbc:driftguard:…} too. */
    static Database of(Arguments arguments) throws UsageException {
        String url = arguments.option("url");
        if (url == null) {
            throw new UsageException("--url is required, e.g. --url jdbc:postgresql://127.0.0.1:5432/shop");
        }
        if (JdbcUrls.isDriftGuard(url)) {
            url = JdbcUrls.realUrl(url);
        }
        if (!url.startsWith("jdbc:")) {
            throw new UsageException("--url must be a JDBC URL starting with jdbc:, got " + JdbcUrls.mask(url));
        }
        String password = arguments.option("password", System.getenv("DRIFTGUARD_PASSWORD"));
        return new Database(url, arguments.option("user"), password);
    }

    String url() {
        return url;
    }

    /** Another database reached with the same user and password, e.g. a separate registry. */
    static Database at(String url, Arguments arguments) throws UsageException {
        if (!url.startsWith("jdbc:")) {
            throw new UsageException("expected a JDBC URL starting with jdbc:, got " + JdbcUrls.mask(url));
        }
        return new Database(url, arguments.option("user"), arguments.option("password", System.getenv("DRIFTGUARD_PASSWORD")));
    }

    /** The user and password, for connections of the same user to another database. */
    Properties credentials() {
        return credentials;
    }

    /** A plain vendor connection (never through driftguard, so the command's own queries are not recorded). */
    Connection connect() throws UsageException {
        try {
            return DriverManager.getConnection(url, credentials);
        } catch (SQLException e) {
            throw new UsageException("cannot connect to " + JdbcUrls.mask(url) + ": " + e.getMessage()
                    + "\nCheck --url, --user and the password (--password or DRIFTGUARD_PASSWORD), and that the"
                    + " database is running. Other databases than PostgreSQL, MariaDB/MySQL and H2: run with"
                    + " java -cp driftguard-cli.jar:their-driver.jar dev.driftguard.cli.Main.");
        }
    }

    /** Fails with a clear message when the database cannot be reached. */
    void check() throws UsageException {
        try (Connection probe = connect()) {
            probe.getMetaData();
        } catch (SQLException e) {
            throw new UsageException("cannot talk to " + JdbcUrls.mask(url) + ": " + e.getMessage());
        }
    }

    /** For the catalog, which needs connections of its own. */
    Connection connectForCatalog() throws SQLException {
        return DriverManager.getConnection(url, credentials);
    }
}
