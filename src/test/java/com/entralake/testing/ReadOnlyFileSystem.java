package com.entralake.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code readonly:}, refusing every write: what a read-only mount,
 * a full disk or an object-store policy looks like to the lake, even to a process running as root.
 * Register it with {@code entralake.hadoop.fs.readonly.impl}.
 */
public class ReadOnlyFileSystem extends RawLocalFileSystem {

    private static final URI NAME = URI.create("readonly:///");

    @Override
    public URI getUri() {
        return NAME;
    }

    @Override
    public String getScheme() {
        return "readonly";
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        throw new AccessDeniedException(f + ": read-only file system");
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
            Progressable progress) throws IOException {
        throw new AccessDeniedException(f + ": read-only file system");
    }

    @Override
    public boolean mkdirs(Path f, FsPermission permission) throws IOException {
        throw new AccessDeniedException(f + ": read-only file system");
    }
}
