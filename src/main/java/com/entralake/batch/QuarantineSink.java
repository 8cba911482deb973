package com.entralake.batch;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.entralake.quarantine.Quarantine;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where a step sends the records of a page that cannot be placed (see {@code RecordProblems}): each to the
 * quarantine dataset, after the tenant lock is checked, counted as new or as already kept by an earlier read.
 * Past the limit it stops the step instead: more than half of a page (and more than {@link #MIN_ON_A_PAGE}),
 * or more than {@link #MAX_PER_STEP} in one step, is a change of Graph's format rather than a few bad records,
 * and an operator should update Entra Lake before the data ages out of Graph rather than find a month of
 * records in quarantine. The first {@link #LOGGED} are logged one by one; the rest are counted.
 */
final class QuarantineSink {

    static final int MAX_PER_STEP = 1_000;
    static final int MIN_ON_A_PAGE = 10;
    static final int LOGGED = 10;
    private static final Logger log = LoggerFactory.getLogger(QuarantineSink.class);

    private final StepSubject subject;
    private final Quarantine quarantine;
    private final String whatStops;
    private long seenInStep;
    private int logged;

    /** @param whatStops what the operator is told stops ("the range stops ...", "the snapshot is not committed") */
    QuarantineSink(StepSubject subject, CollectionContext context, String whatStops) {
        this.subject = subject;
        this.quarantine = new Quarantine(context.lake(), context.layout(), context.parquet());
        this.whatStops = whatStops;
    }

    /** Sets the page's problem records aside (record to reason), or throws before writing any when past the limit. */
    void setAside(Map<JsonNode, String> problems, int pageSize, String foundBy, Instant collectedAt, PendingCounts counts)
            throws IOException {
        if (problems.isEmpty()) {
            return;
        }
        seenInStep += problems.size();
        if (problems.size() > Math.max(MIN_ON_A_PAGE, pageSize / 2) || seenInStep > MAX_PER_STEP) {
            throw new FormatChangeException("Graph sent " + subject.type().dataset() + " records that cannot be placed ("
                    + problems.size() + " of the " + pageSize + " on one page, " + seenInStep + " so far; the first: "
                    + problems.values().iterator().next() + "). That is a change of Graph's format, not a few bad"
                    + " records: " + whatStops + ". Check for an Entra Lake update.");
        }
        for (Map.Entry<JsonNode, String> problem : problems.entrySet()) {
            subject.session().lock().ensureHeld();
            Quarantine.Kept kept = quarantine.put(subject.type().dataset(), subject.session().tenantId(), problem.getKey(),
                    problem.getValue(), foundBy, collectedAt);
            counts.add(kept.seenBefore() ? StepProgress.QUARANTINED_AGAIN : StepProgress.QUARANTINED, 1);
            if (++logged <= LOGGED) {
                log.warn("{} [{}]: a record Graph sent cannot be placed ({}); kept in {}{}", subject.type().dataset(),
                        subject.session().name(), problem.getValue(), kept.file(), logged == LOGGED
                                ? " (further ones are counted in the run summary, not logged one by one)" : "");
            }
        }
    }
}
