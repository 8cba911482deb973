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
