package com.entralake.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

import com.entralake.cli.SpringContexts;

/**
 * Loads a job configuration the way {@code --config FILE} does (Spring's config data with our YAML loader,
 * the packaged application.yml, the same checks before any bean), in a context without the application's
 * beans: no database, no lake, no emulator. Throws what the command would report.
 */
public final class ConfigurationLoading {

    /** No beans: only the environment and the configuration check run. */
    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }

    private ConfigurationLoading() {
    }

    public static ConfigurableEnvironment load(Path file, String... commandLine) {
        List<String> args = new ArrayList<>();
        args.add("--spring.config.additional-location=file:" + file.toAbsolutePath());
        args.addAll(List.of(commandLine));
        try (ConfigurableApplicationContext context = SpringContexts.start(NoBeans.class, args, "Nothing ran.")) {
            return context.getEnvironment();
        }
    }
}
