package com.entralake.run;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;

import com.entralake.auth.AuthenticationFailure;
import com.entralake.batch.CollectionContext;
import com.entralake.batch.FormatChangeException;
import com.entralake.batch.JobParameterNames;
import com.entralake.batch.RunHistory;
import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.config.DataTypeSelection;
import com.entralake.connectivity.Availability;
import com.entralake.connectivity.CredentialWatch;
import com.entralake.connectivity.DataTypeProbe;
import com.entralake.connectivity.ManagedAvailability;
import com.entralake.connectivity.ProbeResult;
import com.entralake.connectivity.TenantFacts;
import com.entralake.connectivity.TenantType;
import com.entralake.connectivity.TokenRoles;
import com.entralake.config.EntraLakeProperties;
import com.entralake.graph.GraphException;
import com.entralake.lake.CleanUp;
import com.entralake.lake.LakeLayout;
import com.entralake.lock.TenantLock;
import com.entralake.lock.TenantLockLostException;
import com.entralake.lock.TenantLockedException;
import com.entralake.repository.RepositoryAccessException;
import com.entralake.tenant.TenantSession;
import com.entralake.tenant.TenantSessionFactory;
import com.entralake.tenant.TenantSessions;

/**
 * One tenant's part of a collect run: take the tenant lock, sign in, recover what a crashed run left,
 * resume failed ranges, then collect what is new — data type by data type, each with its own outcome.
 */
public final class TenantCollector {

    private static final Logger log = LoggerFactory.getLogger(TenantCollector.class);

    private final JobOperator jobOperator;
    private final CollectionModes modes;
    private final RunHistory history;
    private final CollectionContext context;
    private final TenantSessionFactory sessionFactory;
    private final TenantSessions sessions;
    private final TenantLocks locks;
    private final ManagedAvailability availability;
    private final CredentialWatch credentials;

    public TenantCollector(JobOperator jobOperator, Job eventsJob, Job snapshotJob, RunHistory history,
            CollectionContext context, TenantSessionFactory sessionFactory, TenantSessions sessions, TenantLocks locks,
            ManagedAvailability availability, CredentialWatch credentials) {
        this.jobOperator = jobOperator;
        this.modes = new CollectionModes(jobOperator, eventsJob, snapshotJob, history, context, availability);
        this.history = history;
        this.context = context;
        this.sessionFactory = sessionFactory;
        this.sessions = sessions;
        this.locks = locks;
        this.availability = availability;
        this.credentials = credentials;
    }

    public TenantOutcome collect(EntraLakeProperties.Tenant tenant, List<String> onlyDatasets, String runId) {
        String tenantId = tenant.getTenantId().toLowerCase(Locale.ROOT);
        try (TenantLock lock = locks.acquire(tenantId, tenant.getName(), runId)) {
            TenantSession session;
            try {
                session = sessionFactory.open(tenant, lock);
            } catch (AuthenticationFailure e) {
                log.error("{} ({}): {}", tenant.getName(), tenantId, e.getMessage());
                // an unavailable token endpoint says nothing about the credentials: partial, the next run retries
                boolean unavailable = e.reason() == AuthenticationFailure.Reason.TOKEN_ENDPOINT_UNAVAILABLE;
                return new TenantOutcome(tenant.getName(), tenantId, unavailable ? TenantOutcome.Status.FAILED
                        : TenantOutcome.Status.AUTHENTICATION_FAILED, e.getMessage(), List.of());
            }
            if (availability.knownB2c(tenantId)) {
                String message = "an Azure AD B2C tenant (found by test-connectivity): Entra Lake does not support"
                        + " B2C tenants; remove it from the configuration";
                log.error("{} ({}): {}", tenant.getName(), tenantId, message);
                return new TenantOutcome(tenant.getName(), tenantId, TenantOutcome.Status.FAILED, message, List.of());
            }
            sessions.register(session);
            try {
                Set<String> roles = TokenRoles.of(session.tokens().accessToken());
                DataTypeProbe probe = new DataTypeProbe(session.graph(), session.graphBaseUrl(), roles,
                        tenantTypeOnce(session));
                List<DataType> types = DataTypeCatalog.all().stream()
                        .filter(type -> onlyDatasets.isEmpty() || onlyDatasets.contains(type.dataset())).toList();
                removeAbandonedQuarantineTemporaries(session);
                List<DataTypeOutcome> outcomes = BudgetLanes.run(tenant.getName(), types,
                        type -> collect(session, type, DataTypeSelection.of(tenant, type), probe, runId),
                        () -> lock.lost().isPresent());
                Optional<String> lockLost = lock.lost();
                if (lockLost.isPresent()) {
                    return Interruption.tenantStopped(tenant.getName(), tenantId, lockLost.get(), outcomes);
                }
                // after the data: the check is one request, and a Graph hiccup here must not come first
                credentials.check(session, roles, context.clock().now());
                return new TenantOutcome(tenant.getName(), tenantId, TenantOutcome.Status.DONE, session.signInNote(),
                        outcomes);
            } finally {
                sessions.remove(tenantId);
            }
        } catch (TenantLockedException e) {
            log.warn(e.getMessage());
            return new TenantOutcome(tenant.getName(), tenantId, TenantOutcome.Status.LOCKED, e.getMessage(), List.of());
        } catch (RuntimeException e) {
            if (isOperational(e)) {
                log.error("{} ({}): {}", tenant.getName(), tenantId, e.getMessage());
                return new TenantOutcome(tenant.getName(), tenantId, TenantOutcome.Status.FAILED,
                        String.valueOf(e.getMessage()), List.of());
            }
            log.error("{} ({}): unexpected failure", tenant.getName(), tenantId, e);
            return new TenantOutcome(tenant.getName(), tenantId, TenantOutcome.Status.CRASHED,
                    "unexpected failure: " + e, List.of());
        }
    }

    /**
     * What a crashed run left in the tenant's quarantine, removed before any type starts: the folder is shared by
     * the tenant's types, and once their lanes run, a temporary file there may be another type's live one.
     */
    private void removeAbandonedQuarantineTemporaries(TenantSession session) {
        try {
            removeAbandonedTemporaries(session, LakeLayout.QUARANTINE);
        } catch (java.io.IOException e) {
            // not fatal here: a type that sets a record aside says clearly if the quarantine cannot be written
            log.warn("{} [{}]: could not remove what an interrupted run left: {}", LakeLayout.QUARANTINE,
                    session.name(), e.getMessage());
        }
    }

    /** Removes the hidden temporary files a crashed run left in one dataset's folder of the tenant, and says so. */
    private void removeAbandonedTemporaries(TenantSession session, String dataset) throws java.io.IOException {
        int removed = CleanUp.removeAbandonedTemporaries(context.lake(),
                context.layout().datasetTenantDir(dataset, session.tenantId()));
        if (removed > 0) {
            log.info("{} [{}]: removed {} temporary file(s) left by an interrupted run", dataset, session.name(), removed);
        }
    }

    /** The tenant type is read at most once per run, and only if a licence refusal needs explaining. */
    private static Supplier<TenantType> tenantTypeOnce(TenantSession session) {
        TenantType[] known = new TenantType[1];
        return () -> {
            synchronized (known) { // the tenant's lanes may ask at once
                if (known[0] == null) {
                    try {
                        known[0] = TenantFacts.tenantType(session);
                    } catch (RuntimeException e) {
                        known[0] = TenantType.UNKNOWN;
                    }
                }
                return known[0];
            }
        };
    }

    private DataTypeOutcome collect(TenantSession session, DataType type, DataTypeSelection selection,
            DataTypeProbe probe, String runId) {
        if (selection == DataTypeSelection.NO) {
            return DataTypeOutcome.of(type.dataset(), DataTypeOutcome.Status.DISABLED, "not selected");
        }
        if (selection == DataTypeSelection.MANAGED) {
            Instant now = context.clock().now();
            ProbeResult known = availability.decide(session.tenantId(), type, t -> probe.probe(t, now), now);
            if (known.availability().skipsManaged()) {
                String message = known.availability().words() + ": " + known.detail() + " — skipped (managed; probed "
                        + known.probedAt() + ", probed again from " + availability.nextProbe(known) + ")";
                log.info("{} [{}]: {}", type.dataset(), session.name(), message);
                return DataTypeOutcome.of(type.dataset(), DataTypeOutcome.Status.SKIPPED_UNAVAILABLE, message);
            }
        }
        DataTypeOutcome outcome = collectSelected(session, type, selection, probe, runId);
        if (outcome.status() == DataTypeOutcome.Status.COLLECTED) {
            availability.record(session.tenantId(), new ProbeResult(type.dataset(), Availability.AVAILABLE,
                    "collected", context.clock().now()));
        }
        return outcome;
    }

    private DataTypeOutcome collectSelected(TenantSession session, DataType type, DataTypeSelection selection,
            DataTypeProbe probe, String runId) {
        long started = System.nanoTime();
        String tenantId = session.tenantId();
        String jobName = JobParameterNames.jobOf(type);
        Tally tally = new Tally();
        try {
            // each type owns its folder: its leftovers are removed in its own lane
            removeAbandonedTemporaries(session, type.dataset());
            history.tidy(jobName, tenantId, type.dataset());
            for (JobExecution orphan : history.orphaned(jobName, tenantId, type.dataset())) {
                log.warn("{} [{}]: execution {} was left unfinished ({}) by a run that died or lost its job repository;"
                        + " marking it failed to resume it", type.dataset(), session.name(), orphan.getId(),
                        RunHistory.unfinishedState(orphan));
                history.recover(orphan);
            }
            ModeCollection mode = modes.of(type);
            Optional<String> refusal = mode.refusal(session, type);
            if (refusal.isPresent()) {
                log.error("{} [{}]: {}", type.dataset(), session.name(), refusal.get());
                return tally.outcome(type.dataset(), DataTypeOutcome.Status.FAILED, refusal.get(), started);
            }
            Optional<JobExecution> failed = mode.collect(session, type, runId, tally);
            if (failed.isPresent()) {
                return failure(session, type, selection, probe, failed.get(), tally, started);
            }
            return tally.outcome(type.dataset(), DataTypeOutcome.Status.COLLECTED, tally.note, started);
        } catch (Exception e) {
            if (isOperational(e)) {
                String message = Interruption.of(e, locks.repository()).orElse(String.valueOf(e.getMessage()));
                log.error("{} [{}]: failed, the next run resumes it: {}", type.dataset(), session.name(), message);
                return tally.outcome(type.dataset(), DataTypeOutcome.Status.FAILED, message, started);
            }
            log.error("{} [{}]: unexpected failure", type.dataset(), session.name(), e);
            return tally.outcome(type.dataset(), DataTypeOutcome.Status.CRASHED, "unexpected failure: " + e, started);
        }
    }

    private DataTypeOutcome failure(TenantSession session, DataType type, DataTypeSelection selection,
            DataTypeProbe probe, JobExecution execution, Tally tally, long started)
            throws org.springframework.batch.core.launch.JobExecutionAlreadyRunningException {
        Throwable cause = rootFailure(execution);
        if (cause instanceof GraphException g
                && (g.kind() == GraphException.Kind.LICENCE || g.kind() == GraphException.Kind.PERMISSION
                        // a beta endpoint Graph no longer serves; a v1.0 404 is more likely a wrong base URL
                        || g.kind() == GraphException.Kind.WITHDRAWN)) {
            ProbeResult found = probe.classify(type, g, context.clock().now());
            availability.record(session.tenantId(), found);
            boolean managed = selection == DataTypeSelection.MANAGED;
            if (managed && found.availability().skipsManaged()) {
                // not a failure to resume: once available, the data type starts afresh with its backfill
                history.seen(jobOperator.abandon(execution));
            }
            String message = found.availability().words() + ": " + found.detail()
                    + (managed ? " — skipped (managed); it is collected once available"
                            : " — selected 'yes', so this run is partial");
            log.warn("{} [{}]: {}", type.dataset(), session.name(), message);
            return tally.outcome(type.dataset(), managed ? DataTypeOutcome.Status.SKIPPED_UNAVAILABLE
                    : DataTypeOutcome.Status.UNAVAILABLE, message, started);
        }
        Optional<String> interrupted = Interruption.of(execution, locks.repository());
        String message = interrupted.orElse(cause == null ? "job ended " + execution.getStatus()
                : cause instanceof java.io.IOException
                        // Graph's network failures arrive as GraphExceptions: an I/O error here is the lake's storage
                        ? "the lake at " + context.lake().root() + " could not be written (" + cause.getMessage()
                                + "); every window committed before is complete"
                        : String.valueOf(cause.getMessage()));
        Optional<Throwable> bug = interrupted.isPresent() ? Optional.empty()
                : execution.getAllFailureExceptions().stream().filter(t -> !isOperational(t)).findFirst();
        if (bug.isPresent()) {
            // said as what it is: resuming may well fail the same way, and no operator action fixes the code
            log.error("{} [{}]: unexpected failure (a bug); the next run tries the range again", type.dataset(),
                    session.name(), bug.get());
            return tally.outcome(type.dataset(), DataTypeOutcome.Status.CRASHED, "unexpected failure: " + message,
                    started);
        }
        log.error("{}: failed, the next run resumes it: {}", type.dataset(), message);
        return tally.outcome(type.dataset(), DataTypeOutcome.Status.FAILED, message, started);
    }

    /**
     * Failures of the world rather than of the code: Graph, the network, the lake's storage, the job
     * repository, a lost tenant lock, a data problem Entra Lake detected and explained. They make a run partial
     * (exit 1) and the next run resumes; anything else is a bug (exit 5) — an {@link IllegalStateException}
     * too, unless an operational failure caused it: conditions of the world have types of their own.
     */
    static boolean isOperational(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GraphException || t instanceof AuthenticationFailure || t instanceof java.io.IOException
                    || t instanceof FormatChangeException || t instanceof TenantLockLostException
                    || t instanceof RepositoryAccessException
                    || t instanceof java.io.UncheckedIOException || t instanceof java.sql.SQLException
                    || t instanceof org.springframework.dao.DataAccessException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootFailure(JobExecution execution) {
        List<Throwable> failures = execution.getAllFailureExceptions();
        if (failures.isEmpty()) {
            return null;
        }
        Throwable t = failures.get(0);
        while (t.getCause() != null && !(t instanceof GraphException) && !(t instanceof AuthenticationFailure)) {
            t = t.getCause();
        }
        return t;
    }
}
