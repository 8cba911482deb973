package com.entralake.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Microsoft's published example responses, copied into {@code src/test/resources/graph-examples} (see its README). */
final class GraphExamples {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private GraphExamples() {
    }

    /** The examples folder on the test classpath: the build never reads anything outside the repository. */
    static Path dir() {
        return com.entralake.testing.TestResources.graphExamples();
    }

    /** The {@code value} records of one example file. */
    static List<JsonNode> records(String file) {
        try {
            JsonNode page = MAPPER.readTree(dir().resolve(file).toFile());
            List<JsonNode> out = new ArrayList<>();
            page.path("value").forEach(out::add);
            if (out.isEmpty()) {
                throw new IllegalStateException(file + " has no value records");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** File names matching a glob, e.g. {@code v1.0-user-list.example*.json}, sorted. */
    static List<String> files(String glob) {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir(), glob)) {
            stream.forEach(p -> names.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        names.sort(null);
        if (names.isEmpty()) {
            throw new IllegalStateException("no example matches " + glob);
        }
        return names;
    }
}
