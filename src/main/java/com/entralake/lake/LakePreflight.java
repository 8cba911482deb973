package com.entralake.lake;

import java.io.IOException;
import java.util.Optional;
import java.time.Instant;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Before a collection reads anything from Graph: the lake root is a folder this process can write to, or
 * does not exist yet and its parent does (then it is created). Checked by writing and deleting a hidden
 * probe file through the lake's own Hadoop file system, so it holds for hdfs:// and object stores as for
 * a local folder, and for reasons no permission bit shows (a read-only mount, a full disk, a bucket policy).
 */
public final class LakePreflight {

    private LakePreflight() {
    }

    /** Why the lake cannot be written, or empty when it can. */
    public static Optional<String> problem(LakeFileSystem lake) {
        FileSystem fs = lake.fs();
        Path root = lake.root();
        String shown = shown(root);
        try {
            if (fs.exists(root)) {
                if (!fs.getFileStatus(root).isDirectory()) {
                    return Optional.of(shown + " is a file, not a folder: point entralake.lake-root at a folder");
                }
            } else if (hasFolders(fs)) {
                Path parent = root.getParent();
                if (parent != null && !fs.exists(parent)) {
                    // only the last folder is created, so a mistyped path is noticed instead of built
                    return Optional.of(shown + " does not exist, and neither does " + shown(parent)
                            + ": create that folder, or correct entralake.lake-root");
                }
                if (parent != null) {
                    FileStatus parentStatus = fs.getFileStatus(parent);
                    if (!parentStatus.isDirectory()) {
                        return Optional.of(shown + " cannot be created: " + shown(parent) + " is a file, not a folder");
                    }
                }
                if (!fs.mkdirs(root)) {
                    return Optional.of(shown + " does not exist and cannot be created");
                }
            }
            // on an object store a "folder" is only a key prefix that exists once something is under it: the
            // write probe alone says whether the lake can be written
            WriteProbe.writeAndDelete(fs, root);
            WriteProbe.removeAbandoned(fs, root, Instant.now());
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(shown + " is not writable: " + reason(e));
        }
    }

    /** Local and HDFS lakes have real folders; object stores (s3a, abfs, gs, ...) only key prefixes. */
    private static boolean hasFolders(FileSystem fs) {
        String scheme = fs.getUri().getScheme();
        return scheme == null || scheme.equals("file") || scheme.equals("hdfs") || fs instanceof org.apache.hadoop.fs.LocalFileSystem
                || fs instanceof org.apache.hadoop.fs.RawLocalFileSystem;
    }

    private static String shown(Path path) {
        String text = path.toString();
        return text.startsWith("file:") ? path.toUri().getPath() : text;
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }
}
