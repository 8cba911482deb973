package com.entralake.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.springframework.context.ConfigurableApplicationContext;

import com.entralake.EntraLakeApplication;
import com.entralake.batch.JobRepositorySchema;
import com.entralake.config.ConfigurationException;
import com.entralake.config.ConfigurationValidator;
import com.entralake.config.EntraLakeProperties;
import com.entralake.connectivity.ConnectivityStore;
import com.entralake.demo.DemoEnvironment;

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

    @Option(names = "--now", paramLabel = "INSTANT",
            description = "Act as if the time were INSTANT (ISO-8601 UTC, e.g. 2026-11-27T03:00:00Z). For tests and reprocessing.")
    Instant now;

    /** Runs with the started context; returns the exit status. */
    protected abstract int run(ConfigurableApplicationContext context, EntraLakeProperties properties);

    /** Whether the command needs the demo's emulator running (status reads the database only). */
    protected boolean needsGraph() {
        return true;
    }

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
            try (ConfigurableApplicationContext context = SpringContexts.start(EntraLakeApplication.class, springArgs)) {
                EntraLakeProperties properties = context.getBean(EntraLakeProperties.class);
                ConfigurationValidator.validate(properties);
                JobRepositorySchema.ensure(context.getBean(DataSource.class));
                context.getBean(ConnectivityStore.class).ensureSchema();
                return run(context, properties);
            }
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    /** Checks options that need no configuration; throws ConfigurationException. */
    protected void validateOptions() {
    }
}
