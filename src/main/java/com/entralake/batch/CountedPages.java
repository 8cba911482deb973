package com.entralake.batch;

import com.entralake.catalog.DataType;
import java.net.URI;

import org.springframework.batch.infrastructure.item.ExecutionContext;

import com.entralake.graph.GraphCallStats;
import com.entralake.graph.GraphPage;
import com.entralake.graph.PageIterator;
import com.entralake.tenant.TenantSession;

/**
 * The pages of one Graph query, each added to the step's counters (pages, records read, and the retries
 * and throttles it cost) so the run summary and the job repository can tell what a step spent.
 */
final class CountedPages {

    private final PageIterator pages;
    private final GraphCallStats stats;

    CountedPages(TenantSession session, DataType type, URI firstPage) {
        this.pages = new PageIterator(session.graph(), firstPage, type);
        this.stats = session.stats();
    }

    boolean hasNext() {
        return pages.hasNext();
    }

    GraphPage next(ExecutionContext counters) {
        long retriesBefore = stats.retriesOfThisThread();
        long throttlesBefore = stats.throttlesOfThisThread();
        GraphPage page = pages.next();
        StepProgress.add(counters, StepProgress.PAGES, 1);
        StepProgress.add(counters, StepProgress.RECORDS_READ, page.records().size());
        StepProgress.add(counters, StepProgress.RETRIES, stats.retriesOfThisThread() - retriesBefore);
        StepProgress.add(counters, StepProgress.THROTTLES, stats.throttlesOfThisThread() - throttlesBefore);
        return page;
    }
}
