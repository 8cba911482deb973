package com.entralake.lake;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.Path;

import com.entralake.window.TimeWindow;

/**
 * Where everything lives in the lake. Hive-style {@code key=value} folders so Spark, Trino and DuckDB
 * discover {@code tenant_id} and {@code event_date}/{@code snapshot_date} as columns:
 *
 * <pre>
 * root/dataset/tenant_id=GUID/event_date=yyyy-MM-dd/dataset-yyyyMMddTHHmmssZ-PT1H.parquet
 * root/dataset/tenant_id=GUID/event_date=yyyy-MM-dd/dataset-yyyyMMddT000000Z-P1D-part-00000.parquet (compacted)
 * root/dataset/tenant_id=GUID/snapshot_date=yyyy-MM-dd/part-00000.parquet
 * root/dataset/tenant_id=GUID/_manifest.json
 * root/quarantine/tenant_id=GUID/source_dataset=dataset/dataset-DIGEST.parquet
 * root/_staging/dataset/tenant_id=GUID/.snapshot_date=yyyy-MM-dd.staging-UUID/part-00000.parquet
 * </pre>
 *
 * A window's temporary file is hidden ({@code .} prefix, no {@code .parquet} ending) and in the same directory as
 * its target, so its commit is one rename inside one directory. A snapshot is staged — and the one it replaces
 * waits to be deleted — in {@code root/_staging}, outside every dataset's folder: its part files are complete
 * Parquet files long before they are committed, and a reader's glob over a dataset ({@code users/**}{@code /*.parquet}
 * in DuckDB, which descends into hidden folders) must not reach them. The staging area is on the same file
 * system as the lake, so the swap is still one directory rename.
 */
public final class LakeLayout {

    public static final String EVENT_DATE = "event_date";
    public static final String SNAPSHOT_DATE = "snapshot_date";
    public static final String MANIFEST = "_manifest.json";
    public static final String QUARANTINE = "quarantine";
    public static final String SOURCE_DATASET = "source_dataset";
    static final String INPROGRESS = ".inprogress-";
    static final String STAGING = ".staging-";
    static final String REPLACED = ".replaced-";
    static final String STAGING_AREA = "_staging";

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATASET = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    private static final String COMPACTED_PART = "P1D-part-";
    private static final Pattern COMPACTED_NAME = Pattern.compile(".*-\\d{8}T000000Z-P1D-part-\\d{5}\\.parquet");
    private static final DateTimeFormatter WINDOW_START =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path root;

    public LakeLayout(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path datasetTenantDir(String dataset, String tenantId) {
        return new Path(new Path(root, checkDataset(dataset)), "tenant_id=" + checkTenant(tenantId));
    }

    public Path eventPartition(String dataset, String tenantId, LocalDate eventDate) {
        return new Path(datasetTenantDir(dataset, tenantId), EVENT_DATE + "=" + eventDate);
    }

    public Path snapshotPartition(String dataset, String tenantId, LocalDate snapshotDate) {
        return new Path(datasetTenantDir(dataset, tenantId), SNAPSHOT_DATE + "=" + snapshotDate);
    }

    /**
     * The one file of a window, named from the window alone: rewriting the window (lookback, restart)
     * replaces this file instead of adding a second one.
     */
    public Path windowFile(String dataset, String tenantId, TimeWindow window) {
        String name = dataset + "-" + WINDOW_START.format(window.start()) + "-" + window.length() + ".parquet";
        return new Path(eventPartition(dataset, tenantId, window.startDate()), name);
    }

    /**
     * Part {@code part} of a compacted day: what replaces the day's window files once the day is final, named from
     * the day and the part's number alone, so compacting the same day again writes the same names.
     */
    public static Path compactedFile(Path partitionDir, String dataset, LocalDate day, int part) {
        String name = String.format(java.util.Locale.ROOT, "%s-%s-%s%05d.parquet", checkDataset(dataset),
                WINDOW_START.format(day.atStartOfDay(ZoneOffset.UTC)), COMPACTED_PART, part);
        return new Path(partitionDir, name);
    }

    /** Whether {@code file} is part of a compacted day (and not a window's file). */
    public static boolean isCompactedFile(Path file) {
        return !isHidden(file) && COMPACTED_NAME.matcher(file.getName()).matches();
    }

    /**
     * A record set aside because it could not be placed, named by a digest of its content so that reading it
     * again replaces the file; partitioned by the dataset it came from.
     */
    public Path quarantineFile(String sourceDataset, String tenantId, String digest) {
        Path dir = new Path(datasetTenantDir(QUARANTINE, tenantId), SOURCE_DATASET + "=" + checkDataset(sourceDataset));
        return new Path(dir, sourceDataset + "-" + digest + ".parquet");
    }

    public Path manifestFile(String dataset, String tenantId) {
        return new Path(datasetTenantDir(dataset, tenantId), MANIFEST);
    }

    /** A hidden, unique sibling of {@code target} to write before renaming over it. */
    public static Path inProgressFile(Path target) {
        return new Path(target.getParent(), "." + target.getName() + INPROGRESS + UUID.randomUUID());
    }

    /**
     * Where the snapshots of a dataset/tenant folder are staged and replaced ones wait to be deleted:
     * {@code root/_staging/dataset/tenant_id=GUID}.
     */
    static Path stagingArea(Path datasetTenantDir) {
        Path datasetDir = datasetTenantDir.getParent();
        return new Path(new Path(new Path(datasetDir.getParent(), STAGING_AREA), datasetDir.getName()),
                datasetTenantDir.getName());
    }

    /** A new, unique hidden folder in the staging area for {@code partitionDir}: {@code .<partition><marker><uuid>}. */
    static Path stagingFolder(Path partitionDir, String marker) {
        return new Path(stagingArea(partitionDir.getParent()), "." + partitionDir.getName() + marker + UUID.randomUUID());
    }

    /** Hidden files and folders ({@code .x}, {@code _x}): what Hive, Spark and Trino skip when listing. */
    public static boolean isHidden(Path path) {
        String name = path.getName();
        return name.startsWith(".") || name.startsWith("_");
    }

    static String checkTenant(String tenantId) {
        if (tenantId == null || !GUID.matcher(tenantId).matches()) {
            throw new IllegalArgumentException("tenant id must be the directory (tenant) GUID, e.g. "
                    + "00000000-0000-0000-0000-000000000000, not a display name or domain: " + tenantId);
        }
        return tenantId.toLowerCase(java.util.Locale.ROOT);
    }

    static String checkDataset(String dataset) {
        if (dataset == null || !DATASET.matcher(dataset).matches()) {
            throw new IllegalArgumentException("dataset must be lower_snake_case (e.g. signins, directory_audits): " + dataset);
        }
        return dataset;
    }
}
