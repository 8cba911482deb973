package com.entralake.emulator;

import com.entralake.catalog.DataType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * The faults armed for a tenant, applied to a Graph request before any resource answers it, in the order a client
 * would meet them: a reset connection, a 429 storm, the throttle budget of the type's class, a server error, a slow answer, and a
 * body cut short.
 */
final class GraphFaults {

    private final Faults faults;
    private final PageFaults pageFaults;

    GraphFaults(Faults faults, PageFaults pageFaults) {
        this.faults = faults;
        this.pageFaults = pageFaults;
    }

    /** True when a fault was the whole answer. {@code type} is the catalogued type the request reads, or null. */
    boolean answered(Exchange c, String tid, DataType type) throws IOException {
        if (faults.takeReset(tid)) {
            c.log(-1, null);
            throw new Exchange.DropConnection();
        }
        PageFaults.StormAnswer storm = pageFaults.takeStorm(tid);
        if (storm != null) {
            String retryAfter = storm.retryAfter() == null ? null : BigDecimal.valueOf(storm.retryAfter().toMillis())
                    .divide(BigDecimal.valueOf(1000), 3, RoundingMode.CEILING).stripTrailingZeros().toPlainString();
            c.graphError(429, "TooManyRequests", "Too many requests.", retryAfter);
            return true;
        }
        long waitNanos = type == null ? 0 : faults.throttle(tid, type.throttle(), System.nanoTime());
        if (waitNanos > 0) {
            if (!type.throttle().sendsRetryAfter()) {
                // identity protection and conditional access: 1 request per second per tenant, no Retry-After
                c.graphError(429, "TooManyRequests", "Too many requests.");
                return true;
            }
            String retryAfter = BigDecimal.valueOf(waitNanos + 1_000_000).divide(BigDecimal.valueOf(1_000_000_000L), 3, RoundingMode.CEILING)
                    .stripTrailingZeros().toPlainString();
            c.graphError(429, "TooManyRequests", "Please retry again later.", retryAfter,
                    Map.of("x-ms-throttle-scope", "Tenant_Application/ReadWrite/" + tid + "/00000003-0000-0000-c000-000000000000",
                            "x-ms-throttle-information", "ResourceUnitLimitExceeded"));
            return true;
        }
        int fail = faults.takeFailure(tid);
        if (fail == 0 && type != null) {
            fail = faults.takeTypeFailure(tid, type.dataset());
        }
        if (fail == 429) {
            // the tenant's budget spent by another app: Graph counts some budgets per tenant for all apps, so a
            // client pacing itself perfectly still meets 429s, with a Retry-After only where its class sends one
            c.graphError(429, "TooManyRequests", "Too many requests.",
                    type != null && !type.throttle().sendsRetryAfter() ? null : "1");
            return true;
        }
        if (fail > 0) {
            String[] codeMsg = switch (fail) {
                case 500 -> new String[]{"InternalServerError", "Internal server error."};
                case 502 -> new String[]{"BadGateway", "Bad gateway."};
                case 504 -> new String[]{"GatewayTimeout", "Gateway timeout."};
                // what a withdrawn beta endpoint answers: the segment is gone, or the API retired
                case 400 -> new String[]{"BadRequest", "Resource not found for the segment '"
                        + (type == null ? "" : type.path().substring(1).split("/")[0]) + "'."};
                case 404 -> new String[]{"ResourceNotFound", "Resource not found."};
                case 410 -> new String[]{"Gone", "This API is no longer available."};
                default -> new String[]{"ServiceUnavailable", "Service unavailable."};
            };
            c.graphError(fail, codeMsg[0], codeMsg[1]);
            return true;
        }
        Duration delay = faults.state(tid).delay;
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        c.truncate = faults.takeTruncate(tid);
        return false;
    }
}
