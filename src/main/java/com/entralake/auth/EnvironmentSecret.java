package com.entralake.auth;

import java.util.Objects;
import java.util.function.Function;

/** A secret held in an environment variable (the usual way a scheduler or CI injects it). */
public final class EnvironmentSecret implements SecretSource {

    private final String variable;
    private final Function<String, String> environment;

    public EnvironmentSecret(String variable) {
        this(variable, System::getenv);
    }

    /** For tests: the environment of a process cannot be changed from Java. */
    EnvironmentSecret(String variable, Function<String, String> environment) {
        this.variable = Objects.requireNonNull(variable, "variable");
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public char[] read() {
        String value = environment.apply(variable);
        if (value == null || value.isEmpty()) {
            throw new SecretUnavailableException("environment variable " + variable + " is not set"
                    + (value == null ? "" : " (it is empty)"));
        }
        return value.toCharArray();
    }

    @Override
    public String describe() {
        return "environment variable " + variable;
    }

    @Override
    public String toString() {
        return describe();
    }
}
