package com.entralake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.entralake.lock.ProcessIdentity;
import com.entralake.testing.ReadOnlyFileSystem;

class LakePreflightTest {

    @TempDir
    Path dir;

    private static java.util.Optional<String> problem(String root) throws IOException {
        try (LakeFileSystem lake = LakeFileSystem.open(root)) {
            return LakePreflight.problem(lake);
        }
    }

    @Test
    void aWritableFolderPassesAndKeepsNoProbe() throws IOException {
        Files.createDirectories(dir.resolve("lake"));
        assertThat(problem(dir.resolve("lake").toString())).isEmpty();
        try (var files = Files.list(dir.resolve("lake"))) {
            assertThat(files).as("the probe is deleted").isEmpty();
        }
    }

    @Test
    void probesOfRunsThatDiedAreRemovedAndProbesOfLiveRunsStay() throws Exception {
        Path lake = Files.createDirectories(dir.resolve("lake"));
        ProcessIdentity self = ProcessIdentity.current();
        Process finished = new ProcessBuilder("true").start();
        ProcessIdentity deadWriter = identityOf(self, finished.toHandle());
        finished.waitFor();
        Process sleeping = new ProcessBuilder("sleep", "60").start();
        try {
            probe(lake, "dead", deadWriter, Duration.ZERO);
            probe(lake, "alive", identityOf(self, sleeping.toHandle()), Duration.ZERO);
            probe(lake, "elsewhere", new ProcessIdentity("another-host", "pid:[1]@boot", 7, Instant.now()), Duration.ZERO);
            probe(lake, "elsewhere-long-ago", new ProcessIdentity("another-host", "pid:[1]@boot", 7, Instant.now()),
                    WriteProbe.ABANDONED_AFTER.plusMinutes(1));
            Files.writeString(lake.resolve(WriteProbe.PREFIX + "garbage"), "not an identity");

            assertThat(problem(lake.toString())).isEmpty();

            try (var files = Files.list(lake)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("a dead run's probe and one older than any probe lives go; live or unknown writers' stay")
                        .containsExactlyInAnyOrder(WriteProbe.PREFIX + "alive", WriteProbe.PREFIX + "elsewhere",
                                WriteProbe.PREFIX + "garbage");
            }
        } finally {
            sleeping.destroyForcibly();
        }
    }

    private static ProcessIdentity identityOf(ProcessIdentity self, ProcessHandle process) {
        return new ProcessIdentity(self.host(), self.pidNamespace(), process.pid(), process.info().startInstant().orElse(null));
    }

    private static void probe(Path lake, String suffix, ProcessIdentity writer, Duration age) throws IOException {
        Path probe = lake.resolve(WriteProbe.PREFIX + suffix);
        try (LakeFileSystem fs = LakeFileSystem.open(lake.toString())) {
            WriteProbe.write(fs.fs(), new org.apache.hadoop.fs.Path(probe.toUri()), writer);
        }
        Files.setLastModifiedTime(probe, FileTime.from(Instant.now().minus(age)));
    }

    @Test
    void aMissingRootWhoseParentExistsIsCreated() throws IOException {
        assertThat(problem(dir.resolve("new-lake").toString())).isEmpty();
        assertThat(dir.resolve("new-lake")).isDirectory();
    }

    @Test
    void aFileIsNotALake() throws IOException {
        Path file = Files.writeString(dir.resolve("lake"), "x");
        assertThat(problem(file.toString())).hasValue(file + " is a file, not a folder: point entralake.lake-root at a folder");
    }

    @Test
    void aMissingParentIsNotCreated() throws IOException {
        Path root = dir.resolve("typo").resolve("lake");
        assertThat(problem(root.toString())).hasValueSatisfying(p -> assertThat(p)
                .isEqualTo(root + " does not exist, and neither does " + root.getParent()
                        + ": create that folder, or correct entralake.lake-root"));
        assertThat(root.getParent()).doesNotExist();
    }

    @Test
    void aParentThatIsAFileIsSaid() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThat(problem(file.resolve("lake").toString())).hasValueSatisfying(p -> assertThat(p)
                .contains("cannot be created: " + file + " is a file, not a folder"));
    }

    @Test
    void aFileSystemThatRefusesWritesIsNotWritable() throws IOException {
        // root is not stopped by permission bits: a file system that refuses writes stands for a read-only
        // mount, a full disk or a bucket policy
        Files.createDirectories(dir.resolve("ro"));
        Configuration conf = new Configuration();
        conf.set("fs.readonly.impl", ReadOnlyFileSystem.class.getName());
        try (LakeFileSystem lake = LakeFileSystem.open("readonly://" + dir.resolve("ro"), conf)) {
            assertThat(LakePreflight.problem(lake)).hasValueSatisfying(p -> assertThat(p)
                    .startsWith("readonly:" + dir.resolve("ro") + " is not writable: ")
                    .contains("read-only file system"));
        }
    }
}
