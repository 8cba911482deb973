package com.entralake.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.entralake.testing.JarProcess;

/** What the process tests share: the job clock they run at, and how they start and inspect a collect process. */
final class ProcessSupport {

    static final Instant NOW = Instant.parse("2026-11-20T10:07:00Z");
    /** The first run's range at {@link #NOW}: lag 5 min, window 1 h, backfill P2D (the fixture's). */
    static final Instant START = Instant.parse("2026-11-18T10:00:00Z");
    static final Instant END = Instant.parse("2026-11-20T10:00:00Z");
    static final Duration TIMEOUT = Duration.ofMinutes(3);
    /**
     * Short-lived child JVMs on a small CI machine: the client compiler only and the serial collector cut
     * start-up CPU roughly in half. What the tests assert does not depend on the JIT or the collector.
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private ProcessSupport() {
    }

    static JarProcess startCollect(Path workDir, Path config, Map<String, String> env) throws IOException {
        return startCollect(workDir, config, env, NOW);
    }

    static JarProcess startCollect(Path workDir, Path config, Map<String, String> env, Instant now) throws IOException {
        return JarProcess.start(workDir, env, JVM_OPTIONS, "collect", "--config=" + config, "--now=" + now);
    }

    static JarProcess.Result collect(Path workDir, Path config, Map<String, String> env)
            throws IOException, InterruptedException {
        return collect(workDir, config, env, NOW);
    }

    static JarProcess.Result collect(Path workDir, Path config, Map<String, String> env, Instant now)
            throws IOException, InterruptedException {
        return show(workDir.getFileName().toString(), startCollect(workDir, config, env, now).await(TIMEOUT));
    }

    /** Waits for every process (started together) and shows each one's output in the report. */
    static Map<String, JarProcess.Result> awaitAll(Map<String, JarProcess> processes)
            throws IOException, InterruptedException {
        Map<String, JarProcess.Result> results = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, JarProcess> e : processes.entrySet()) {
            results.put(e.getKey(), show(e.getKey(), e.getValue().await(TIMEOUT)));
        }
        return results;
    }

    /** Copies a child's output into the test report, so a failure can be read without the temporary folder. */
    static JarProcess.Result show(String label, JarProcess.Result result) {
        System.out.println("---- " + label + ": exit " + result.exitCode() + " ----");
        System.out.println(result.stdout());
        if (!result.stderr().isBlank()) {
            System.out.println("---- " + label + ": stderr ----");
            System.out.println(result.stderr());
        }
        return result;
    }

    /**
     * Hidden entries anywhere under the lake (window files in progress, snapshot staging or replaced folders,
     * checksum files): their names start with a dot. Relative paths.
     */
    static List<String> hiddenEntries(Path lake) {
        for (int attempt = 1; ; attempt++) {
            try {
                return hiddenEntriesOnce(lake);
            } catch (UncheckedIOException e) {
                // a file renamed or deleted while the walk was listing its folder: look again
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    private static List<String> hiddenEntriesOnce(Path lake) {
        if (!Files.isDirectory(lake)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(p -> p.getFileName().toString().startsWith("."))
                    .map(p -> lake.relativize(p).toString())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every regular file under a folder (recursively). */
    static List<Path> filesUnder(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stack trace line as the JVM prints one ("\tat com.x.Y.m(Y.java:12)") or an uncaught exception header. */
    static boolean hasStackTrace(String output) {
        return output.lines().anyMatch(l -> l.matches("\\s+at [\\w$.]+\\(.*\\)\\s*") || l.startsWith("Exception in thread")
                || l.matches("\\s*Caused by: .*"));
    }

    /** The message line under a data type's line in the run summary. */
    static String summaryMessageOf(String stdout, String dataset) {
        List<String> lines = stdout.lines().toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).matches("\\s{4}" + dataset + "\\s.*")) {
                return lines.get(i + 1).trim();
            }
        }
        throw new AssertionError("no summary line for " + dataset + " in:\n" + stdout);
    }
}
