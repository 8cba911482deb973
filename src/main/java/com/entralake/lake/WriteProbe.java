package com.entralake.lake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import com.entralake.lock.ProcessIdentity;

/**
 * The hidden file {@link LakePreflight} writes and deletes to learn that the lake can be written. A process
 * killed between the two leaves it behind, so the probe holds its writer's {@link ProcessIdentity} and every
 * preflight removes the probes whose writer is certainly gone (a dead process of this host and PID
 * namespace), and any probe older than one can live. Probes of live processes stay: deleting a file another
 * run is still writing would make that run report a lake it can write as unwritable.
 */
final class WriteProbe {

    static final String PREFIX = ".entralake-write-probe-";

    /** A probe exists for milliseconds; one this old was left by a run that died, wherever it ran. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(10);

    private static final int LONGEST_IDENTITY = 4096;

    private WriteProbe() {
    }

    static void writeAndDelete(FileSystem fs, Path root) throws IOException {
        Path probe = new Path(root, PREFIX + UUID.randomUUID());
        write(fs, probe, ProcessIdentity.current());
        fs.delete(probe, false);
    }

    static void write(FileSystem fs, Path probe, ProcessIdentity writer) throws IOException {
        try (FSDataOutputStream out = fs.create(probe, false)) {
            out.write(writer.toLine().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Deletes the probes at the lake root whose writer is gone; returns how many. */
    static int removeAbandoned(FileSystem fs, Path root, Instant now) throws IOException {
        ProcessIdentity self = ProcessIdentity.current();
        int removed = 0;
        for (FileStatus status : fs.listStatus(root, path -> path.getName().startsWith(PREFIX))) {
            boolean old = Instant.ofEpochMilli(status.getModificationTime()).plus(ABANDONED_AFTER).isBefore(now);
            if ((old || writer(fs, status.getPath()).map(self::seesEnded).orElse(false))
                    && fs.delete(status.getPath(), false)) {
                removed++;
            }
        }
        return removed;
    }

    /** Who wrote a probe; empty while it is still being written, or when it is not one of ours. */
    private static Optional<ProcessIdentity> writer(FileSystem fs, Path probe) {
        try (InputStream in = fs.open(probe)) {
            return ProcessIdentity.parse(new String(in.readNBytes(LONGEST_IDENTITY), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty(); // deleted by its writer meanwhile, or unreadable: age alone decides
        }
    }
}
