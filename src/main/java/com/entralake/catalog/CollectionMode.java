package com.entralake.catalog;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How Graph lets a data type be read, as the catalogue declares it. Each mode has one collector that
 * implements it (registered once in {@code run.CollectionModes}); nothing else branches on the mode.
 * Per-parent listings and delta sync are modes still to come: a new mode is a new record here and one
 * collector there.
 */
public sealed interface CollectionMode permits CollectionMode.TimeWindows, CollectionMode.Listing,
        CollectionMode.SingleObject {

    /** The folder-level partition column this mode writes ({@code event_date} or {@code snapshot_date}). */
    String partitionColumn();

    /** Words for help texts and docs. */
    String describe();

    /** Whether Graph answers with the object itself rather than a {@code value} collection with nextLinks. */
    default boolean answersOneObject() {
        return false;
    }

    /**
     * Append-only records read in time windows over {@code timeProperty}, keyed by {@code id}, partitioned by
     * the day of that time.
     *
     * @param operators the filter operators Microsoft documents for the property: a range is asked with
     *                  {@code ge}/{@code le} when both are documented, else with {@code gt}/{@code lt}
     * @param order     the order Graph returns records in, which decides when a window is complete
     */
    record TimeWindows(String timeProperty, Set<FilterOperator> operators, Order order) implements CollectionMode {
        public TimeWindows {
            Objects.requireNonNull(timeProperty, "timeProperty");
            Objects.requireNonNull(order, "order");
            operators = Set.copyOf(operators);
            boolean inclusive = operators.contains(FilterOperator.GE) && operators.contains(FilterOperator.LE);
            boolean exclusive = operators.contains(FilterOperator.GT) && operators.contains(FilterOperator.LT);
            if (!inclusive && !exclusive) {
                throw new IllegalArgumentException(timeProperty + ": a time range needs ge and le, or gt and lt: "
                        + operators);
            }
        }

        /** Whether the range can be asked with both ends inclusive ({@code ge}/{@code le}). */
        public boolean inclusiveOperators() {
            return operators.contains(FilterOperator.GE) && operators.contains(FilterOperator.LE);
        }

        public static TimeWindows newestFirst(String timeProperty, FilterOperator... operators) {
            return new TimeWindows(timeProperty, operators.length == 0 ? Set.of()
                    : EnumSet.of(operators[0], operators), Order.NEWEST_FIRST);
        }

        /** For an endpoint whose page documents no order: a query's records are placed once it is read whole. */
        public static TimeWindows unordered(String timeProperty, FilterOperator... operators) {
            return new TimeWindows(timeProperty, operators.length == 0 ? Set.of()
                    : EnumSet.of(operators[0], operators), Order.UNORDERED);
        }

        @Override
        public String partitionColumn() {
            return "event_date";
        }

        @Override
        public String describe() {
            return "events in time windows over " + timeProperty;
        }

        /** Whether a window may be committed as soon as an older record arrives (Graph's order is known). */
        public boolean ordered() {
            return order == Order.NEWEST_FIRST;
        }
    }

    /** A paged listing of every object, taken whole as one snapshot per run. */
    record Listing() implements CollectionMode {
        @Override
        public String partitionColumn() {
            return "snapshot_date";
        }

        @Override
        public String describe() {
            return "a snapshot of the whole listing each run";
        }
    }

    /** A single object (a policy, a setting), taken as a one-row snapshot per run. */
    record SingleObject() implements CollectionMode {
        @Override
        public String partitionColumn() {
            return "snapshot_date";
        }

        @Override
        public String describe() {
            return "a snapshot of one object each run";
        }

        @Override
        public boolean answersOneObject() {
            return true;
        }
    }

    /** The order Graph returns a time-filtered listing in. */
    enum Order {
        /** Newest first, Graph's default for the audit logs: a window is complete once an older record arrives. */
        NEWEST_FIRST,
        /**
         * No documented order (identity protection's detections): a query's records are held until it has been read
         * to its last page, then written window by window — the query's span, sized to a few pages, bounds what is
         * held. Exact whatever order Graph serves.
         */
        UNORDERED
    }
}
