package com.entralake.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * Not a test: a rough throughput check of {@link RecordNormalizer#normalize} on Microsoft's example
 * sign-ins (JSON parsing excluded: the reader parses pages anyway). Run from the project dir:
 * {@code mvn -o test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test}, then
 * {@code java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) com.entralake.schema.NormalizeBenchmark}.
 * Measured 2026-11-27 on a shared 2-vCPU box, JDK 17: about 170-180k records/s for the v1.0 example,
 * about 105k/s for the larger beta one; serialising raw_json is over half of it.
 */
public final class NormalizeBenchmark {

    public static void main(String[] args) {
        RecordNormalizer normalizer = new RecordNormalizer(GraphSchemaCatalog.load().recordSchema("signIn"));
        for (String file : new String[] {"v1.0-signin-list.example1.json", "beta-signin-list.example1.json"}) {
            JsonNode record = GraphExamples.records(file).get(0);
            Instant now = Instant.now();
            long sink = 0;
            for (int i = 0; i < 300_000; i++) { // warm-up
                sink += normalizer.normalize(record, now).hashCode() & 1;
            }
            int n = 2_000_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += ((String) normalizer.normalize(record, now).get("raw_json")).length() & 1;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%s: %,.0f records/s (%d in %.2f s, sink %d)%n", file, n / seconds, n, seconds, sink);
        }
    }
}
