package com.entralake.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An OS file lock per tenant (fcntl on Linux): the kernel drops it when the process dies, even on
 * {@code kill -9}. Used with the file-based H2 job repository, which only one host can use anyway.
 */
public final class FileTenantLock implements TenantLock {

    private final FileChannel channel;
    private final FileLock lock;

    private FileTenantLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static FileTenantLock acquire(Path lockDir, String tenantId, String tenantName) {
        Path file = lockDir.resolve(tenantId + ".lock");
        FileChannel channel = null;
        try {
            Files.createDirectories(lockDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw locked(tenantName, tenantId, file);
            }
            return new FileTenantLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw locked(tenantName, tenantId, file);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot create lock file " + file + ": " + e.getMessage(), e);
        }
    }

    private static TenantLockedException locked(String tenantName, String tenantId, Path file) {
        return new TenantLockedException("Another Entra Lake run is collecting tenant " + tenantName + " ("
                + tenantId + ") right now (lock " + file + " is held). This run leaves it alone; "
                + "if no run is active, the lock is released by the operating system when its process ends.");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the original problem is the one to report
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // everything this run did is committed; the kernel drops the lock with the process anyway
            org.slf4j.LoggerFactory.getLogger(FileTenantLock.class).warn("could not release the tenant lock: {}", e.getMessage());
        }
    }
}
