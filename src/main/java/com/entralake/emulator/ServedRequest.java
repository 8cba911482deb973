package com.entralake.emulator;

import java.time.Instant;

/**
 * One request as served. {@code received} is real wall time. {@code status} is -1 when the connection was reset
 * without a response. {@code retryAfter} is the Retry-After header sent, or null. {@code tenantId} may be null.
 */
public record ServedRequest(Instant received, String method, String path, String rawQuery, int status,
                            String retryAfter, String tenantId) {
}
