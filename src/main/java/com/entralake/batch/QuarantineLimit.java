package com.entralake.batch;

/**
 * When records that cannot be placed stop being "a few bad records" and become a change of Graph's format:
 * more than half of a page (and more than {@link #MIN_ON_A_PAGE}), or more than {@link #MAX_PER_STEP} in one
 * step. Then the step stops instead of setting everything aside, so an operator updates Entra Lake before the
 * data ages out of Graph, rather than finding a month of records in quarantine.
 */
final class QuarantineLimit {

    static final int MAX_PER_STEP = 1_000;
    static final int MIN_ON_A_PAGE = 10;

    private QuarantineLimit() {
    }

    /** Throws before any of the page's records is set aside, when the limit is passed. */
    static void check(String dataset, int problemsOnPage, int pageSize, long inStep, String firstReason, String whatStops) {
        if (problemsOnPage > Math.max(MIN_ON_A_PAGE, pageSize / 2) || inStep > MAX_PER_STEP) {
            throw new IllegalStateException("Graph sent " + dataset + " records that cannot be placed (" + problemsOnPage
                    + " of the " + pageSize + " on one page, " + inStep + " so far; the first: " + firstReason
                    + "). That is a change of Graph's format, not a few bad records: " + whatStops
                    + ". Check for an Entra Lake update.");
        }
    }
}
