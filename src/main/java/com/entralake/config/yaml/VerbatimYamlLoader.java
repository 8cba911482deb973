package com.entralake.config.yaml;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

import org.springframework.beans.factory.config.YamlProcessor;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

import com.entralake.config.ConfigurationException;

/**
 * Reads a YAML configuration file into flattened, origin-tracked properties, as Spring Boot's own loader
 * does, with three differences an operator relies on:
 * <ul>
 *   <li>a plain scalar stays the text that was written: YAML 1.1 would read {@code no}, {@code on} and
 *       {@code off} as booleans, {@code 0123} as an octal number and {@code 1:30} as 90, so
 *       {@code users: no} would reach the binder as {@code false};</li>
 *   <li>a key given twice in one mapping is refused instead of the last one silently winning;</li>
 *   <li>a syntax error (malformed YAML, a tab used for indentation) is a {@link ConfigurationException}
 *       naming the file, line and column, not a stack trace.</li>
 * </ul>
 * Values keep their origin (file, line, column), so later checks can say where a bad value is.
 */
final class VerbatimYamlLoader extends YamlProcessor {

    private final Resource resource;

    VerbatimYamlLoader(Resource resource) {
        this.resource = resource;
        setResources(resource);
    }

    /** One flattened map per YAML document of the file. */
    List<Map<String, Object>> load() {
        List<Map<String, Object>> documents = new ArrayList<>();
        try {
            process((properties, map) -> documents.add(getFlattenedMap(map)));
        } catch (MarkedYAMLException e) {
            throw new ConfigurationException(YamlErrors.describe(fileName(), e));
        } catch (YAMLException e) {
            throw new ConfigurationException(fileName() + ": not valid YAML: " + YamlErrors.oneLine(e.getMessage()));
        }
        return documents;
    }

    private String fileName() {
        return YamlErrors.fileName(resource);
    }

    @Override
    protected Yaml createYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        options.setAllowRecursiveKeys(true);
        options.setCodePointLimit(Integer.MAX_VALUE);
        DumperOptions dumperOptions = new DumperOptions();
        return new Yaml(new OriginTrackingConstructor(options), new Representer(dumperOptions), dumperOptions, options,
                new TextScalarResolver());
    }

    /**
     * Resolves only what cannot be meant as text: {@code null}/{@code ~}/empty and merge keys. Booleans,
     * integers, floats and timestamps stay strings; the binder converts them to the property's type.
     */
    private static final class TextScalarResolver extends Resolver {
        @Override
        public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
            if (tag.equals(Tag.NULL) || tag.equals(Tag.MERGE)) {
                super.addImplicitResolver(tag, regexp, first, limit);
            }
        }
    }

    /** Wraps every scalar value in an {@link OriginTrackedValue} carrying its file, line and column. */
    private final class OriginTrackingConstructor extends SafeConstructor {

        OriginTrackingConstructor(LoaderOptions options) {
            super(options);
        }

        @Override
        public Object getData() throws NoSuchElementException {
            Object data = super.getData();
            return data instanceof CharSequence text && text.isEmpty() ? null : data;
        }

        @Override
        protected Object constructObject(Node node) {
            if (node instanceof SequenceNode sequence && sequence.getValue().isEmpty()) {
                return tracked(node, "");
            }
            if (node instanceof ScalarNode && !(node instanceof KeyScalarNode)) {
                return tracked(node, super.constructObject(node));
            }
            if (node instanceof MappingNode mapping) {
                // keys are not tracked: they become property names, not values
                List<NodeTuple> tuples = new ArrayList<>(mapping.getValue().size());
                for (NodeTuple tuple : mapping.getValue()) {
                    Node key = tuple.getKeyNode();
                    tuples.add(new NodeTuple(key instanceof ScalarNode scalar ? new KeyScalarNode(scalar) : key,
                            tuple.getValueNode()));
                }
                mapping.setValue(tuples);
            }
            return super.constructObject(node);
        }

        private Object tracked(Node node, Object value) {
            TextResourceOrigin.Location location = new TextResourceOrigin.Location(node.getStartMark().getLine(),
                    node.getStartMark().getColumn());
            return OriginTrackedValue.of(value == null ? "" : value, new TextResourceOrigin(resource, location));
        }
    }

    private static final class KeyScalarNode extends ScalarNode {
        KeyScalarNode(ScalarNode node) {
            super(node.getTag(), node.getValue(), node.getStartMark(), node.getEndMark(), node.getScalarStyle());
        }
    }
}
