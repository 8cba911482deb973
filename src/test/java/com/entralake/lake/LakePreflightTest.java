package com.entralake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
