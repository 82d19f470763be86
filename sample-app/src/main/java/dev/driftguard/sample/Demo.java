package dev.driftguard.sample;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code java -jar driftguard-sample-app.jar}: the blue-green demo, told from start to finish. With
 * {@code serve --release NAME} it runs one release of the sample applications instead.
 */
public final class Demo {

    private static final String HELP = "Usage: java -jar driftguard-sample-app.jar [--scenario remove|rename|declare]"
            + " [--url jdbc:postgresql://HOST:PORT/DB --user U --password P [--keep]]\n"
            + "       java -jar driftguard-sample-app.jar serve --release NAME [--server.port=8080]\n\n"
            + "Runs a blue-green deploy through driftguard, each release in its own JVM:\n"
            + "  remove  (default) release 1 reads product.rating, release 2 no longer does, release 3 drops it:\n"
            + "          the drop is refused while release 1 is live and runs once it is gone\n"
            + "  rename  auth_user.full_name -> fullname: refused in one step, safe in three releases\n"
            + "  declare a column only a monthly job of release 1 reads: unseen in production, so only its tests'\n"
            + "          manifest, declared, keeps release 2's drop from breaking it\n"
            + "On an embedded PostgreSQL unless --url names a server; there a new database driftguard_demo_* is\n"
            + "created, and dropped at the end unless --keep. Exit code 0 when the story went as told, 1 when it\n"
            + "did not, 2 for a usage error.\n\n"
            + "serve runs one release against DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD. Releases: "
            + String.join(", ", Arrays.stream(Release.values()).map(Release::cliName).toArray(String[]::new)) + "\n";

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("serve")) {
            serve(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(run(args, System.out, System.err));
    }

    private static void serve(String[] args) {
        if (args.length < 2 || !args[0].equals("--release")) {
            System.err.print(HELP);
            System.exit(2);
        }
        SampleApplication.serve(Release.named(args[1]), Arrays.copyOfRange(args, 2, args.length));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String scenario = "remove";
        String url = null;
        String user = "postgres";
        String password = System.getenv("DRIFTGUARD_PASSWORD");
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                out.print(HELP);
                return 0;
            }
            if (option.equals("--keep")) {
                keep = true;
                continue;
            }
            if (i + 1 >= args.length || !Arrays.asList("--scenario", "--url", "--user", "--password").contains(option)) {
                err.println("driftguard demo: unknown option or missing value: " + option);
                err.print(HELP);
                return 2;
            }
            String value = args[++i];
            switch (option) {
                case "--scenario":
                    scenario = value;
                    break;
                case "--url":
                    url = value;
                    break;
                case "--user":
                    user = value;
                    break;
                default:
                    password = value;
            }
        }
        if (!scenario.equals("remove") && !scenario.equals("rename") && !scenario.equals("declare")) {
            err.println("driftguard demo: unknown scenario '" + scenario + "'; use remove, rename or declare");
            return 2;
        }
        boolean rename = scenario.equals("rename");
        boolean declare = scenario.equals("declare");
        // the embedded server narrates its start at INFO; the story is told here
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.zonky"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        out.println(rename
                ? "driftguard demo: renaming a column during blue-green deploys (edX auth_user.full_name → fullname)"
                : declare ? "driftguard demo: a column only a monthly job uses, known from the release's tests"
                : "driftguard demo: removing a field during a blue-green deploy (Django Product.rating)");
        out.println();
        Path logs = Files.createTempDirectory("driftguard-demo");
        DemoDatabase database;
        try {
            database = url == null ? DemoDatabase.embedded(rename ? "members" : declare ? "catalog" : "shop")
                    : DemoDatabase.on(url, user, password, "driftguard_demo", keep);
        } catch (IllegalArgumentException | java.sql.SQLException | java.io.IOException e) {
            err.println("driftguard demo: cannot get a PostgreSQL database: " + e.getMessage()
                    + (url == null ? "" : "\nCheck --url, --user and --password (or DRIFTGUARD_PASSWORD), and that the"
                    + " user may create databases."));
            return 2;
        }
        try (database; Story story = new Story(database, logs, out)) {
            story.say(database.description());
            if (rename) {
                story.renameAColumn();
            } else if (declare) {
                story.declareWhatTheTestsUse();
            } else {
                story.removeAField();
            }
            story.say("Done: the change reached production without breaking a live release. Logs of each release: "
                    + logs);
            return 0;
        } catch (IllegalStateException | java.io.IOException | java.sql.SQLException e) {
            err.println("driftguard demo: the story did not go as told: " + e.getMessage()
                    + "\nThe log of each release is in " + logs);
            return 1;
        }
    }
}
