package dev.driftguard.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;

/**
 * The plain JDBC program that once measured driftguard at 0.46 of raw on H2, kept to explain the gap to JMH: a
 * prepared {@code SELECT 1} on H2 in-memory through {@code DriverManager} (driftguard's registry in the same
 * database), raw and {@code jdbc:driftguard:} interleaved in one JVM, rounds of {@code executions} each. Each round
 * prints both rates and their ratio, so that warm-up (the first rounds) and steady state (the last) show apart.
 * {@code java -cp bench/target/benchmarks.jar dev.driftguard.bench.H2Probe [executions] [rounds]}
 */
public final class H2Probe {

    private H2Probe() {
    }

    public static void main(String[] args) throws SQLException {
        int executions = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Properties credentials = new Properties();
        credentials.setProperty("user", "sa");
        credentials.setProperty("password", "");
        String url = "jdbc:h2:mem:probe;DB_CLOSE_DELAY=-1";
        double[] ratios = new double[rounds];
        try (Connection raw = Wrapping.RAW.connect(url, credentials);
             Connection driftguard = Wrapping.DRIFTGUARD.connect(url, credentials);
             PreparedStatement rawSelect = raw.prepareStatement("SELECT 1");
             PreparedStatement driftguardSelect = driftguard.prepareStatement("SELECT 1")) {
            for (int round = 0; round < rounds; round++) {
                double rawRate = rate(rawSelect, executions);
                double driftguardRate = rate(driftguardSelect, executions);
                ratios[round] = driftguardRate / rawRate;
                System.out.printf("round %2d: raw %,12.0f/s  driftguard %,12.0f/s  ratio %.2f%n", round + 1, rawRate,
                        driftguardRate, ratios[round]);
            }
        }
        double[] steady = Arrays.copyOfRange(ratios, rounds / 2, rounds);
        Arrays.sort(steady);
        System.out.printf("first round %.2f; median of the last %d rounds %.2f (min %.2f, max %.2f)%n", ratios[0],
                steady.length, steady[steady.length / 2], steady[0], steady[steady.length - 1]);
    }

    private static double rate(PreparedStatement select, int executions) throws SQLException {
        long sum = 0;
        long start = System.nanoTime();
        for (int i = 0; i < executions; i++) {
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                sum += rows.getInt(1);
            }
        }
        long nanos = System.nanoTime() - start;
        if (sum != executions) {
            throw new IllegalStateException("SELECT 1 returned " + sum + " over " + executions + " executions");
        }
        return executions * 1e9 / nanos;
    }
}
