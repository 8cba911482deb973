package com.entralake.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A fresh clone builds and tests on its own: no source, test, script or build file reaches outside the
 * repository (a user's clone has nothing beside it). The CI checkout happens to have a reference folder
 * next to the project, so a test reading it passes there and fails everywhere else; this test fails
 * everywhere instead.
 */
class SelfContainedBuildTest {

    /** A path built to climb out of the project (Paths.get("..", ...), resolve("../x"), ${basedir}/..) or the reference folder. */
    private static final Pattern LEAVES_THE_CLONE = Pattern.compile(
            "(Paths\\.get|Path\\.of|resolve|new File)\\(\\s*\"\\.\\.|\\$\\{(project\\.)?basedir\\}/\\.\\.|\\.\\./shared|shared/graph[-]examples");

    @Test
    void nothingInTheBuildReadsOutsideTheRepository() {
        List<String> offenders = new ArrayList<>();
        for (Path root : List.of(Path.of("src"), Path.of("pom.xml"), Path.of(".ci"), Path.of("bench"), Path.of("jobs"))) {
            for (Path file : files(root)) {
                if (file.endsWith(Path.of("SelfContainedBuildTest.java"))) {
                    continue;
                }
                List<String> lines = lines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (LEAVES_THE_CLONE.matcher(lines.get(i)).find()) {
                        offenders.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertThat(offenders).as("files that read outside the clone; copy what they need into the repository").isEmpty();
    }

    @Test
    void theExamplesTheTestsCompareWithAreInTheRepository() {
        Path examples = Path.of("src", "test", "resources", "graph-examples");
        assertThat(examples.resolve("README.md")).as("where the copies came from").isRegularFile();
        try (Stream<Path> listing = Files.list(examples)) {
            assertThat(listing.filter(p -> p.toString().endsWith(".json")).count()).isGreaterThan(10);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path root) {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().endsWith(".json") && !p.toString().endsWith(".parquet"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of(); // binary files (trust stores, keys) hold no paths
        }
    }
}
