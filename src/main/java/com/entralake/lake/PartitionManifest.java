package com.entralake.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code <dataset>/tenant_id=<GUID>/_manifest.json}: tells downstream jobs which partitions will not
 * change again. Built by listing the partition folders (hidden entries ignored), so it describes what is
 * in the lake, not what a run believes it wrote; written to a hidden temporary and renamed over the old
 * manifest. The leading underscore keeps Hive, Spark and Trino from treating it as data.
 *
 * <p><b>Events</b> (partition = UTC day D): <i>final</i> when {@code D+1 00:00Z + lookback <= watermark}.
 * D+1 00:00Z is the end of D's last window; every later run re-collects only windows ending after
 * {@code watermark - lookback}, so none of D's windows will be rewritten. Otherwise <i>provisional</i>.
 *
 * A final event day is then compacted ({@link PartitionCompactor}), and its entry says {@code "compacted": true}.
 *
 * <p><b>Snapshots</b> (partition = run day): <i>final</i> when its date is before the latest snapshot date;
 * only the latest day can still be replaced by a rerun on the same day.
 */
public final class PartitionManifest {

    public static final String FINAL = "final";
    public static final String PROVISIONAL = "provisional";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One partition folder as listed; {@code compacted} when its files are a compacted day's
     * ({@link PartitionCompactor}), which for an event day means it is final and in its final files.
     */
    public record PartitionEntry(String partition, String state, List<String> files, long bytes, boolean compacted) {
    }

    /** The manifest as read back; {@code watermark}/{@code lookback} are null for snapshots, {@code latestSnapshotDate} for events. */
    public record Manifest(String dataset, String tenantId, String kind, Instant updatedAt, Instant watermark,
                           Duration lookback, LocalDate latestSnapshotDate, List<PartitionEntry> partitions) {

        public PartitionEntry partition(String name) {
            return partitions.stream().filter(p -> p.partition().equals(name)).findFirst().orElse(null);
        }
    }

    private PartitionManifest() {
    }

    public static Manifest writeEvents(LakeFileSystem lake, LakeLayout layout, String dataset, String tenantId,
                                       Instant watermark, Duration lookback, Instant updatedAt) throws IOException {
        Objects.requireNonNull(watermark, "watermark: write the events manifest only after a window has committed");
        Objects.requireNonNull(lookback, "lookback");
        Objects.requireNonNull(updatedAt, "updatedAt");
        List<PartitionEntry> partitions = list(lake, layout, dataset, tenantId, LakeLayout.EVENT_DATE,
                date -> isEventPartitionFinal(date, watermark, lookback));
        Manifest manifest = new Manifest(dataset, tenantId, "events", updatedAt, watermark, lookback, null, partitions);
        write(lake, layout.manifestFile(dataset, tenantId), manifest);
        return manifest;
    }

    public static Manifest writeSnapshot(LakeFileSystem lake, LakeLayout layout, String dataset, String tenantId,
                                         LocalDate latestSnapshotDate, Instant updatedAt) throws IOException {
        Objects.requireNonNull(latestSnapshotDate, "latestSnapshotDate");
        Objects.requireNonNull(updatedAt, "updatedAt");
        List<PartitionEntry> partitions = list(lake, layout, dataset, tenantId, LakeLayout.SNAPSHOT_DATE,
                date -> date.isBefore(latestSnapshotDate));
        Manifest manifest = new Manifest(dataset, tenantId, "snapshot", updatedAt, null, null, latestSnapshotDate, partitions);
        write(lake, layout.manifestFile(dataset, tenantId), manifest);
        return manifest;
    }

    /** The rule in the class comment: the day's end plus the lookback is at or before the watermark. */
    public static boolean isEventPartitionFinal(LocalDate eventDate, Instant watermark, Duration lookback) {
        Instant dayEnd = eventDate.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return !dayEnd.plus(lookback).isAfter(watermark);
    }

    public static Manifest read(LakeFileSystem lake, LakeLayout layout, String dataset, String tenantId) throws IOException {
        JsonNode node;
        try (InputStream in = lake.fs().open(layout.manifestFile(dataset, tenantId))) {
            node = JSON.readTree(in);
        }
        List<PartitionEntry> partitions = new ArrayList<>();
        for (JsonNode p : node.path("partitions")) {
            List<String> files = new ArrayList<>();
            p.path("files").forEach(f -> files.add(f.asText()));
            partitions.add(new PartitionEntry(p.path("partition").asText(), p.path("state").asText(), files,
                    p.path("bytes").asLong(), p.path("compacted").asBoolean(false)));
        }
        return new Manifest(node.path("dataset").asText(), node.path("tenant_id").asText(), node.path("kind").asText(),
                Instant.parse(node.path("updated_at").asText()),
                node.hasNonNull("watermark") ? Instant.parse(node.get("watermark").asText()) : null,
                node.hasNonNull("lookback") ? Duration.parse(node.get("lookback").asText()) : null,
                node.hasNonNull("latest_snapshot_date") ? LocalDate.parse(node.get("latest_snapshot_date").asText()) : null,
                partitions);
    }

    private interface FinalRule {
        boolean isFinal(LocalDate partitionDate);
    }

    private static List<PartitionEntry> list(LakeFileSystem lake, LakeLayout layout, String dataset, String tenantId,
                                             String key, FinalRule rule) throws IOException {
        Path dir = layout.datasetTenantDir(dataset, tenantId);
        List<PartitionEntry> entries = new ArrayList<>();
        if (!lake.fs().exists(dir)) {
            return entries;
        }
        FileStatus[] children = lake.fs().listStatus(dir);
        Arrays.sort(children, Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus child : children) {
            String name = child.getPath().getName();
            if (!child.isDirectory() || LakeLayout.isHidden(child.getPath()) || !name.startsWith(key + "=")) {
                continue;
            }
            LocalDate date = LocalDate.parse(name.substring(key.length() + 1));
            List<String> files = new ArrayList<>();
            long bytes = 0;
            boolean compacted = false;
            FileStatus[] contents = lake.fs().listStatus(child.getPath());
            Arrays.sort(contents, Comparator.comparing(s -> s.getPath().getName()));
            for (FileStatus file : contents) {
                if (file.isFile() && !LakeLayout.isHidden(file.getPath())) {
                    files.add(file.getPath().getName());
                    bytes += file.getLen();
                    compacted |= LakeLayout.isCompactedFile(file.getPath());
                }
            }
            entries.add(new PartitionEntry(name, rule.isFinal(date) ? FINAL : PROVISIONAL, files, bytes, compacted));
        }
        return entries;
    }

    private static void write(LakeFileSystem lake, Path target, Manifest m) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", m.dataset());
        json.put("tenant_id", m.tenantId());
        json.put("kind", m.kind());
        json.put("updated_at", m.updatedAt().toString());
        if (m.watermark() != null) {
            json.put("watermark", m.watermark().toString());
            json.put("lookback", m.lookback().toString());
        }
        if (m.latestSnapshotDate() != null) {
            json.put("latest_snapshot_date", m.latestSnapshotDate().toString());
        }
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (PartitionEntry p : m.partitions()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("partition", p.partition());
            entry.put("state", p.state());
            entry.put("files", p.files());
            entry.put("bytes", p.bytes());
            entry.put("compacted", p.compacted());
            partitions.add(entry);
        }
        json.put("partitions", partitions);

        lake.fs().mkdirs(target.getParent());
        Path temp = LakeLayout.inProgressFile(target);
        try {
            try (OutputStream out = lake.fs().create(temp, true)) {
                out.write(JSON.writeValueAsBytes(json));
            }
            lake.replace(temp, target);
        } catch (IOException | RuntimeException e) {
            lake.fs().delete(temp, false);
            throw e;
        }
    }
}
