package com.entralake.batch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.apache.avro.Schema;

import com.entralake.catalog.DataType;
import com.entralake.config.EntraLakeProperties;
import com.entralake.lake.LakeFileSystem;
import com.entralake.lake.LakeLayout;
import com.entralake.lake.ParquetSettings;
import com.entralake.lake.PartitionCompactor;
import com.entralake.schema.GraphSchemaCatalog;
import com.entralake.time.JobClock;

/** The lake, the schemas, the clock and the collection settings every collection step shares. */
public final class CollectionContext {

    private final LakeFileSystem lake;
    private final LakeLayout layout;
    private final ParquetSettings parquet;
    private final GraphSchemaCatalog schemas;
    private final JobClock clock;
    private final EntraLakeProperties.Collection settings;
    private final Map<String, Schema> schemaByDataset = new ConcurrentHashMap<>();
    /**
     * Days compacted at once in the JVM, whatever the number of tenants: a compaction is CPU-bound and holds a day's
     * Parquet writer with full-size pages, and fifty tenants finishing their backfill together compacted fifty days
     * at once and ran out of heap.
     */
    /** What a whole day's writer may buffer: decided by the heap and the tenants collected at once (HeapPlan). */
    private final long wholeDayRowGroup;
    private final Semaphore compactions = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), true);

    public CollectionContext(LakeFileSystem lake, ParquetSettings parquet, GraphSchemaCatalog schemas, JobClock clock,
            EntraLakeProperties.Collection settings, long wholeDayRowGroup) {
        this.lake = lake;
        this.layout = new LakeLayout(lake.root());
        this.parquet = parquet;
        this.schemas = schemas;
        this.clock = clock;
        this.settings = settings;
        this.wholeDayRowGroup = wholeDayRowGroup;
    }

    public Schema schemaOf(DataType type) {
        return schemaByDataset.computeIfAbsent(type.dataset(), d -> schemas.recordSchema(type.resourceType()));
    }

    /** How the files of {@code type} are written: the shared settings, with its unique columns without a dictionary. */
    public ParquetSettings parquetOf(DataType type) {
        return parquet.withPlainColumns(type.uniqueColumns());
    }

    /**
     * How a day written whole is written: full-size pages and row groups as large as the heap allows (one per day
     * where it can), as a compaction writes it; only its buffering differs from a window's.
     */
    public ParquetSettings wholeDayParquetOf(DataType type) {
        return parquetOf(type).withRowGroupSize(wholeDayRowGroup);
    }

    /** Rewrites the final days of {@code type} as compacted files of the configured size. */
    public PartitionCompactor compactorOf(DataType type) {
        return new PartitionCompactor(lake, type.dataset(), schemaOf(type), parquetOf(type),
                settings.getCompactTargetFileSize().toBytes());
    }

    /** Taken around each compaction of a day (see the field). */
    public Semaphore compactions() { return compactions; }

    public LakeFileSystem lake() { return lake; }
    public LakeLayout layout() { return layout; }
    public ParquetSettings parquet() { return parquet; }
    public JobClock clock() { return clock; }
    public EntraLakeProperties.Collection settings() { return settings; }
}
