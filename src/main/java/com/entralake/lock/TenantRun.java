package com.entralake.lock;

import java.time.Duration;
import java.time.Instant;

/**
 * The run that holds (or last held) a tenant, as recorded in {@code ENTRALAKE_TENANT_RUN}: who it is and
 * when it last proved it still held the lock. {@code readAt} is the database's time when the row was read,
 * so {@link #heartbeatAge()} compares two readings of the same clock.
 */
public record TenantRun(String tenantId, String runId, ProcessIdentity owner, Instant heartbeatAt, Instant readAt) {

    public Duration heartbeatAge() {
        Duration age = Duration.between(heartbeatAt, readAt);
        return age.isNegative() ? Duration.ZERO : age;
    }

    public String describe() {
        return "run " + runId + ", " + owner.describe();
    }
}
