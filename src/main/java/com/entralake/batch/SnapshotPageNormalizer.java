package com.entralake.batch;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.entralake.graph.GraphPage;
import com.entralake.quarantine.RecordProblems;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Makes a snapshot page lake rows: a directory object without an id goes to quarantine with its reason (past the
 * limits of {@link QuarantineSink} the snapshot stops instead), the rest are normalized to the type's schema.
 */
class SnapshotPageNormalizer implements ItemProcessor<GraphPage, SnapshotPage> {

    private final CollectionContext context;
    private final StepSubject subject;
    private final QuarantineSink quarantine;
    private final String foundBy;

    SnapshotPageNormalizer(StepSubject subject, CollectionContext context, LocalDate snapshotDate) {
        this.context = context;
        this.subject = subject;
        this.quarantine = new QuarantineSink(subject, context, "the snapshot is not committed (the last one stays)");
        this.foundBy = subject.type().dataset() + " snapshot " + snapshotDate;
    }

    @Override
    public SnapshotPage process(GraphPage page) throws java.io.IOException {
        Instant collectedAt = context.clock().now();
        Map<JsonNode, String> problems = new IdentityHashMap<>();
        for (JsonNode record : page.records()) {
            RecordProblems.ofDirectoryObject(record).ifPresent(problem -> problems.put(record, problem));
        }
        PendingCounts quarantined = new PendingCounts();
        quarantine.setAside(problems, page.records().size(), foundBy, collectedAt, quarantined);
        List<NormalizedRow> rows = new ArrayList<>(page.records().size() - problems.size());
        for (int i = 0; i < page.records().size(); i++) {
            JsonNode record = page.records().get(i);
            if (!problems.containsKey(record)) {
                rows.add(new NormalizedRow(RecordProblems.idOf(record),
                        subject.normalizer().normalize(record, page.rawJson(i), collectedAt)));
            }
        }
        return new SnapshotPage(rows, quarantined, page.records().size(), page.isLast());
    }
}
