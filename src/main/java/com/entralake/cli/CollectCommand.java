package com.entralake.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.entralake.EntraLakeApplication;
import com.entralake.batch.JobRepositorySchema;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.config.ConfigurationException;
import com.entralake.config.ConfigurationValidator;
import com.entralake.config.EntraLakeProperties;
import com.entralake.demo.DemoEnvironment;
import com.entralake.run.CollectRun;
import com.entralake.run.ExitCodes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "collect",
        mixinStandardHelpOptions = true,
        description = {
                "Collects the configured tenants (the nightly job).",
                "The first run backfills 30 days; later runs collect what is new since the",
                "watermark and re-read windows that may still receive late events. A run",
                "that failed or was killed is resumed first.",
                "",
                "Without --config: the demo tenant from sample-data/, served by the built-in",
                "Graph emulator, into ./lake with an H2 job repository in ./data."},
        footer = {"", ExitStatusHelp.TABLE})
public class CollectCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Job configuration file (YAML or .properties), e.g. jobs/example-production.yml.")
    Path config;

    @Option(names = "--tenant", paramLabel = "NAME",
            description = "Collect only this tenant (name or tenant id); repeatable. Default: all configured.")
    List<String> tenants = new ArrayList<>();

    @Option(names = "--data-type", paramLabel = "DATASET",
            description = "Collect only this data type (signins, directory_audits, users, groups); repeatable.")
    List<String> dataTypes = new ArrayList<>();

    @Option(names = "--now", paramLabel = "INSTANT",
            description = "Run as if the time were INSTANT (ISO-8601 UTC, e.g. 2026-11-27T03:00:00Z). For tests and reprocessing.")
    Instant now;

    @Override
    public Integer call() {
        if (config != null && !Files.isReadable(config)) {
            throw new ConfigurationException("configuration file " + config + " does not exist or is not readable");
        }
        for (String dataType : dataTypes) {
            if (DataTypeCatalog.byDataset(dataType).isEmpty()) {
                throw new ConfigurationException("unknown data type '" + dataType + "'; known: "
                        + DataTypeCatalog.all().stream().map(d -> d.dataset()).toList());
            }
        }
        List<String> springArgs = new ArrayList<>();
        DemoEnvironment demo = null;
        try {
            if (config != null) {
                springArgs.add("--spring.config.additional-location=file:" + config.toAbsolutePath());
            } else {
                demo = DemoEnvironment.start(Path.of("sample-data"));
                springArgs.addAll(demo.springArguments());
            }
            if (now != null) {
                springArgs.add("--entralake.now=" + now);
            }
            try (ConfigurableApplicationContext context = SpringContexts.start(EntraLakeApplication.class, springArgs)) {
                EntraLakeProperties properties = context.getBean(EntraLakeProperties.class);
                ConfigurationValidator.validate(properties);
                JobRepositorySchema.ensure(context.getBean(DataSource.class));
                return context.getBean(CollectRun.class).run(tenants, dataTypes, System.out);
            }
        } finally {
            if (demo != null) {
                demo.close();
            }
        }
    }

    static int exitCodeOf(Throwable e) {
        return e instanceof ConfigurationException ? ExitCodes.CONFIGURATION : ExitCodes.UNEXPECTED;
    }

}
