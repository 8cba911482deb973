package com.entralake.cli;

import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ConfigurableApplicationContext;

import com.entralake.config.ConfigurationException;

/** Starts the Spring context of a command, turning binding errors into configuration errors (exit 2). */
final class SpringContexts {

    private SpringContexts() {
    }

    static ConfigurableApplicationContext start(Class<?> source, List<String> args) {
        SpringApplication app = new SpringApplication(source);
        app.setLogStartupInfo(false);
        try {
            return app.run(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            Throwable t = e;
            while (t != null) {
                if (t instanceof BindException bind) {
                    throw new ConfigurationException("invalid configuration value for " + bind.getName() + ": "
                            + (bind.getCause() == null ? bind.getMessage() : bind.getCause().getMessage()));
                }
                if (t instanceof ConfigurationException ce) {
                    throw ce;
                }
                t = t.getCause();
            }
            throw e;
        }
    }
}
