package com.entralake.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme {@code diskfull:}, on a "disk" ({@code fs.diskfull.disk}, a name)
 * with room for only {@code fs.diskfull.capacity-bytes} bytes over every file written to it: then each write
 * fails the way a full disk does, in the middle of a file. The room is kept per disk name, not per instance,
 * because the lake opens a file system per file. Register it with {@code entralake.hadoop.fs.diskfull.impl}.
 */
public class DiskFullFileSystem extends RawLocalFileSystem {

    private static final URI NAME = URI.create("diskfull:///");
    private static final java.util.Map<String, AtomicLong> DISKS = new java.util.concurrent.ConcurrentHashMap<>();
    private AtomicLong room = new AtomicLong(Long.MAX_VALUE);

    @Override
    public void initialize(URI uri, Configuration conf) throws IOException {
        super.initialize(uri, conf);
        long capacity = conf.getLong("fs.diskfull.capacity-bytes", Long.MAX_VALUE);
        room = DISKS.computeIfAbsent(conf.get("fs.diskfull.disk", "default"), d -> new AtomicLong(capacity));
    }

    @Override
    public URI getUri() {
        return NAME;
    }

    @Override
    public String getScheme() {
        return "diskfull";
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
            short replication, long blockSize, Progressable progress) throws IOException {
        return limited(super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
            Progressable progress) throws IOException {
        return limited(super.create(f, overwrite, bufferSize, replication, blockSize, progress));
    }

    private FSDataOutputStream limited(FSDataOutputStream out) throws IOException {
        OutputStream guarded = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                take(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                take(len);
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
        return new FSDataOutputStream(guarded, null);
    }

    private void take(long bytes) throws IOException {
        if (room.addAndGet(-bytes) < 0) {
            throw new IOException("No space left on device");
        }
    }
}
