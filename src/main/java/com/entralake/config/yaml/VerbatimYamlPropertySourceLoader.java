package com.entralake.config.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;

/**
 * Loads {@code .yml}/{@code .yaml} configuration files through {@link VerbatimYamlLoader}, so that what a
 * user writes is what runs ({@code users: no} is the text "no", not {@code false}). Registered in
 * {@code META-INF/spring.factories}; Spring Boot sorts property source loaders by their order and, for a
 * file, takes the first one that claims its extension, so this one, ordered first, replaces Spring Boot's
 * {@code YamlPropertySourceLoader} for every YAML file: the packaged {@code application.yml} and
 * {@code --config}.
 */
public final class VerbatimYamlPropertySourceLoader implements PropertySourceLoader, Ordered {

    @Override
    public String[] getFileExtensions() {
        return new String[] {"yml", "yaml"};
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public List<PropertySource<?>> load(String name, Resource resource) {
        List<Map<String, Object>> documents = new VerbatimYamlLoader(resource).load();
        List<PropertySource<?>> sources = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            String document = documents.size() == 1 ? "" : " (document #" + i + ")";
            sources.add(new OriginTrackedMapPropertySource(name + document,
                    Collections.unmodifiableMap(documents.get(i)), true));
        }
        return sources;
    }
}
