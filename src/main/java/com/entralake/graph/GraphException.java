package com.entralake.graph;

import java.util.Objects;

/**
 * Graph refused a request in a way retrying will not fix, or retries ran out. The message is meant
 * for an operator: what failed, why, what to do. It never contains an access token.
 */
public class GraphException extends RuntimeException {

    public enum Kind {
        /** 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant: no Entra ID P1/P2 (or a B2C tenant). */
        LICENCE,
        /** 403 Authorization_RequestDenied (or another 403): the app lacks an application permission. */
        PERMISSION,
        /** 400: Graph rejected the query. */
        BAD_REQUEST,
        /** 404: the endpoint or object does not exist. */
        NOT_FOUND,
        /**
         * 400, 404 or 410 from a catalogued beta endpoint: Microsoft changed or withdrew it (the Agent Registry APIs
         * are being replaced in 2026). The data type is not available, never a broken request or a crash.
         */
        WITHDRAWN,
        /** 401 even with a freshly acquired token. */
        AUTHENTICATION,
        /** Throttling or transient failures outlasted every attempt. */
        TRANSIENT_EXHAUSTED,
        /** An {@code @odata.nextLink} pointed back at a page already read in this query. */
        NEXT_LINK_LOOP,
        /** Any other status Graph is not expected to send to a read. */
        UNEXPECTED_RESPONSE,
        /** The thread was interrupted while waiting to send or retry. */
        INTERRUPTED
    }

    private final Kind kind;
    private final int status;
    private final String graphCode;

    public GraphException(Kind kind, int status, String graphCode, String message) {
        this(kind, status, graphCode, message, null);
    }

    public GraphException(Kind kind, int status, String graphCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.graphCode = graphCode;
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status of the last response, 0 when there was none (network failure, loop, interrupt). */
    public int status() {
        return status;
    }

    /** Graph's {@code error.code}, e.g. {@code Authorization_RequestDenied}; null when absent. */
    public String graphCode() {
        return graphCode;
    }

    /**
     * True when only this data type is affected: the run can skip it and go on with the tenant's
     * other data types. False when the whole tenant is affected (its token is refused) or the run
     * is being stopped (interrupt).
     */
    public boolean stopsDataType() {
        return kind != Kind.AUTHENTICATION && kind != Kind.INTERRUPTED;
    }
}
