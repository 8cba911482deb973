package com.entralake.catalog;

/** The Graph API version an endpoint is served under. Beta endpoints can change or disappear without notice. */
public enum ApiVersion {
    V1_0("v1.0"),
    BETA("beta");

    private final String segment;

    ApiVersion(String segment) {
        this.segment = segment;
    }

    /** The path segment, {@code v1.0} or {@code beta}. */
    public String segment() {
        return segment;
    }
}
