package com.entralake.emulator;

import com.entralake.catalog.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Data types that share an endpoint and differ by a fixed {@code $filter} clause (beta sign-ins by
 * {@code signInEventTypes}): which one a request reads, and its filter without that clause.
 */
final class FixedFilters {

    private FixedFilters() {
    }

    /**
     * The type among those at one path that the request's filter selects: the one whose fixed clause it carries, else
     * the one without a fixed clause; empty when neither.
     */
    static Optional<DataType> typeOf(List<DataType> atPath, String filter) {
        List<String> clauses = clauses(filter);
        Optional<DataType> byClause = atPath.stream()
                .filter(d -> d.fixedFilter() != null && clauses.contains(normalized(d.fixedFilter()))).findFirst();
        return byClause.isPresent() ? byClause : atPath.stream().filter(d -> d.fixedFilter() == null).findFirst();
    }

    /** The filter without the type's fixed clause (null when nothing is left): what the time filter parser reads. */
    static String withoutFixedClause(DataType type, String filter) {
        if (type.fixedFilter() == null || filter == null) {
            return filter;
        }
        List<String> rest = new ArrayList<>();
        for (String clause : filter.split("(?i)\\s+and\\s+")) {
            if (!normalized(clause).equals(normalized(type.fixedFilter()))) {
                rest.add(clause.strip());
            }
        }
        return rest.isEmpty() ? null : String.join(" and ", rest);
    }

    private static List<String> clauses(String filter) {
        return filter == null ? List.of()
                : java.util.Arrays.stream(filter.split("(?i)\\s+and\\s+")).map(FixedFilters::normalized).toList();
    }

    /** Spacing and case do not change an OData clause's meaning (string literals aside, which these tests use as Graph spells them). */
    private static String normalized(String clause) {
        return clause.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }
}
