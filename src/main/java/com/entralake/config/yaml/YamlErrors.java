package com.entralake.config.yaml;

import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** SnakeYAML's syntax errors as one line an operator can act on: file, line, column and what is wrong. */
final class YamlErrors {

    private YamlErrors() {
    }

    static String describe(String file, MarkedYAMLException e) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        StringBuilder text = new StringBuilder(file);
        if (mark != null) {
            text.append(" line ").append(mark.getLine() + 1).append(", column ").append(mark.getColumn() + 1);
        }
        text.append(": ").append(problem(e));
        Mark context = e.getContextMark();
        if (e.getContext() != null && context != null && (mark == null || context.getLine() != mark.getLine())) {
            text.append(" (").append(oneLine(e.getContext())).append(" that starts at line ")
                    .append(context.getLine() + 1).append(')');
        }
        return text.toString();
    }

    private static String problem(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "not valid YAML" : oneLine(e.getProblem());
        if (problem.contains("\\t(TAB)")) {
            return "a tab character where YAML expects indentation or a value: indent with spaces, never tabs";
        }
        if (problem.startsWith("found duplicate key ")) {
            return "the key '" + problem.substring("found duplicate key ".length())
                    + "' appears twice in the same section: keep one";
        }
        return problem;
    }

    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }

    /** The file name as the operator wrote it, without Spring's resource decoration. */
    static String fileName(Resource resource) {
        String name = resource.getFilename();
        return name == null ? resource.getDescription() : name;
    }
}
