package com.entralake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every option of every command whose value is not plain text, given a value it cannot take, is refused
 * with a message that names the option and says what is expected, without Java class or exception names.
 * An option added tomorrow with a type nobody gave a friendly converter fails here.
 */
class OptionValuesTest {

    /** A value each type cannot take; a type missing here fails the test, so it is thought about. */
    private static final Map<Class<?>, String> INVALID = Map.of(
            Instant.class, "yesterday at noon",
            Integer.class, "eighty",
            int.class, "eighty",
            Double.class, "lots",
            double.class, "lots",
            Path.class, "bad\0path",
            PermissionsCommand.Format.class, "yaml");

    record Case(String command, String option, String value) {
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        walk(CommandLines.create(), cases);
        return cases;
    }

    private static void walk(CommandLine commandLine, List<Case> cases) {
        CommandSpec spec = commandLine.getCommandSpec();
        for (OptionSpec option : spec.options()) {
            Class<?> type = option.auxiliaryTypes()[0];
            if (option.usageHelp() || option.versionHelp() || type == String.class || type == boolean.class
                    || type == Boolean.class) {
                continue;
            }
            assertThat(INVALID).as("an invalid value for %s %s (%s)", spec.qualifiedName(), option.longestName(),
                    type.getName()).containsKey(type);
            cases.add(new Case(spec.name(), option.longestName(), INVALID.get(type)));
        }
        commandLine.getSubcommands().values().forEach(sub -> walk(sub, cases));
    }

    @Test
    void everyTypedOptionIsFound() {
        assertThat(cases()).extracting(c -> c.command() + " " + c.option())
                .contains("collect --now", "collect --config", "status --now", "test-connectivity --now",
                        "emulator --port", "emulator --signins-per-hour", "emulator --work-dir", "permissions --format");
    }

    @Test
    void anInvalidValueSaysWhatIsExpectedWithoutJavaNames() {
        for (Case c : cases()) {
            CommandLine commandLine = CommandLines.create();
            StringWriter err = new StringWriter();
            commandLine.setErr(new PrintWriter(err));
            commandLine.setOut(new PrintWriter(new StringWriter()));
            List<String> args = new ArrayList<>(List.of(c.command(), c.option() + "=" + c.value()));
            int exit = commandLine.execute(args.toArray(String[]::new));
            String message = err.toString();
            assertThat(exit).as(message).isEqualTo(2);
            assertThat(message).as(c.toString()).contains(c.option())
                    .doesNotContainPattern("\\b(java|javax|picocli|com\\.entralake)\\.[a-z]")
                    .doesNotContainPattern("[A-Z]\\w*(Exception|Error)\\b")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void nowSaysWhichFormatItExpectsAndTakesAnOffset() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = CommandLines.create();
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute("status", "--now", "2026-11-27 03:00")).isEqualTo(2);
        assertThat(err.toString()).contains("--now").contains("'2026-11-27 03:00' is not a time: expected an ISO-8601"
                + " UTC time such as 2026-11-27T03:00:00Z");
        assertThat(new InstantConverter().convert("2026-11-27T04:00:00+01:00")).isEqualTo(Instant.parse("2026-11-27T03:00:00Z"));
        assertThat(new InstantConverter().convert("2026-11-27T03:00:00Z")).isEqualTo(Instant.parse("2026-11-27T03:00:00Z"));
    }
}
