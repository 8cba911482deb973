package com.entralake.lock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * An OS file lock per tenant (fcntl on Linux): the kernel drops it when the process dies, even on
 * {@code kill -9}. Used with the file-based H2 job repository, which only one host can use anyway.
 *
 * <p>The lock belongs to the open file, not to its name: if the lock file is deleted or replaced while
 * held (a clean-up job, an operator), the next run creates a new file under the same name and locks that
 * one while this run still holds the old one. So {@link #ensureHeld()} compares the file this run locked
 * with the one the name points to now.
 */
public final class FileTenantLock extends CheckedTenantLock {

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    /** The identity (inode) of the locked file; null where the file system has none (then only deletion is seen). */
    private final Object fileKey;
    private final String tenant;

    private FileTenantLock(Path file, FileChannel channel, FileLock lock, Object fileKey, String tenant) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.fileKey = fileKey;
        this.tenant = tenant;
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
            writeOwner(channel);
            // the name's file is the one just locked unless it was replaced in the last microseconds: checked from now on
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return new FileTenantLock(file, channel, lock, key, tenantName + " (" + tenantId + ")");
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw locked(tenantName, tenantId, file);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot create lock file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Who holds it, for an operator who looks (cat): written through the locked channel, never read back by name. */
    private static void writeOwner(FileChannel channel) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("locked by pid " + ProcessHandle.current().pid() + "\n")
                .getBytes(StandardCharsets.UTF_8)), 0);
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

    /**
     * Only stats the name: opening the file again and closing it would release this process's fcntl lock
     * (POSIX drops all of a process's locks on a file when any descriptor of it closes).
     */
    @Override
    protected String check() {
        if (!lock.isValid()) {
            return "the tenant lock of " + tenant + " was lost: the lock on " + file + " was released";
        }
        try {
            Object now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            if (fileKey != null && !Objects.equals(fileKey, now)) {
                return "the tenant lock of " + tenant + " was lost: its lock file " + file
                        + " was replaced while this run held it, so another run can lock the new file";
            }
            return null;
        } catch (NoSuchFileException e) {
            return "the tenant lock of " + tenant + " was lost: its lock file " + file
                    + " was deleted while this run held it, so another run can create and lock a new one"
                    + " (keep lock-dir out of reach of clean-up jobs)";
        } catch (IOException e) {
            return "the tenant lock of " + tenant + " was lost: its lock file " + file + " cannot be checked ("
                    + e.getMessage() + ")";
        }
    }

    @Override
    public synchronized void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // everything this run did is committed; the kernel drops the lock with the process anyway
            org.slf4j.LoggerFactory.getLogger(FileTenantLock.class).warn("could not release the tenant lock: {}", e.getMessage());
        }
    }
}
