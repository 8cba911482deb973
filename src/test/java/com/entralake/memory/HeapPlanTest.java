package com.entralake.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapPlanTest {

    private static final long MIB = 1024L * 1024;

    @Test
    void oneTenantInTheSchedulesHeapWritesEachDayAsOneLargeRowGroupAndStillHasPagesToSpare() {
        HeapPlan plan = HeapPlan.forHeap(256 * MIB, 1);

        assertThat(plan.wholeDayRowGroupBytes()).isEqualTo(HeapPlan.MAX_WHOLE_DAY_ROW_GROUP);
        assertThat(plan.pagesInFlight()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void manyTenantsInASmallHeapGetTheSmallestRowGroupsAndTakeTurnsForOnePage() {
        HeapPlan plan = HeapPlan.forHeap(256 * MIB, 50);

        assertThat(plan.wholeDayRowGroupBytes()).isEqualTo(HeapPlan.MIN_WHOLE_DAY_ROW_GROUP);
        assertThat(plan.pagesInFlight()).isEqualTo(1);
    }

    @Test
    void theHeapForEveryTenantGivesEachOfThemAPage() {
        for (int tenants : new int[] {1, 2, 10, 50, 200}) {
            assertThat(HeapPlan.forHeap(HeapPlan.heapForEveryTenant(tenants), tenants).pagesInFlight())
                    .as("%d tenants", tenants).isGreaterThanOrEqualTo(tenants);
        }
    }

    /**
     * Whatever the heap and the tenants, what the plan gives out — the reserve, every writer with its row group, every
     * page — fits in the heap, unless not even one page does (then the tenants take turns for that one).
     */
    @Test
    void whatThePlanGivesOutNeverExceedsTheHeapUnlessNotEvenOnePageFits() {
        for (long heap = 128 * MIB; heap <= 8192 * MIB; heap += 64 * MIB) {
            for (int tenants = 1; tenants <= 64; tenants++) {
                HeapPlan plan = HeapPlan.forHeap(heap, tenants);
                long writers = (long) tenants * HeapPlan.WRITERS_PER_TENANT;
                long given = HeapPlan.RESERVED + writers * (HeapPlan.WRITER_BYTES + plan.wholeDayRowGroupBytes())
                        + plan.pagesInFlight() * HeapPlan.BYTES_PER_PAGE;
                String at = heap / MIB + " MiB, " + tenants + " tenants";
                assertThat(plan.wholeDayRowGroupBytes()).as(at)
                        .isBetween(HeapPlan.MIN_WHOLE_DAY_ROW_GROUP, HeapPlan.MAX_WHOLE_DAY_ROW_GROUP);
                if (plan.pagesInFlight() > 1) {
                    assertThat(given).as(at).isLessThanOrEqualTo(heap);
                }
                if (plan.wholeDayRowGroupBytes() > HeapPlan.MIN_WHOLE_DAY_ROW_GROUP) {
                    // larger row groups only where every tenant still has its page
                    assertThat(plan.pagesInFlight()).as(at).isGreaterThanOrEqualTo(tenants);
                }
            }
        }
    }
}
