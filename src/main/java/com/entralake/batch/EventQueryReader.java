package com.entralake.batch;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStream;

import com.entralake.graph.GraphPage;

/**
 * The pages of an event range's queries, one page per chunk, each counted in the step's execution context. Its
 * restart point is the range's ({@link EventRange}): taken up on open, recorded on every chunk's commit; a query
 * the writer gave up is dropped and the next one planned from where the range is complete.
 */
class EventQueryReader implements ItemReader<QueryPage>, ItemStream {

    private final EventRange range;
    private ExecutionContext counters;
    private EventQuery query;

    EventQueryReader(EventRange range) {
        this.range = range;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        counters = executionContext;
        range.open(executionContext);
    }

    @Override
    public void update(ExecutionContext executionContext) {
        range.update(executionContext);
    }

    @Override
    public QueryPage read() {
        if (query == null || query.abandoned) {
            query = range.nextQuery().orElse(null);
            if (query == null) {
                return null;
            }
        }
        EventQuery current = query;
        GraphPage page = current.pages.next(counters);
        current.records += page.records().size();
        current.pagesRead++;
        boolean last = !current.pages.hasNext();
        if (last) {
            query = null;
        }
        return new QueryPage(current, page, last);
    }
}
