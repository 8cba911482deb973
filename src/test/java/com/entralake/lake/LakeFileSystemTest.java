package com.entralake.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeFileSystemTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void plainPathAndFileUriUseTheRawLocalFileSystem() throws IOException {
        try (LakeFileSystem plain = LakeFileSystem.open(dir.toString());
             LakeFileSystem uri = LakeFileSystem.open(dir.toUri().toString())) {
            assertThat(plain.fs()).isInstanceOf(RawLocalFileSystem.class);
            assertThat(uri.fs()).isInstanceOf(RawLocalFileSystem.class);
            assertThat(plain.root()).isEqualTo(uri.root());
            assertThat(plain.root().toUri().getScheme()).isEqualTo("file");
            assertThat(plain.conf().get("fs.file.impl")).isEqualTo(RawLocalFileSystem.class.getName());
        }
        assertThat(new org.apache.hadoop.conf.Configuration().get("fs.file.impl.disable.cache"))
                .as("open() must not change the caller's or the default configuration").isNull();
    }

    @Test
    void parquetIsWrittenAtZstdLevelSixUnlessTheLakesHadoopSettingsSayOtherwise() throws IOException {
        org.apache.hadoop.conf.Configuration chosen = new org.apache.hadoop.conf.Configuration(false);
        chosen.set(ParquetSettings.ZSTD_LEVEL, "3");
        try (LakeFileSystem byDefault = LakeFileSystem.open(dir.toString());
             LakeFileSystem configured = LakeFileSystem.open(dir.toString(), chosen)) {
            assertThat(byDefault.conf().get(ParquetSettings.ZSTD_LEVEL)).isEqualTo("6");
            assertThat(configured.conf().get(ParquetSettings.ZSTD_LEVEL)).isEqualTo("3");
        }
        assertThat(chosen.get(ParquetSettings.ZSTD_LEVEL)).as("the given settings are not modified").isEqualTo("3");
    }

    @Test
    void missingObjectStoreConnectorIsNamed() {
        assertThatThrownBy(() -> LakeFileSystem.open("s3a://bucket/lake"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("No FileSystem for scheme s3a")
                .hasMessageContaining("hadoop-aws");
        assertThatThrownBy(() -> LakeFileSystem.open("abfss://c@account.dfs.core.windows.net/lake"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("hadoop-azure");
    }

    @Test
    void replaceOverwritesAnExistingTarget() throws IOException {
        try (LakeFileSystem lake = LakeFileSystem.open(dir.toString())) {
            java.nio.file.Path target = dir.resolve("f.parquet");
            Files.writeString(target, "old");
            java.nio.file.Path tmp = dir.resolve(".f.parquet.inprogress-1");
            Files.writeString(tmp, "new");

            lake.replace(new Path(tmp.toUri()), new Path(target.toUri()));

            assertThat(Files.readString(target)).isEqualTo("new");
            assertThat(tmp).doesNotExist();
        }
    }

    /** A delete-then-rename would let the reader see no file at all; an atomic rename never does. */
    @Test
    void readerNeverSeesTheTargetMissingOrPartialDuringReplace() throws Exception {
        try (LakeFileSystem lake = LakeFileSystem.open(dir.toString())) {
            java.nio.file.Path target = dir.resolve("f.parquet");
            String content = "x".repeat(64 * 1024);
            Files.writeString(target, content);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger anomalies = new AtomicInteger();
            AtomicInteger reads = new AtomicInteger();
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        byte[] bytes = Files.readAllBytes(target);
                        if (bytes.length != content.length()) {
                            anomalies.incrementAndGet();
                        }
                    } catch (IOException e) {
                        anomalies.incrementAndGet();
                    }
                    reads.incrementAndGet();
                }
            });
            reader.start();
            for (int i = 0; i < 2000; i++) {
                java.nio.file.Path tmp = dir.resolve(".f.parquet.inprogress-" + i);
                Files.write(tmp, content.getBytes(StandardCharsets.UTF_8));
                lake.replace(new Path(tmp.toUri()), new Path(target.toUri()));
            }
            stop.set(true);
            reader.join();
            assertThat(reads.get()).isPositive();
            assertThat(anomalies.get()).isZero();
        }
    }
}
