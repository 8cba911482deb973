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

    /**
     * What the ready-made schedules give the job (-Xmx256m): memory does not grow with the records read (10 M
     * sign-ins and a 10 M-user snapshot measured in it). Many tenants at once are the exception, and
     * {@code HeapPlan} says how much they want.
     */
    public static final long SCHEDULED_HEAP = 256L * 1024 * 1024;
    /** Below this the advice stays quiet: twice the schedules' heap, or what many tenants at once may be given. */
    private static final long QUIET_UP_TO = 4 * SCHEDULED_HEAP;

    /**
     * A warning when this JVM may grow its heap far past what the job needs (no -Xmx: a quarter of the
     * machine's memory), because the JVM then uses that room and the process looks many times its real size.
     */
    public static java.util.Optional<String> heapAdvice(long maxHeapBytes) {
        if (maxHeapBytes <= QUIET_UP_TO) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format("this JVM may grow its heap to %,d MiB, and would use it; Entra Lake"
                + " needs 256 MiB whatever the volume of a tenant (more only for many tenants at once, which the run says):"
                + " run it with java -Xmx256m -jar ... (as the schedules in jobs/ do)",
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
