package com.entralake.catalog;

/** OData comparison operators Microsoft documents for a time property's {@code $filter}. */
public enum FilterOperator {
    EQ, GE, GT, LE, LT;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
