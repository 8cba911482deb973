package com.entralake.run;

import java.util.List;

/** The result of one tenant in a run. */
public record TenantOutcome(String name, String tenantId, Status status, String message, List<DataTypeOutcome> dataTypes) {

    public enum Status {
        DONE,
        /** No token could be obtained: nothing was collected for this tenant. */
        AUTHENTICATION_FAILED,
        /** Another run holds the tenant's lock. */
        LOCKED,
        /** An operational failure (job repository, lake storage) stopped this tenant; the next run resumes. */
        FAILED,
        /** Something unexpected (a bug) stopped this tenant. */
        CRASHED
    }
}
