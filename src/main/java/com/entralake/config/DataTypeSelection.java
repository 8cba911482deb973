package com.entralake.config;

import java.util.Locale;
import java.util.Optional;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;

/** Whether a tenant collects a data type. */
public enum DataTypeSelection {
    /** Always collect; a licence or permission error is a failure of the run (exit 1). */
    YES,
    /** Never collect. */
    NO,
    /** Collect when available; a missing licence or permission skips it, reported, and still counts as success. */
    MANAGED;

    private static final String ACCEPTED = "yes, no, managed (true and false are read as yes and no)";

    /**
     * A tenant's selection of a data type; when the configuration does not name it, {@code managed} for a type
     * on by default (a new one starts with its backfill on upgrade) and {@code no} for one that is off.
     */
    public static DataTypeSelection of(EntraLakeProperties.Tenant tenant, DataType type) {
        String value = tenant.getDataTypes().get(type.dataset());
        if (value == null) {
            return type.onByDefault() ? MANAGED : NO;
        }
        return parse(value, type.dataset());
    }

    /** The same, by dataset name (which must be catalogued). */
    public static DataTypeSelection of(EntraLakeProperties.Tenant tenant, String dataset) {
        return of(tenant, DataTypeCatalog.byDataset(dataset)
                .orElseThrow(() -> new IllegalArgumentException("not a catalogued dataset: " + dataset)));
    }

    public static DataTypeSelection parse(String value, String where) {
        return read(value).orElseThrow(() -> new ConfigurationException(where + ": " + problem(value).orElseThrow()));
    }

    /** What is wrong with {@code value}, if anything, listing what is accepted. */
    public static Optional<String> problem(String value) {
        return read(value).isPresent() ? Optional.empty()
                : Optional.of("'" + value + "' is not one of " + ACCEPTED);
    }

    /**
     * {@code true}/{@code false} too: environment variables and {@code .properties} files are where people
     * write booleans, and YAML 1.1 tools turn yes/no into them.
     */
    private static Optional<DataTypeSelection> read(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String word = value.trim().toLowerCase(Locale.ROOT);
        return switch (word) {
            case "yes", "true" -> Optional.of(YES);
            case "no", "false" -> Optional.of(NO);
            case "managed" -> Optional.of(MANAGED);
            default -> Optional.empty();
        };
    }
}
