package com.entralake.memory;

/**
 * How the collector's heap is shared between what it holds at once: Graph pages in flight, and the Parquet writers
 * of every tenant collected at the same time. Decided once per JVM from its maximum heap and
 * {@code entralake.collection.tenant-parallelism}, so that fifty tenants in 256 MiB take turns rather than run out
 * of memory, and one tenant in the same heap writes each day as one row group instead of sixteen.
 *
 * @param pagesInFlight          how many Graph pages the JVM holds at once (at least one)
 * @param wholeDayRowGroupBytes  the row-group size a whole day is written with: a whole day's writer buffers up to
 *                               one row group, so this bounds it; one row group per day is what readers prune and
 *                               what compresses best (16 of 1 MiB cost 17 % more bytes than one, measured)
 */
public record HeapPlan(int pagesInFlight, long wholeDayRowGroupBytes) {

    private static final long MIB = 1024L * 1024;
    /** What one page in flight may take on the heap (measured: about 30 MB for 1,000 sign-ins). */
    public static final long BYTES_PER_PAGE = 32 * MIB;
    /** What the rest of the collector needs on the heap: schemas, Spring, Hadoop, the job repository. */
    public static final long RESERVED = 112 * MIB;
    /** An open window's Parquet writer and the records it holds back, besides its row group (measured: about 1.2 MB). */
    public static final long WRITER_BYTES = 3 * MIB / 2;
    /** Open writers per tenant collected at once: its event lane and one other (both may write a whole day). */
    public static final int WRITERS_PER_TENANT = 2;
    /** The smallest whole-day row group: what a many-tenant run in a small heap gets. */
    public static final long MIN_WHOLE_DAY_ROW_GROUP = MIB;
    /**
     * The largest: a day written whole holds at most 50,000 records (WholeDays.MAX_RECORDS), about 8.5 MB compressed
     * for sign-ins, so this keeps such a day in one row group.
     */
    public static final long MAX_WHOLE_DAY_ROW_GROUP = 16 * MIB;

    public HeapPlan {
        if (pagesInFlight < 1 || wholeDayRowGroupBytes < MIN_WHOLE_DAY_ROW_GROUP) {
            throw new IllegalArgumentException("need a page in flight and a row group of 1 MiB: " + pagesInFlight
                    + ", " + wholeDayRowGroupBytes);
        }
    }

    /**
     * The plan for a heap of {@code maxHeapBytes} serving {@code tenantsAtOnce} tenants: the writers' row groups get
     * half of what is left once every tenant can have one page in flight (between 1 and 16 MiB, in whole MiB), and
     * the pages whatever the writers leave (at most 256).
     */
    public static HeapPlan forHeap(long maxHeapBytes, int tenantsAtOnce) {
        int tenants = Math.max(1, tenantsAtOnce);
        long writers = (long) tenants * WRITERS_PER_TENANT;
        long spare = maxHeapBytes - RESERVED - writers * WRITER_BYTES - tenants * BYTES_PER_PAGE;
        long rowGroup = Math.min(MAX_WHOLE_DAY_ROW_GROUP, Math.max(MIN_WHOLE_DAY_ROW_GROUP, spare / 2 / writers / MIB * MIB));
        long pages = (maxHeapBytes - RESERVED - writers * (WRITER_BYTES + rowGroup)) / BYTES_PER_PAGE;
        return new HeapPlan((int) Math.max(1, Math.min(256, pages)), rowGroup);
    }

    /** The heap with which {@code tenantsAtOnce} tenants each have a page in flight whenever they want one. */
    public static long heapForEveryTenant(int tenantsAtOnce) {
        return RESERVED + (long) tenantsAtOnce * (WRITERS_PER_TENANT * (WRITER_BYTES + MIN_WHOLE_DAY_ROW_GROUP) + BYTES_PER_PAGE);
    }
}
