package com.entralake.lake;

import java.io.IOException;

import org.apache.hadoop.fs.Path;

/**
 * Replaces a whole partition folder by one staged in the staging area: the old partition is renamed aside (into
 * the staging area), the staged folder takes its name, then the old one is deleted. Between the two renames the
 * day is briefly absent, never half old and half new, so a reader globbing the dataset never sees a record twice.
 * A crash between them leaves the old partition aside as {@code .<partition>.replaced-<id>}: {@link CleanUp} puts
 * it back at the next run's start, because it is then the only copy of that day.
 */
final class PartitionSwap {

    private PartitionSwap() {
    }

    static void replace(LakeFileSystem lake, Path staged, Path partitionDir) throws IOException {
        Path replaced = null;
        try {
            if (lake.fs().exists(partitionDir)) {
                replaced = LakeLayout.stagingFolder(partitionDir, LakeLayout.REPLACED);
                lake.rename(partitionDir, replaced);
            } else if (!lake.fs().mkdirs(partitionDir.getParent())) { // the first partition of this dataset/tenant
                throw new IOException("cannot create " + partitionDir.getParent());
            }
            lake.rename(staged, partitionDir);
        } catch (IOException | RuntimeException e) {
            // the previous partition is the only copy of that day: put it back before giving up
            if (replaced != null && !lake.fs().exists(partitionDir)) {
                lake.rename(replaced, partitionDir);
            }
            throw e;
        }
        if (replaced != null) {
            lake.delete(replaced, true);
        }
    }
}
