package com.entralake.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --now}: an ISO-8601 instant in UTC, or with an explicit offset; the error says which format, not which exception. */
final class InstantConverter implements ITypeConverter<Instant> {

    static final String EXPECTED = "expected an ISO-8601 UTC time such as 2026-11-27T03:00:00Z"
            + " (or with an offset, such as 2026-11-27T04:00:00+01:00)";

    @Override
    public Instant convert(String value) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException utcOnly) {
            try {
                return OffsetDateTime.parse(value.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a time: " + EXPECTED);
            }
        }
    }
}
