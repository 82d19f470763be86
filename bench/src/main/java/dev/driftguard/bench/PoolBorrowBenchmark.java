package dev.driftguard.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the agent adds to each borrow from a pool: HikariCP over H2 in-memory, a connection taken and given back.
 * The agent is a JVM option, so the benchmark runs twice, without it and with it, and the two are compared:
 * {@code java -jar bench/target/benchmarks.jar PoolBorrowBenchmark} and the same with
 * {@code -jvmArgsAppend -javaagent:agent/target/driftguard-agent.jar=app=bench,version=1}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class PoolBorrowBenchmark {

    private HikariDataSource pool;

    @Setup
    public void open() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:pool_borrow;DB_CLOSE_DELAY=-1");
        config.setUsername("sa");
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(2);
        pool = new HikariDataSource(config);
    }

    @TearDown
    public void close() {
        pool.close();
    }

    @Benchmark
    public boolean borrowAndGiveBack() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return connection.getAutoCommit();
        }
    }
}
