package com.entralake.cli;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

import com.entralake.config.BindingFailures;
import com.entralake.config.ConfigurationCheck;
import com.entralake.config.ConfigurationException;

/**
 * Starts the Spring context of a command. The configuration is checked as soon as Spring has read it and
 * before any bean exists ({@link ConfigurationCheck}), so a configuration error is reported before the job
 * repository or the lake is touched; binding errors become configuration errors and a job repository that
 * cannot be used becomes one message (both exit 2).
 */
public final class SpringContexts {

    private SpringContexts() {
    }

    /**
     * @param nothingRan what the command did not do, appended to a job repository failure ("Nothing was collected.")
     */
    public static ConfigurableApplicationContext start(Class<?> source, List<String> args, String nothingRan) {
        // A configuration file that cannot be read fails before logging is configured from application.yml,
        // and Spring Boot would log it with a stack trace; the command reports it, once, as one message.
        LoggingSystem.get(SpringContexts.class.getClassLoader())
                .setLogLevel(SpringApplication.class.getName(), LogLevel.OFF);
        SpringApplication app = new SpringApplication(source);
        app.setLogStartupInfo(false);
        ConfigurableEnvironment[] environment = new ConfigurableEnvironment[1];
        app.addInitializers(context -> {
            environment[0] = context.getEnvironment();
            ConfigurationCheck.check(context.getEnvironment());
        });
        try {
            return app.run(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ConfigurationException ce) {
                    throw ce;
                }
                if (t instanceof BindException bind) {
                    throw new ConfigurationException(BindingFailures.describe(bind));
                }
            }
            if (environment[0] != null) {
                throw RepositoryErrors.translate(e, environment[0], nothingRan);
            }
            throw e;
        }
    }
}
