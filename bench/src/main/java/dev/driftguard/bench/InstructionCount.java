package dev.driftguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@link StatementBenchmark} case run a fixed number of times, for counting instructions rather than timing, on
 * a machine whose throughput is too noisy to rank wrappings 10 % apart. {@code bench/instructions.sh} runs it
 * under {@code valgrind --tool=callgrind} with counting off, switches counting on once the warm-up has run (the
 * JIT has compiled the loop by then), and off again after the measured executions: the main thread's
 * instructions divided by the executions are the steady-state cost of one, whatever else the machine is doing
 * (docs/benchmarks.md, "Instructions per statement"). The two halves meet through files in {@code HANDSHAKE_DIR}:
 * this program writes {@code warm} and {@code done} and waits for {@code go} and {@code stop}.
 */
public final class InstructionCount {

    private InstructionCount() {
    }

    public static void main(String[] args) throws SQLException, IOException, InterruptedException {
        if (args.length != 6) {
            System.err.println("usage: InstructionCount DATABASE WRAPPING CASE WARM_UP EXECUTIONS HANDSHAKE_DIR"
                    + "  (h2|postgres  RAW|JDK_PROXY|P6SPY|DRIFTGUARD  pointSelect|selectOne  300000 100000 /tmp/ic)");
            System.exit(2);
        }
        StatementBenchmark benchmark = new StatementBenchmark();
        benchmark.database = args[0];
        benchmark.wrapping = args[1];
        String name = args[2];
        int warmUp = Integer.parseInt(args[3]);
        int executions = Integer.parseInt(args[4]);
        Path handshake = Path.of(args[5]);
        benchmark.connect();
        if (Boolean.getBoolean("bench.writesElsewhere")) {
            writeElsewhere();
        }
        long sum = run(benchmark, name, warmUp);
        signalAndAwait(handshake, "warm", "go");
        sum += run(benchmark, name, executions);
        signalAndAwait(handshake, "done", "stop");
        benchmark.close();
        System.out.println(name + " through " + args[1] + ": " + warmUp + " + " + executions + " executions, checksum " + sum);
    }

    /**
     * What driftguard's registry does in an in-process H2 database beside the benchmark's: writes in a database of
     * the same engine. It changes how the JIT compiles H2 for the benchmark's own select, so that the raw driver's
     * figure with it shows what part of a wrapping's difference is H2's, not the wrapper's (docs/benchmarks.md).
     */
    private static void writeElsewhere() throws SQLException {
        try (Connection other = DriverManager.getConnection("jdbc:h2:mem:elsewhere;DB_CLOSE_DELAY=-1", "sa", "");
             Statement statement = other.createStatement()) {
            statement.execute("CREATE TABLE usage (k VARCHAR(100) PRIMARY KEY, n BIGINT, at TIMESTAMP)");
            other.setAutoCommit(false);
            for (int i = 0; i < 3_000; i++) {
                statement.execute("MERGE INTO usage KEY (k) VALUES ('key" + (i % 50) + "', " + i + ", CURRENT_TIMESTAMP)");
                statement.execute("UPDATE usage SET n = n + 1 WHERE k = 'key" + (i % 7) + "'");
                if (i % 10 == 0) {
                    other.commit();
                }
            }
            other.commit();
        }
    }

    private static long run(StatementBenchmark benchmark, String name, int executions) throws SQLException {
        long sum = 0;
        boolean selectOne = name.equals("selectOne");
        for (int i = 0; i < executions; i++) {
            sum += selectOne ? benchmark.selectOne() : benchmark.pointSelect();
        }
        return sum;
    }

    private static void signalAndAwait(Path directory, String signal, String answer) throws IOException, InterruptedException {
        Files.createFile(directory.resolve(signal));
        while (!Files.exists(directory.resolve(answer))) {
            Thread.sleep(50);
        }
    }
}
