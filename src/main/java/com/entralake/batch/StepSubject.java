package com.entralake.batch;

import org.springframework.batch.core.step.StepExecution;

import com.entralake.catalog.DataType;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.schema.RecordNormalizer;
import com.entralake.tenant.TenantSession;
import com.entralake.tenant.TenantSessions;

/** What a collection step works on, from its job parameters: the data type, the tenant, and their helpers. */
record StepSubject(DataType type, TenantSession session, RecordNormalizer normalizer, ProgressLog progress) {

    static StepSubject of(StepExecution stepExecution, TenantSessions sessions, CollectionContext context) {
        var params = stepExecution.getJobParameters();
        DataType type = DataTypeCatalog.byDataset(params.getString(JobParameterNames.DATASET)).orElseThrow();
        TenantSession session = sessions.get(params.getString(JobParameterNames.TENANT_ID));
        return new StepSubject(type, session, new RecordNormalizer(context.schemaOf(type)),
                new ProgressLog(type.dataset() + " [" + session.name() + "]", context.settings().getProgressInterval()));
    }
}
