package com.entralake.lake;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A file of {@link IdEntry entries} in sorted order, written once and read once, front to back. Runs live in the
 * snapshot's hidden staging directory on the lake's own file system (so whatever a crash leaves is removed with the
 * staging directory by {@link CleanUp}, and no local disk is needed).
 */
final class IdRun {

    private static final int WRITE_BUFFER = 64 * 1024;
    /** Per run being merged: dozens can be open at once, so each reads in modest blocks. */
    private static final int READ_BUFFER = 32 * 1024;

    private IdRun() {
    }

    /** A writer for a new run; entries must be appended in sorted order. */
    static final class Writer implements Closeable {
        private final DataOutputStream out;

        Writer(LakeFileSystem lake, Path path) throws IOException {
            out = new DataOutputStream(new BufferedOutputStream(create(lake, path), WRITE_BUFFER));
        }

        void append(IdEntry entry) throws IOException {
            entry.writeTo(out);
        }

        @Override
        public void close() throws IOException {
            IdEntry.writeEnd(out);
            out.close();
        }
    }

    /** Reads a run one entry at a time: {@link #current()} is the next entry not yet taken. */
    static final class Cursor implements Closeable, Comparable<Cursor> {
        private final DataInputStream in;
        private IdEntry current;

        Cursor(LakeFileSystem lake, Path path) throws IOException {
            in = new DataInputStream(new BufferedInputStream(open(lake, path), READ_BUFFER));
            current = IdEntry.readFrom(in);
        }

        IdEntry current() {
            return current;
        }

        /** Moves to the next entry; false (and closed) at the end of the run. */
        boolean advance() throws IOException {
            current = IdEntry.readFrom(in);
            if (current == null) {
                in.close();
                return false;
            }
            return true;
        }

        @Override
        public int compareTo(Cursor o) {
            return current.compareTo(o.current);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /**
     * Local runs go through java.nio: Hadoop's raw local file system forks {@code chmod} per new file without its
     * native library, and Parquet's LocalInputFile stream reads one byte per system call into a buffer.
     */
    private static OutputStream create(LakeFileSystem lake, Path path) throws IOException {
        if (lake.fs() instanceof RawLocalFileSystem local) {
            java.nio.file.Path file = local.pathToFile(path).toPath();
            Files.createDirectories(file.getParent());
            return Files.newOutputStream(file);
        }
        return lake.fs().create(path, true);
    }

    private static InputStream open(LakeFileSystem lake, Path path) throws IOException {
        if (lake.fs() instanceof RawLocalFileSystem local) {
            return Files.newInputStream(local.pathToFile(path).toPath());
        }
        return lake.fs().open(path);
    }
}
