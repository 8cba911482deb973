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

    /** The step is over, however it ended: the last page's place goes back. */
    @Override
    public void close() {
        range.subject().session().graph().releaseHeldPage();
    }

    @Override
    public QueryPage read() {
        // the previous page has been written (one page per chunk): its place for a page in flight is free
        range.subject().session().graph().releaseHeldPage();
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
