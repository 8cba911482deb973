package com.entralake.batch;

/**
 * Identifying job parameters. A collection job instance is a tenant, a dataset and the range it covers
 * (plus when it was planned, so a rerun over the same range is a new instance rather than "already
 * complete"); a failed instance is restarted with exactly these parameters.
 */
public final class JobParameterNames {
    public static final String TENANT_ID = "tenantId";
    public static final String DATASET = "dataset";
    public static final String RANGE_START = "rangeStart";
    public static final String RANGE_END = "rangeEnd";
    public static final String SNAPSHOT_DATE = "snapshotDate";
    public static final String PLANNED_AT = "plannedAt";
    /** The window length the range was committed in: file names derive from it, so it must never change. */
    public static final String WINDOW = "window";
    /**
     * Events, not identifying: the watermark when the range was planned. Windows from there on had never been
     * collected; earlier ones are re-read for late arrivals. The run summary counts the two apart.
     */
    public static final String NEW_FROM = "newFrom";
    /** Tells apart two runs planned at the same instant (a fixed --now): never reuse a completed instance. */
    public static final String RUN_ID = "runId";

    public static final String EVENTS_JOB = "collectEvents";
    public static final String SNAPSHOT_JOB = "collectSnapshot";
    public static final String EVENTS_STEP = "collectEventWindows";
    public static final String SNAPSHOT_STEP = "collectSnapshot";

    private JobParameterNames() {
    }

    /**
     * The job that collects a data type: one per collection mode (a single object is a one-row snapshot). The
     * job name is part of every execution's identity in the job repository, so it never changes for a mode.
     */
    public static String jobOf(com.entralake.catalog.DataType type) {
        return type.mode() instanceof com.entralake.catalog.CollectionMode.TimeWindows ? EVENTS_JOB : SNAPSHOT_JOB;
    }
}
