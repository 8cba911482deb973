package com.entralake.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

import com.entralake.EntraLakeApplication;
import com.entralake.batch.JobIndexUpgrade;
import com.entralake.batch.JobRepositorySchema;
import com.entralake.config.ConfigurationException;
import com.entralake.config.EntraLakeProperties;
import com.entralake.connectivity.ConnectivityStore;
import com.entralake.lock.TenantRunStore;
import com.entralake.repository.RepositoryTime;
import com.entralake.time.JobClock;
import com.entralake.demo.DemoEnvironment;
import com.entralake.repository.RepositoryPrivileges;
import com.entralake.repository.RepositoryUnavailableException;

import picocli.CommandLine.Option;

/**
 * What {@code collect}, {@code test-connectivity} and {@code status} share: a configuration file (or the
 * demo tenant served by the built-in emulator), a validated configuration, a job repository with its
 * tables, and an optional {@code --now}.
 */
abstract class ConfiguredCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Job configuration file (YAML or .properties), e.g. jobs/example-production.yml."
                    + " Default: the demo tenant from sample-data/ (served by the built-in Graph emulator"
                    + " when the command talks to Graph).")
    Path config;

    @Option(names = "--now", paramLabel = "INSTANT", converter = InstantConverter.class,
            description = "Act as if the time were INSTANT (ISO-8601 UTC, e.g. 2026-11-27T03:00:00Z). For tests and reprocessing.")
    Instant now;

    /** Runs with the started context; returns the exit status. */
    protected abstract int run(ConfigurableApplicationContext context, EntraLakeProperties properties);

    /** Whether the command needs the demo's emulator running (status reads the database only). */
    protected boolean needsGraph() {
        return true;
    }

    /** What the command did not do when the job repository cannot be used, e.g. "Nothing was collected." */
    protected abstract String nothingRan();

    /** Extra Spring arguments, after the configuration (so they take precedence). */
    protected List<String> extraSpringArguments() {
        return List.of();
    }

    @Override
    public final Integer call() {
        if (config != null && !Files.isReadable(config)) {
            throw new ConfigurationException("configuration file " + config + " does not exist or is not readable");
        }
        validateOptions();
        List<String> springArgs = new ArrayList<>();
        DemoEnvironment demo = null;
        try {
            if (config != null) {
                springArgs.add("--spring.config.additional-location=file:" + config.toAbsolutePath());
            } else {
                demo = needsGraph() ? DemoEnvironment.start(Path.of("sample-data"))
                        : DemoEnvironment.offline(Path.of("sample-data"));
                springArgs.addAll(demo.springArguments());
            }
            if (now != null) {
                springArgs.add("--entralake.now=" + now);
            }
            springArgs.addAll(extraSpringArguments());
            // the configuration is checked while the context starts, before any bean touches the database
            try (ConfigurableApplicationContext context = SpringContexts.start(EntraLakeApplication.class, springArgs,
                    nothingRan())) {
                prepareRepository(context);
                checkClockAgainstRepository(context);
                return run(context, context.getBean(EntraLakeProperties.class));
            }
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    /**
     * This machine's clock against the job repository's, when that is on another machine: a host clock ahead
     * would read windows before their records exist, so the run acts at the repository's time instead, and says so.
     */
    private static void checkClockAgainstRepository(ConfigurableApplicationContext context) {
        JobClock clock = context.getBean(JobClock.class);
        RepositoryTime.now(context.getBean(DataSource.class)).flatMap(clock::correctAgainst).ifPresent(skew ->
                org.slf4j.LoggerFactory.getLogger(ConfiguredCommand.class).warn("this machine's clock is {} s ahead of the"
                        + " job repository's: this run acts at the repository's time ({}); set up NTP on this host",
                        skew.toSeconds(), clock.now()));
    }

    /** The job repository's tables, created when missing, and the role's privileges on them; else exit 2. */
    private void prepareRepository(ConfigurableApplicationContext context) {
        DataSource dataSource = context.getBean(DataSource.class);
        try {
            JobRepositorySchema.ensure(dataSource);
            context.getBean(ConnectivityStore.class).ensureSchema();
            // the heartbeat table too: a role without CREATE then finds every table already made by the owner's run
            new TenantRunStore(dataSource).ensureSchema();
            // and the job index, filled from an earlier version's history before any run reads it
            JobIndexUpgrade.ensure(dataSource, context.getBean(JobRepository.class));
        } catch (RuntimeException e) {
            throw RepositoryErrors.translate(e, context.getEnvironment(), nothingRan());
        }
        RepositoryPrivileges.missing(dataSource, RepositoryErrors.url(context.getEnvironment()),
                RepositoryErrors.username(context.getEnvironment())).ifPresent(missing -> {
                    throw new RepositoryUnavailableException(missing + " " + nothingRan(), null);
                });
    }

    /** Checks options that need no configuration; throws ConfigurationException. */
    protected void validateOptions() {
    }
}
