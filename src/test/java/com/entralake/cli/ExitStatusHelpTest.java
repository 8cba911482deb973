package com.entralake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/**
 * Each command's --help shows its own exit-status table, the README's "Exit status" section shows the same
 * table for that command, and no help line is wider than a terminal's 80 columns (where picocli would wrap
 * it mid-sentence).
 */
class ExitStatusHelpTest {

    private static final Pattern HELP_ROW = Pattern.compile("^  (\\d)  (.*)$");
    private static final Pattern README_ROW = Pattern.compile("^\\| (\\d) \\| (.*) \\|$");

    /** code -> meaning, from the "Exit status" table at the end of a help text. */
    static Map<Integer, String> helpTable(String help) {
        Map<Integer, String> table = new LinkedHashMap<>();
        String[] lines = help.split("\\R");
        int start = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("Exit status")) {
                start = i + 1;
            }
        }
        Integer code = null;
        for (int i = Math.max(start, 0); start >= 0 && i < lines.length; i++) {
            Matcher row = HELP_ROW.matcher(lines[i]);
            if (row.matches()) {
                code = Integer.valueOf(row.group(1));
                table.put(code, row.group(2).strip());
            } else if (code != null && lines[i].startsWith("     ") && !lines[i].isBlank()) {
                table.put(code, table.get(code) + " " + lines[i].strip());
            } else {
                code = null;
            }
        }
        return table;
    }

    /** code -> meaning, from the table under "### `command`" in the README's "## Exit status". */
    static Map<Integer, String> readmeTable(String readme, String command) {
        String section = readme.substring(readme.indexOf("## Exit status"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        int heading = section.indexOf("### `" + command + "`");
        assertThat(heading).as("README has an exit table for " + command).isNotNegative();
        Map<Integer, String> table = new LinkedHashMap<>();
        for (String line : section.substring(heading).split("\\R")) {
            if (line.startsWith("### ") && !line.contains("`" + command + "`")) {
                break;
            }
            Matcher row = README_ROW.matcher(line);
            if (row.matches()) {
                table.put(Integer.valueOf(row.group(1)), row.group(2).strip());
            }
        }
        return table;
    }

    private static String normalized(String meaning) {
        return meaning.replace("`", "").replaceAll("\\s+", " ").strip();
    }

    private static Map<Integer, String> normalized(Map<Integer, String> table) {
        Map<Integer, String> result = new LinkedHashMap<>();
        table.forEach((code, meaning) -> result.put(code, normalized(meaning)));
        return result;
    }

    @Test
    void everyCommandsHelpShowsTheExitTableTheReadmeShows() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        CommandLine root = CommandLines.create();
        for (Map.Entry<String, CommandLine> command : root.getSubcommands().entrySet()) {
            Map<Integer, String> help = helpTable(command.getValue().getUsageMessage());
            assertThat(help).as(command.getKey() + " --help has an exit table").isNotEmpty();
            assertThat(normalized(help)).as(command.getKey() + ": --help and README")
                    .isEqualTo(normalized(readmeTable(readme, command.getKey())));
        }
        // without a subcommand it is collect
        assertThat(helpTable(root.getUsageMessage())).isEqualTo(helpTable(root.getSubcommands().get("collect").getUsageMessage()));
    }

    @Test
    void theTablesAreTheOnesEachCommandCanReturn() {
        CommandLine root = CommandLines.create();
        assertThat(helpTable(root.getSubcommands().get("collect").getUsageMessage())).containsOnlyKeys(0, 1, 2, 3, 4, 5);
        assertThat(helpTable(root.getSubcommands().get("test-connectivity").getUsageMessage())).containsOnlyKeys(0, 1, 2, 3);
        assertThat(helpTable(root.getSubcommands().get("status").getUsageMessage())).containsOnlyKeys(0, 1, 2);
        assertThat(helpTable(root.getSubcommands().get("permissions").getUsageMessage())).containsOnlyKeys(0, 2);
        assertThat(helpTable(root.getSubcommands().get("emulator").getUsageMessage())).containsOnlyKeys(2);
    }

    @Test
    void noHelpLineIsWiderThanEightyColumns() {
        CommandLine root = CommandLines.create();
        Map<String, String> helps = new LinkedHashMap<>();
        helps.put("entra-lake", root.getUsageMessage());
        root.getSubcommands().forEach((name, sub) -> helps.put(name, sub.getUsageMessage()));
        helps.forEach((name, help) -> assertThat(help.lines())
                .as(name + " --help").allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80)));
        // the footer's sentence is whole: picocli wrapped "status --help" onto a line of its own before
        assertThat(root.getUsageMessage()).contains("Without a subcommand this is collect, whose exit statuses follow;");
        assertThat(root.getUsageMessage().lines()).noneMatch(line -> line.strip().equals("--help"));
    }
}
