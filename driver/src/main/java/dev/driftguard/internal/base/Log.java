package dev.driftguard.internal.base;

/**
 * Logs through SLF4J when the application has it, else through {@link System.Logger}, so the driver loads and
 * works on a class path without SLF4J. Messages use SLF4J's {@code {}} placeholders either way.
 */
public final class Log {

    private static final boolean SLF4J = slf4jPresent();

    private final Sink sink;

    private Log(Sink sink) {
        this.sink = sink;
    }

    /** The logger named after {@code type}. */
    public static Log of(Class<?> type) {
        return new Log(SLF4J ? new Slf4jSink(type.getName()) : new SystemSink(type.getName()));
    }

    /** Logs at DEBUG. */
    public void debug(String format, Object... args) {
        sink.log(System.Logger.Level.DEBUG, format, args);
    }

    /** Logs at INFO. */
    public void info(String format, Object... args) {
        sink.log(System.Logger.Level.INFO, format, args);
    }

    /** Logs at WARN; a trailing {@link Throwable} argument is logged as the cause. */
    public void warn(String format, Object... args) {
        sink.log(System.Logger.Level.WARNING, format, args);
    }

    /** Whether DEBUG is enabled, to skip building expensive arguments. */
    public boolean isDebugEnabled() {
        return sink.isDebugEnabled();
    }

    private static boolean slf4jPresent() {
        try {
            Class.forName("org.slf4j.LoggerFactory", false, Log.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private interface Sink {
        void log(System.Logger.Level level, String format, Object[] args);

        boolean isDebugEnabled();
    }

    /** Referenced only when SLF4J is present, so its absence never causes a {@link NoClassDefFoundError}. */
    private static final class Slf4jSink implements Sink {
        private final org.slf4j.Logger logger;

        Slf4jSink(String name) {
            this.logger = org.slf4j.LoggerFactory.getLogger(name);
        }

        @Override
        public void log(System.Logger.Level level, String format, Object[] args) {
            switch (level) {
                case DEBUG:
                    logger.debug(format, args);
                    break;
                case INFO:
                    logger.info(format, args);
                    break;
                default:
                    logger.warn(format, args);
            }
        }

        @Override
        public boolean isDebugEnabled() {
            return logger.isDebugEnabled();
        }
    }

    private static final class SystemSink implements Sink {
        private final System.Logger logger;

        SystemSink(String name) {
            this.logger = System.getLogger(name);
        }

        @Override
        public void log(System.Logger.Level level, String format, Object[] args) {
            if (logger.isLoggable(level)) {
                Throwable cause = args.length > 0 && args[args.length - 1] instanceof Throwable
                        ? (Throwable) args[args.length - 1] : null;
                logger.log(level, format(format, args), cause);
            }
        }

        @Override
        public boolean isDebugEnabled() {
            return logger.isLoggable(System.Logger.Level.DEBUG);
        }

        static String format(String format, Object[] args) {
            StringBuilder out = new StringBuilder(format.length() + 32);
            int next = 0;
            int from = 0;
            int at;
            while ((at = format.indexOf("{}", from)) >= 0 && next < args.length) {
                out.append(format, from, at).append(args[next++]);
                from = at + 2;
            }
            return out.append(format, from, format.length()).toString();
        }
    }
}
