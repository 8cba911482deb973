package com.entralake.batch;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.batch.infrastructure.item.ItemStream;

import com.entralake.graph.GraphPage;
import com.entralake.graph.GraphQuery;

/**
 * The pages of a snapshot's listing, one per chunk, each counted in the step's execution context (pages, records,
 * retries, throttles). A snapshot has no restart point: a restarted one starts over, because Graph's paging cursors
 * are not meant to be resumed hours later and a picture of two moments would show objects that never existed
 * together — so {@link #open} clears the counters an interrupted attempt left.
 */
class GraphPageReader implements ItemReader<GraphPage>, ItemStream {

    private final StepSubject subject;
    private ExecutionContext counters;
    private CountedPages pages;

    GraphPageReader(StepSubject subject) {
        this.subject = subject;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        counters = executionContext;
        // the counters describe the snapshot that gets committed, not the attempts before it
        for (String key : new String[] {StepProgress.PAGES, StepProgress.RECORDS_READ, StepProgress.QUARANTINED,
                StepProgress.QUARANTINED_AGAIN}) {
            executionContext.remove(key);
        }
        pages = new CountedPages(subject.session(), subject.type(),
                GraphQuery.snapshotPage(subject.session().graphBaseUrl(), subject.type()));
    }

    @Override
    public GraphPage read() {
        // the previous page has been written (one page per chunk): its place for a page in flight is free
        subject.session().graph().releaseHeldPage();
        return pages.hasNext() ? pages.next(counters) : null;
    }

    /** The step is over, however it ended: the last page's place goes back. */
    @Override
    public void close() {
        subject.session().graph().releaseHeldPage();
    }
}
