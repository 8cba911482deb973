package com.entralake.connectivity;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.entralake.catalog.DataType;
import com.entralake.repository.BestEffortUse;

/**
 * Managed mode's memory: a managed data type is collected unless its last probe found it definitely
 * unavailable; such a result is trusted for {@code recheckAfter} only, then the data type is probed
 * again — licences change, and Graph's licence 403 is sometimes intermittent. A data type that becomes
 * available starts with a normal first run (the 30-day backfill). Every collection outcome that says
 * something about availability is recorded too, so {@code status} shows the latest evidence.
 */
public final class ManagedAvailability {

    private static final Logger log = LoggerFactory.getLogger(ManagedAvailability.class);

    private final ConnectivityStore store;
    private final Duration recheckAfter;

    public ManagedAvailability(ConnectivityStore store, Duration recheckAfter) {
        this.store = store;
        this.recheckAfter = recheckAfter;
    }

    /**
     * The availability to act on. Never probed, or last found available (or inconclusively): collect —
     * the collection is itself the probe, and a refusal is recorded when it happens, so a healthy tenant
     * pays no extra request. Definitely unavailable: skip while that result is fresh, probe again after.
     */
    public ProbeResult decide(String tenantId, DataType type, Function<DataType, ProbeResult> probe, Instant now) {
        ProbeResult stored;
        try {
            stored = store.probes(tenantId).get(type.dataset());
        } catch (RuntimeException e) {
            // without its memory managed mode still knows one thing: collecting is the probe
            BestEffortUse.failed(log, type.dataset() + ": the stored availability cannot be read; collecting", e);
            return new ProbeResult(type.dataset(), Availability.UNKNOWN, "stored result unreadable", now);
        }
        if (stored == null) {
            return new ProbeResult(type.dataset(), Availability.UNKNOWN, "not probed yet: this run's collection tells", now);
        }
        if (!stored.availability().skipsManaged() || nextProbe(stored).isAfter(now)) {
            return stored;
        }
        ProbeResult fresh = probe.apply(type);
        if (stored.availability() != fresh.availability()) {
            log.info("{}: availability changed from '{}' to '{}' since {}", type.dataset(),
                    stored.availability().words(), fresh.availability().words(), stored.probedAt());
        }
        record(tenantId, fresh);
        return fresh;
    }

    /** When a definite "unavailable" stops being trusted. */
    public Instant nextProbe(ProbeResult result) {
        return result.probedAt().plus(recheckAfter);
    }

    /** Graph's retention of a data type for this tenant, from what the probes know of its licence. */
    public Duration retention(String tenantId, com.entralake.catalog.DataType type) {
        try {
            return Retention.of(type, store.probes(tenantId));
        } catch (RuntimeException e) {
            return Retention.longest(type);
        }
    }

    /** Keeps the latest evidence; a database hiccup here costs a re-probe later, never the run. */
    public void record(String tenantId, ProbeResult result) {
        try {
            store.saveProbe(tenantId, result);
        } catch (RuntimeException e) {
            BestEffortUse.failed(log, result.dataset() + ": the availability found (" + result.availability().words()
                    + ") could not be stored", e);
        }
    }

    /** Remembers a gap for {@code status}; like every write here, a database hiccup never fails the run. */
    public void recordGap(String tenantId, String dataset, com.entralake.window.DataGap gap, Instant detectedAt) {
        try {
            store.saveGap(tenantId, dataset, gap, detectedAt);
        } catch (RuntimeException e) {
            BestEffortUse.failed(log, dataset + ": the data gap could not be stored", e);
        }
    }

    /** Whether the last connectivity test found an Azure AD B2C tenant, which is never collected. */
    public boolean knownB2c(String tenantId) {
        try {
            return store.lastCheck(tenantId).map(c -> c.tenantType() == TenantType.B2C).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
