package com.entralake.run;

import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;

import com.entralake.catalog.DataType;
import com.entralake.tenant.TenantSession;

/**
 * What one collection mode does for a data type in a collect run, after the tenant is signed in and what a crashed
 * run left is recovered: resume, plan and launch its jobs, then write its manifest. One implementation per
 * {@link com.entralake.catalog.CollectionMode}, registered once in {@link CollectionModes}.
 */
interface ModeCollection {

    /** Why this mode cannot collect the type now (a configuration the lake cannot take), checked before any job. */
    default Optional<String> refusal(TenantSession session, DataType type) {
        return Optional.empty();
    }

    /**
     * Runs the type's jobs; every execution is added to {@code tally}.
     *
     * @return the execution that did not complete, if one did not (the caller reports it and stops the type)
     */
    Optional<JobExecution> collect(TenantSession session, DataType type, String runId, Tally tally) throws Exception;
}
