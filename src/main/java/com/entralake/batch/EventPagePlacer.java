package com.entralake.batch;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.infrastructure.item.ItemProcessor;

import com.entralake.quarantine.RecordProblems;
import com.entralake.window.EventTime;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Places a page's events in time and makes them rows. A record that cannot be placed (not an object, no id, no, an
 * unreadable or a pre-1900 time) goes to the quarantine dataset with its reason, and its window commits without it
 * ({@link QuarantineSink}); one outside what the query asked for is counted and ignored (Graph returns it to the
 * query of its own window).
 */
class EventPagePlacer implements ItemProcessor<QueryPage, PlacedPage> {

    private final StepSubject subject;
    private final CollectionContext context;
    private final QuarantineSink quarantine;
    private final String timeProperty;

    EventPagePlacer(StepSubject subject, CollectionContext context) {
        this.subject = subject;
        this.context = context;
        this.quarantine = new QuarantineSink(subject, context,
                "the range stops before committing more, and the next run resumes from the last complete query");
        this.timeProperty = subject.type().timeWindows().orElseThrow().timeProperty();
    }

    @Override
    public PlacedPage process(QueryPage item) throws IOException {
        EventQuery query = item.query();
        Instant collectedAt = context.clock().now();
        List<PlacedEvent> placed = new ArrayList<>(item.page().records().size());
        Map<JsonNode, String> problems = new IdentityHashMap<>();
        List<JsonNode> records = item.page().records();
        for (int i = 0; i < records.size(); i++) {
            JsonNode record = records.get(i);
            Optional<String> problem = RecordProblems.ofEvent(record, timeProperty);
            if (problem.isPresent()) {
                problems.put(record, problem.get());
                continue;
            }
            Instant time = EventTime.of(record, timeProperty).orElseThrow();
            if (time.isBefore(query.start) || time.isAfter(query.end)) {
                query.counts.add(StepProgress.OUT_OF_RANGE, 1);
            } else if (time.isBefore(query.end)) {
                // a record exactly at the query's end belongs to the next window, which has its own query
                placed.add(new PlacedEvent(time, new NormalizedRow(RecordProblems.idOf(record),
                        subject.normalizer().normalize(record, item.page().rawJson(i), collectedAt))));
            }
        }
        quarantine.setAside(problems, item.page().records().size(),
                subject.type().dataset() + " " + query.start + " .. " + query.end, collectedAt, query.counts);
        return new PlacedPage(query, placed, item.page().records().size(), item.last());
    }
}
