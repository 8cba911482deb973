package com.entralake.lake;

import java.io.IOException;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Removes what a crashed run left behind: hidden {@code .inprogress-} files beside their targets, and
 * {@code .staging-} and {@code .replaced-} directories in the staging area (or, written by versions before the
 * staging area, beside the partitions). Only safe while no other run writes the tenant, so call it at the start
 * of a run, under the per-tenant lock. Readers never saw these (hidden names, or outside the dataset's folder), so
 * deleting them changes nothing visible.
 */
public final class CleanUp {

    private CleanUp() {
    }

    /**
     * Deletes leftovers of the dataset/tenant folder — in its staging area, in the folder and in its partitions —
     * and returns how many it removed.
     */
    public static int removeAbandonedTemporaries(LakeFileSystem lake, Path datasetTenantDir) throws IOException {
        return removeFrom(lake, LakeLayout.stagingArea(datasetTenantDir), datasetTenantDir)
                + removeFrom(lake, datasetTenantDir, datasetTenantDir);
    }

    /** Leftovers in {@code dir}, whose replaced snapshots belong back in {@code datasetTenantDir}. */
    private static int removeFrom(LakeFileSystem lake, Path dir, Path datasetTenantDir) throws IOException {
        if (!lake.fs().exists(dir)) {
            return 0;
        }
        int removed = 0;
        for (FileStatus child : lake.fs().listStatus(dir)) {
            Path original = replacedOriginal(child.getPath(), datasetTenantDir);
            if (original != null && !lake.fs().exists(original)) {
                // a run died between moving a snapshot aside and moving its successor in: the old one is the
                // only copy of that day, so it goes back rather than away
                lake.rename(child.getPath(), original);
            } else if (isLeftover(child.getPath())) {
                removed += delete(lake, child.getPath());
            } else if (child.isDirectory() && !LakeLayout.isHidden(child.getPath())) {
                for (FileStatus file : lake.fs().listStatus(child.getPath())) {
                    if (isLeftover(file.getPath())) {
                        removed += delete(lake, file.getPath());
                    }
                }
            }
        }
        return removed;
    }

    /**
     * For a hidden {@code .<partition>.replaced-<id>} folder, the partition of {@code datasetTenantDir} it was moved
     * aside from; else null.
     */
    static Path replacedOriginal(Path path, Path datasetTenantDir) {
        String name = path.getName();
        int marker = name.indexOf(LakeLayout.REPLACED);
        return name.startsWith(".") && marker > 1 ? new Path(datasetTenantDir, name.substring(1, marker)) : null;
    }

    static boolean isLeftover(Path path) {
        String name = path.getName();
        return name.startsWith(".") && (name.contains(LakeLayout.INPROGRESS)
                || name.contains(LakeLayout.STAGING) || name.contains(LakeLayout.REPLACED));
    }

    private static int delete(LakeFileSystem lake, Path path) throws IOException {
        return lake.fs().delete(path, true) ? 1 : 0;
    }
}
