package com.entralake.config;

import java.util.Locale;

/** Whether a tenant collects a data type. */
public enum DataTypeSelection {
    /** Always collect; a licence or permission error is a failure of the run (exit 1). */
    YES,
    /** Never collect. */
    NO,
    /** Collect when available; a missing licence or permission skips it, reported, and still counts as success. */
    MANAGED;

    /** A tenant's selection of a dataset; {@code managed} when the configuration does not name it. */
    public static DataTypeSelection of(EntraLakeProperties.Tenant tenant, String dataset) {
        String value = tenant.getDataTypes().get(dataset);
        return value == null ? MANAGED : parse(value, dataset);
    }

    public static DataTypeSelection parse(String value, String where) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ": '" + value + "' is not one of yes, no, managed");
        }
    }
}
