package com.entralake.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged jar as a separate process, the way a scheduler does: exit status, stdout and stderr
 * are what the test asserts. Output goes to files so a killed process leaves its log behind.
 */
public final class JarProcess {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private JarProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static Path jar() {
        String jar = System.getProperty("entralake.jar", "target/entra-lake.jar");
        Path path = Path.of(jar);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("the packaged jar " + path + " is missing: run these tests with `mvn verify`");
        }
        return path;
    }

    public static JarProcess start(Path workDir, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toAbsolutePath().toString());
        command.addAll(List.of(args));
        Files.createDirectories(workDir);
        Path out = Files.createTempFile(workDir, "stdout-", ".log");
        Path err = Files.createTempFile(workDir, "stderr-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        return new JarProcess(builder.start(), out, err);
    }

    public static Result run(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return start(workDir, env, List.of(), args).await(Duration.ofMinutes(5));
    }

    public Result await(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("process did not finish in " + timeout + "; stdout:\n" + Files.readString(stdout));
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** SIGKILL: no shutdown hook, no finally block, no flush — what an OOM killer or a node loss does. */
    public Result kill() throws InterruptedException, IOException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** What the process has printed so far (it may still be running). */
    public String stdoutSoFar() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public String all() {
            return stdout + "\n" + stderr;
        }
    }
}
