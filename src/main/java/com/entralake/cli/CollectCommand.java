package com.entralake.cli;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

import com.entralake.batch.CollectionContext;
import com.entralake.catalog.DataTypeCatalog;
import com.entralake.config.ConfigurationException;
import com.entralake.config.EntraLakeProperties;
import com.entralake.config.EnvironmentOrigins;
import com.entralake.lake.LakePreflight;
import com.entralake.run.CollectRun;
import com.entralake.run.MemoryUsage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "collect",
        mixinStandardHelpOptions = true,
        description = {
                "Collects the configured tenants (the nightly job).",
                "The first run backfills 30 days; later runs collect what is new since the",
                "watermark and re-read windows that may still receive late events. A run",
                "that failed or was killed is resumed first. A 'managed' data type is",
                "collected when its last probe found it available; an unavailable one is",
                "probed again once that result is older than connectivity.recheck-after.",
                "",
                "Without --config: the demo tenant from sample-data/, served by the built-in",
                "Graph emulator, into ./lake with an H2 job repository in ./data."},
        footer = {"", ExitStatusHelp.COLLECT})
public class CollectCommand extends ConfiguredCommand {

    @Option(names = "--tenant", paramLabel = "NAME",
            description = "Collect only this tenant (name or tenant id); repeatable. Default: all configured.")
    List<String> tenants = new ArrayList<>();

    @Option(names = "--data-type", paramLabel = "DATASET",
            description = "Collect only this data type (a dataset of docs/datasets.md, e.g. signins); repeatable.")
    List<String> dataTypes = new ArrayList<>();

    @Override
    protected void validateOptions() {
        for (String dataType : dataTypes) {
            if (DataTypeCatalog.byDataset(dataType).isEmpty()) {
                throw new ConfigurationException("unknown data type '" + dataType + "'; known: "
                        + DataTypeCatalog.all().stream().map(d -> d.dataset()).toList());
            }
        }
    }

    @Override
    protected String nothingRan() {
        return "Nothing was collected.";
    }

    @Override
    protected int run(ConfigurableApplicationContext context, EntraLakeProperties properties) {
        MemoryUsage.heapAdvice(Runtime.getRuntime().maxMemory())
                .ifPresent(advice -> org.slf4j.LoggerFactory.getLogger(CollectCommand.class).warn(advice));
        // before any sign-in or Graph request: a lake that cannot be written would waste the whole run
        LakePreflight.problem(context.getBean(CollectionContext.class).lake()).ifPresent(problem -> {
            String origin = new EnvironmentOrigins(context.getEnvironment()).of("entralake.lake-root")
                    .map(o -> " (" + o + ")").orElse("");
            throw new ConfigurationException("entralake.lake-root" + origin + ": the lake " + problem
                    + ". Nothing was collected.");
        });
        return context.getBean(CollectRun.class).run(tenants, dataTypes, System.out);
    }
}
