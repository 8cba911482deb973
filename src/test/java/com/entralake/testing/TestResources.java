package com.entralake.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Files the tests read, found on the test classpath so that a fresh clone holds everything its build needs. */
public final class TestResources {

    private TestResources() {
    }

    /** Microsoft's example responses and Graph metadata extracts: {@code src/test/resources/graph-examples}. */
    public static Path graphExamples() {
        return folder("/graph-examples");
    }

    /** The demo tenant's sample data, {@code sample-data/} of the clone (the build runs from its root). */
    public static Path sampleData() {
        Path folder = Path.of("sample-data");
        if (!java.nio.file.Files.isDirectory(folder)) {
            throw new IllegalStateException("sample-data/ is missing: run the tests from the project's root");
        }
        return folder;
    }

    private static Path folder(String name) {
        URL url = TestResources.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is missing from the test classpath (src/test/resources)");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read " + url, e);
        }
    }
}
