package com.entralake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

import com.github.luben.zstd.Zstd;

class PooledZstdCodecFactoryTest {

    private static final int PAGE = 256 * 1024;

    /** Sign-in-like text: repetitive enough that the level changes the output. */
    private static byte[] page(int seed) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 20_000; i++) {
            text.append("{\"id\":\"").append(seed).append('-').append(i * 7919 % 1000)
                    .append("\",\"appDisplayName\":\"Office 365\",\"status\":{\"errorCode\":").append(i % 3).append("}}");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Configuration level(int level) {
        Configuration conf = new Configuration(false);
        conf.setInt(ParquetSettings.ZSTD_LEVEL, level);
        return conf;
    }

    @Test
    void zstdPagesAreTheStandardFrameOfTheConfiguredLevelAndParquetReadsThemBack() throws Exception {
        byte[] input = page(1);
        CodecFactory parquets = new CodecFactory(new Configuration(false), PAGE);
        for (int level : new int[] {19, 1, 6, 3}) {  // one pooled context serves every level in turn
            CompressionCodecFactory factory = new PooledZstdCodecFactory(level(level), PAGE);
            byte[] compressed = factory.getCompressor(CompressionCodecName.ZSTD).compress(BytesInput.from(input)).toByteArray();

            assertThat(compressed).as("level %d", level).isEqualTo(Zstd.compress(input, level));
            byte[] back = parquets.getDecompressor(CompressionCodecName.ZSTD)
                    .decompress(BytesInput.from(compressed), input.length).toByteArray();
            assertThat(back).isEqualTo(input);
            factory.release();
        }
        assertThat(Zstd.compress(input, 19).length).as("the levels differ on this page").isLessThan(Zstd.compress(input, 1).length);
        parquets.release();
    }

    @Test
    void writersCompressingAtOnceNeverShareAContext() throws Exception {
        CompressionCodecFactory factory = new PooledZstdCodecFactory(level(6), PAGE);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 400; task++) {
                int seed = task;
                results.add(threads.submit(() -> {
                    byte[] input = page(seed);
                    byte[] compressed = factory.getCompressor(CompressionCodecName.ZSTD)
                            .compress(BytesInput.from(input)).toByteArray();
                    return java.util.Arrays.equals(Zstd.decompress(compressed, input.length), input);
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void otherCodecsAreParquetsOwn() throws Exception {
        CompressionCodecFactory factory = new PooledZstdCodecFactory(level(6), PAGE);
        byte[] input = page(2);
        CompressionCodecFactory.BytesInputCompressor snappy = factory.getCompressor(CompressionCodecName.SNAPPY);

        assertThat(snappy.getCodecName()).isEqualTo(CompressionCodecName.SNAPPY);
        byte[] compressed = snappy.compress(BytesInput.from(input)).toByteArray();
        assertThat(factory.getDecompressor(CompressionCodecName.SNAPPY)
                .decompress(BytesInput.from(compressed), input.length).toByteArray()).isEqualTo(input);
        factory.release();
    }
}
