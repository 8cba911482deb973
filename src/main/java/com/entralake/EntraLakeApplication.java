package com.entralake;

import java.util.Arrays;
import java.util.Set;

import org.springframework.boot.autoconfigure.SpringBootApplication;

import com.entralake.cli.CommandLines;

/**
 * Entry point. Parses the command line first, so {@code --help} and bad options answer without
 * starting Spring; each command starts the Spring context it needs.
 */
@SpringBootApplication
public class EntraLakeApplication {

    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return CommandLines.create().execute(withDefaultCommand(args));
    }

    /** A bare invocation, or one starting with collect's options, means {@code collect}: the nightly job. */
    static String[] withDefaultCommand(String[] args) {
        if (args.length == 0 || (args[0].startsWith("-") && !TOP_LEVEL_OPTIONS.contains(args[0]))) {
            String[] withCollect = new String[args.length + 1];
            withCollect[0] = "collect";
            System.arraycopy(args, 0, withCollect, 1, args.length);
            return withCollect;
        }
        return Arrays.copyOf(args, args.length);
    }
}
