package com.entralake.connectivity;

/** What a one-record probe of a data type found. */
public enum Availability {
    AVAILABLE("available"),
    MISSING_PERMISSION("missing permission"),
    NOT_LICENSED("not licensed"),
    /** The tenant cannot have this data at all (a B2C tenant, an endpoint absent from its cloud). */
    NOT_APPLICABLE("not applicable"),
    /** Graph did not give a usable answer (outage, throttling): says nothing about licence or permission. */
    UNKNOWN("could not be checked");

    private final String words;

    Availability(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /** Whether managed mode leaves the data type out: only a definite "no", never an outage. */
    public boolean skipsManaged() {
        return this == MISSING_PERMISSION || this == NOT_LICENSED || this == NOT_APPLICABLE;
    }
}
