package com.entralake.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this process, for the run summary: the JVM's peak heap (sum of the heap pools' peaks)
 * and the operating system's peak resident set (VmHWM, Linux only). Shows that memory stays bounded by
 * page and window sizes, not by how many records a run read.
 */
public final class MemoryUsage {

    private MemoryUsage() {
    }

    /** What the ready-made schedules give the job (-Xmx512m): memory does not grow with the records read. */
    public static final long SCHEDULED_HEAP = 512L * 1024 * 1024;

    /**
     * A warning when this JVM may grow its heap far past what the job needs (no -Xmx: a quarter of the
     * machine's memory), because the JVM then uses that room and the process looks many times its real size.
     */
    public static java.util.Optional<String> heapAdvice(long maxHeapBytes) {
        if (maxHeapBytes <= 2 * SCHEDULED_HEAP) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format("this JVM may grow its heap to %,d MiB, and would use it; Entra Lake"
                + " needs at most 512 MiB whatever the volume: run it with java -Xmx512m -jar ... (as the schedules in jobs/ do)",
                maxHeapBytes / (1024 * 1024)));
    }

    public static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Peak resident set size in bytes, or -1 where /proc is not available. */
    public static long peakRssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    public static String describe() {
        long rss = peakRssBytes();
        return String.format("heap pools' peaks %,d MiB (an upper bound: each pool peaked at its own moment), "
                + "peak RSS %s, max heap %,d MiB", peakHeapBytes() >> 20,
                rss < 0 ? "unknown" : String.format("%,d MiB", rss >> 20), Runtime.getRuntime().maxMemory() >> 20);
    }
}
