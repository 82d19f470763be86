package dev.driftguard.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} options and positional words, checked against what a command accepts. */
final class Arguments {

    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Arguments() {
    }

    /** Parses {@code args}; every option takes one value, except those in {@code flags}. */
    static Arguments parse(String[] args, Set<String> valued, Set<String> flags) throws UsageException {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--") && arg.length() > 2) {
                String name = arg.substring(2);
                String value = null;
                int equals = name.indexOf('=');
                if (equals > 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                }
                if (flags.contains(name)) {
                    if (value != null) {
                        throw new UsageException("--" + name + " takes no value");
                    }
                    parsed.options.put(name, "true");
                } else if (valued.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("--" + name + " needs a value");
                        }
                        value = args[++i];
                    }
                    parsed.options.put(name, value);
                } else {
                    throw new UsageException("unknown option --" + name);
                }
            } else {
                parsed.positionals.add(arg);
            }
        }
        return parsed;
    }

    String option(String name) {
        return options.get(name);
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    List<String> positionals() {
        return positionals;
    }

    /** For commands that take options only: a stray word is a mistake to point out, not to ignore. */
    void requireNoPositionals(String command) throws UsageException {
        if (!positionals.isEmpty()) {
            throw new UsageException(command + " takes no file or SQL, got '" + positionals.get(0) + "'; options are"
                    + " given as --name value (java -jar driftguard-cli.jar " + command + " --help lists them)");
        }
    }
}
