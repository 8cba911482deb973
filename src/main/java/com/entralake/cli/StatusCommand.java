package com.entralake.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

import com.entralake.batch.RunHistory;
import com.entralake.config.EntraLakeProperties;
import com.entralake.config.TenantSelection;
import com.entralake.connectivity.ConnectivityStore;
import com.entralake.lock.TenantRunStore;
import com.entralake.run.ExitCodes;
import com.entralake.status.StatusPrinter;
import com.entralake.status.StatusReader;
import com.entralake.status.TenantStatus;
import com.entralake.time.JobClock;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** What the job repository knows, per tenant and data type; contacts nothing, needs no credentials. */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        description = {
                "Shows what has been collected, from the job repository alone.",
                "Per tenant: tenant id, client id, Secret ID, the last connectivity result and",
                "the days until the client secret expires. Per data type: selection and last",
                "probe, watermark, last run, records and files written, the next window, and",
                "any data gap — days older than Graph's retention (30 days on P1/P2, 7 on",
                "Free) that were never collected and cannot be any more. Reads the database",
                "only: it works while the credentials are broken or Graph is down."},
        footer = {"", ExitStatusHelp.STATUS})
public class StatusCommand extends ConfiguredCommand {

    @Option(names = "--tenant", paramLabel = "NAME",
            description = "Show only this tenant (name or tenant id); repeatable. Default: all configured.")
    List<String> tenants = new ArrayList<>();

    @Override
    protected boolean needsGraph() {
        return false;
    }

    @Override
    protected String nothingRan() {
        return "status reads the job repository only, so it has nothing to show.";
    }

    @Override
    protected int run(ConfigurableApplicationContext context, EntraLakeProperties properties) {
        StatusReader reader = new StatusReader(new RunHistory(context.getBean(JobRepository.class),
                context.getBean(javax.sql.DataSource.class)),
                context.getBean(ConnectivityStore.class), properties.getCollection(),
                new TenantRunStore(context.getBean(javax.sql.DataSource.class)), properties.getLock().getStaleAfter());
        Instant at = context.getBean(JobClock.class).now();
        System.out.println("Entra Lake status at " + at + " (lake: " + properties.getLakeRoot() + ")");
        System.out.println();
        List<String> attention = new ArrayList<>();
        for (EntraLakeProperties.Tenant tenant : TenantSelection.select(properties, tenants)) {
            TenantStatus status;
            try {
                status = reader.read(tenant, at);
            } catch (RuntimeException e) {
                // status only reads the repository: a failure there is the whole answer, not a bug
                throw RepositoryErrors.translate(e, context.getEnvironment(), nothingRan());
            }
            StatusPrinter.print(System.out, status, at);
            attention.addAll(status.attention(properties.getSecretExpiry().getWarnWithin(), at));
        }
        if (attention.isEmpty()) {
            System.out.println("Nothing needs attention.");
            return ExitCodes.SUCCESS;
        }
        // the last line says why the exit status is 1, for a scheduler's alert that shows only the tail
        System.out.println("Needs attention (exit 1): " + String.join("; ", attention));
        return ExitCodes.PARTIAL;
    }
}
