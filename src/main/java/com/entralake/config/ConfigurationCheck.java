package com.entralake.config;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Everything checked about a configuration before anything runs, against the environment Spring read from
 * the configuration file, the command line and the process environment: keys that no setting has,
 * placeholders whose variable is not set, values that cannot be converted, and {@link ConfigurationValidator}'s
 * rules. Every problem names its key and where it was set; all of them are reported at once (exit 2).
 */
public final class ConfigurationCheck {

    private ConfigurationCheck() {
    }

    public static EntraLakeProperties check(ConfigurableEnvironment environment) {
        ConfigurationProblems problems = new ConfigurationProblems(new EnvironmentOrigins(environment));
        UnknownSettings.check(environment, problems);
        UnsetPlaceholders.check(environment, problems);
        EntraLakeProperties properties;
        try {
            properties = Binder.get(environment).bindOrCreate("entralake", EntraLakeProperties.class);
        } catch (BindException e) {
            problems.addGeneral(BindingFailures.describe(e));
            problems.throwIfAny();
            throw e; // unreachable: throwIfAny threw
        }
        ConfigurationValidator.check(properties, problems);
        problems.throwIfAny();
        return properties;
    }
}
