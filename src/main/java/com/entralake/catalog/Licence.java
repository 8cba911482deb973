package com.entralake.catalog;

import java.util.List;
import java.util.Optional;

/**
 * The licence a tenant needs for a data type, and how Graph says it is missing.
 *
 * @param name     in words, as the operator knows it ({@code Microsoft Entra ID P1 or P2})
 * @param refusals Graph's answers that mean "not licensed" for the endpoints needing it
 */
public record Licence(String name, List<LicenceRefusal> refusals) {

    /** No licence needed. */
    public static final Licence NONE = new Licence("none", List.of());

    public Licence {
        refusals = List.copyOf(refusals);
    }

    public boolean isNeeded() {
        return !equals(NONE);
    }

    /** The refusal this answer is, if it is one. */
    public Optional<LicenceRefusal> refusal(int status, String code, String message) {
        return refusals.stream().filter(r -> r.matches(status, code, message)).findFirst();
    }
}
