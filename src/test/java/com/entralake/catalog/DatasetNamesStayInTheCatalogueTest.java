package com.entralake.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A data type is described in the catalogue alone: a reader, writer, pacer, message or emulator class that
 * names a dataset ({@code "signins"}) or its Graph path ({@code "/auditLogs/signIns"}) is a second description
 * that drifts from the first the day a type is added or changed. This scans the production sources for such
 * string literals outside {@code com.entralake.catalog}.
 */
class DatasetNamesStayInTheCatalogueTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Path CATALOGUE = SOURCES.resolve("com/entralake/catalog");
    /**
     * Literals that are Graph's words, not a dataset: the sign-in template's {@code devices} key, and the
     * {@code @odata.context} of the single app registration the credential review reads.
     */
    private static final Set<String> GRAPH_WORDS = Set.of(
            "com/entralake/emulator/Templates.java \"devices\"",
            "com/entralake/emulator/ApplicationResource.java \"applications\"");
    private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

    @Test
    void noProductionClassOutsideTheCatalogueNamesADatasetOrItsPath() throws IOException {
        Set<String> names = DataTypeCatalog.builtIn().stream().map(DataType::dataset).collect(Collectors.toSet());
        Set<String> paths = DataTypeCatalog.builtIn().stream()
                .flatMap(t -> Stream.of(t.path(), t.graphPath())).collect(Collectors.toSet());
        assertThat(names).as("the scan knows what to look for").contains("signins", "users");

        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(CATALOGUE)).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = STRING_LITERAL.matcher(lines.get(i));
                    while (m.find()) {
                        String literal = m.group(1);
                        String where = SOURCES.relativize(file) + " \"" + literal + "\"";
                        if ((names.contains(literal) || paths.stream().anyMatch(literal::equalsIgnoreCase))
                                && !GRAPH_WORDS.contains(where)) {
                            found.add(SOURCES.relativize(file) + ":" + (i + 1) + " \"" + literal + "\"");
                        }
                    }
                }
            }
        }
        assertThat(found).as("name the type through DataTypeCatalog instead").isEmpty();
    }

    /** The scan itself: it would have found the literals the catalogue replaced. */
    @Test
    void theScanFindsALiteralDatasetName() {
        Matcher m = STRING_LITERAL.matcher("if (type.dataset().equals(\"signins\")) { path = \"/auditLogs/signIns\"; }");
        List<String> literals = new ArrayList<>();
        while (m.find()) {
            literals.add(m.group(1));
        }
        assertThat(literals).containsExactly("signins", "/auditLogs/signIns");
    }
}
