package com.entralake.lake;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/** The event days of a dataset/tenant folder that are final ({@link PartitionManifest}'s rule) and not compacted yet. */
public final class FinalDays {

    private FinalDays() {
    }

    /**
     * Final days, oldest first, without those the current manifest already lists as compacted: a compacted day stays
     * compacted (a window written into it again keeps it so), so a long history is not listed day by day every run.
     */
    public static List<Path> uncompacted(LakeFileSystem lake, LakeLayout layout, String dataset, String tenantId,
            Instant watermark, Duration lookback) throws IOException {
        Path dir = layout.datasetTenantDir(dataset, tenantId);
        List<Path> days = new ArrayList<>();
        if (!lake.fs().exists(dir)) {
            return days;
        }
        Set<String> compacted = compactedInManifest(lake, layout, dataset, tenantId);
        String prefix = LakeLayout.EVENT_DATE + "=";
        for (FileStatus child : lake.fs().listStatus(dir)) {
            String name = child.getPath().getName();
            if (child.isDirectory() && name.startsWith(prefix) && !compacted.contains(name)
                    && PartitionManifest.isEventPartitionFinal(LocalDate.parse(name.substring(prefix.length())), watermark, lookback)) {
                days.add(child.getPath());
            }
        }
        days.sort(Comparator.comparing(Path::getName));
        return days;
    }

    private static Set<String> compactedInManifest(LakeFileSystem lake, LakeLayout layout, String dataset, String tenantId) {
        Set<String> compacted = new HashSet<>();
        try {
            if (lake.fs().exists(layout.manifestFile(dataset, tenantId))) {
                for (PartitionManifest.PartitionEntry entry : PartitionManifest.read(lake, layout, dataset, tenantId).partitions()) {
                    if (entry.compacted()) {
                        compacted.add(entry.partition());
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // a manifest that cannot be read saves nothing: every final day is looked at, and compact() skips the done ones
        }
        return compacted;
    }
}
