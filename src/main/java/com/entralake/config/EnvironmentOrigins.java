package com.entralake.config;

import java.util.Comparator;
import java.util.Optional;
import java.util.stream.StreamSupport;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * {@link ConfigurationOrigins} from Spring's property sources: the file and line a key was read from (YAML
 * and .properties files track both), "command line" or the environment variable. Sources are asked in
 * precedence order, so the origin named is that of the value that was bound.
 */
public final class EnvironmentOrigins implements ConfigurationOrigins {

    private final Iterable<ConfigurationPropertySource> sources;

    public EnvironmentOrigins(ConfigurableEnvironment environment) {
        this.sources = ConfigurationPropertySources.from(environment.getPropertySources());
    }

    @Override
    public Optional<String> of(String key) {
        ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(key);
        if (name == null) {
            name = ConfigurationPropertyName.adapt(key, '.');
        }
        for (ConfigurationPropertySource source : sources) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null) {
                Optional<String> described = describe(property.getOrigin());
                if (described.isPresent()) {
                    return described;
                }
            }
        }
        // a key that was not set itself (a tenant without a credential): where its section starts
        for (ConfigurationPropertySource source : sources) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                ConfigurationPropertyName section = name;
                Optional<String> first = StreamSupport.stream(iterable.spliterator(), false)
                        .filter(section::isAncestorOf)
                        .map(iterable::getConfigurationProperty)
                        .map(ConfigurationProperty::getOrigin)
                        .filter(o -> textOrigin(o) != null)
                        .min(Comparator.comparingInt(o -> textOrigin(o).getLocation().getLine()))
                        .flatMap(EnvironmentOrigins::describe);
                if (first.isPresent()) {
                    return first;
                }
            }
        }
        return Optional.empty();
    }

    /** "production.yml line 12", "command line", "environment variable ENTRALAKE_LAKE_ROOT"; empty if unknown. */
    public static Optional<String> describe(Origin origin) {
        TextResourceOrigin text = textOrigin(origin);
        if (text != null && text.getResource() != null) {
            String file = text.getResource().getFilename();
            String where = file == null ? text.getResource().getDescription() : file;
            return Optional.of(text.getLocation() == null ? where : where + " line " + (text.getLocation().getLine() + 1));
        }
        Origin inner = origin instanceof PropertySourceOrigin wrapper && wrapper.getOrigin() != null
                ? wrapper.getOrigin() : origin;
        if (inner instanceof SystemEnvironmentOrigin env) {
            return Optional.of("environment variable " + env.getProperty());
        }
        if (origin instanceof PropertySourceOrigin ps && ps.getPropertySource() instanceof CommandLinePropertySource) {
            return Optional.of("command line");
        }
        return Optional.empty();
    }

    private static TextResourceOrigin textOrigin(Origin origin) {
        for (Origin o = origin; o != null; o = o.getParent()) {
            if (o instanceof TextResourceOrigin text) {
                return text;
            }
            // Spring wraps a file's origin in the property source's: look inside as well as above
            if (o instanceof PropertySourceOrigin wrapper && wrapper.getOrigin() instanceof TextResourceOrigin text) {
                return text;
            }
        }
        return null;
    }
}
