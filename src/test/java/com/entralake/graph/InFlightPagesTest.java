package com.entralake.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fault-injection")
class InFlightPagesTest {

    @Test
    void aThreadHoldsOnePlaceWhateverItsRetriesAndGivesItBackOnce() {
        InFlightPages pages = new InFlightPages(2);
        pages.admitThisThread();
        pages.admitThisThread(); // a retry of the same page
        assertThat(pages.available()).isEqualTo(1);
        pages.releaseThisThread();
        pages.releaseThisThread();
        assertThat(pages.available()).isEqualTo(2);
    }

    @Test
    void whenEveryPlaceIsTakenTheNextPageWaitsUntilOneIsWritten() throws Exception {
        InFlightPages pages = new InFlightPages(1);
        pages.admitThisThread();
        CompletableFuture<Boolean> other = CompletableFuture.supplyAsync(() -> {
            pages.admitThisThread();
            pages.releaseThisThread();
            return true;
        });
        try {
            other.get(300, TimeUnit.MILLISECONDS);
            throw new AssertionError("a second page went in while the only place was taken");
        } catch (TimeoutException expected) {
            // still waiting, as it should
        }
        pages.releaseThisThread();
        assertThat(other.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void theHeapDecidesHowManyPagesAndManyTenantsTakeTurnsRatherThanRunOutOfMemory() {
        assertThat(InFlightPages.forHeap(256L << 20, 2).places()).isEqualTo(3);
        assertThat(InFlightPages.forHeap(2048L << 20, 50).places()).isGreaterThanOrEqualTo(50);
        assertThat(InFlightPages.forHeap(256L << 20, 50).places()).isEqualTo(1);
        assertThat(InFlightPages.forHeap(com.entralake.memory.HeapPlan.heapForEveryTenant(50), 50).places()).isEqualTo(50);
    }
}
