package com.entralake.catalog;

import java.util.Locale;

/**
 * How Graph answers when a tenant lacks the licence an endpoint needs: an HTTP status with, where known,
 * the error code or a phrase of the message. Microsoft documents the shape for sign-ins only; the others
 * are what is reported in practice ({@code graph-data-types.md}, "Licence / error shapes").
 *
 * @param status        the HTTP status
 * @param code          Graph's {@code error.code}, or null for any code
 * @param messagePhrase a phrase of {@code error.message} (case-insensitive), or null for any message
 * @param explanation   what the operator reads, after "The tenant has no …"
 * @param alsoMeans     what else Graph means by the same answer, or null
 */
public record LicenceRefusal(int status, String code, String messagePhrase, String explanation, String alsoMeans) {

    public boolean matches(int status, String code, String message) {
        return this.status == status
                && (this.code == null || this.code.equalsIgnoreCase(code))
                && (messagePhrase == null || (message != null
                        && message.toLowerCase(Locale.ROOT).contains(messagePhrase.toLowerCase(Locale.ROOT))));
    }
}
