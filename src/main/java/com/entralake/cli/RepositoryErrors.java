package com.entralake.cli;

import org.springframework.core.env.Environment;

import com.entralake.repository.RepositoryFailure;
import com.entralake.repository.RepositoryUnavailableException;

/** A failure of the job repository before a command did anything: one message, exit 2. */
final class RepositoryErrors {

    private RepositoryErrors() {
    }

    /** {@code failure} as a {@link RepositoryUnavailableException} when it is a job repository failure, else itself. */
    static RuntimeException translate(RuntimeException failure, Environment environment, String nothingRan) {
        return RepositoryFailure.explain(failure, url(environment), username(environment))
                .<RuntimeException>map(message -> new RepositoryUnavailableException(message + " " + nothingRan, failure))
                .orElse(failure);
    }

    static String url(Environment environment) {
        return environment.getProperty("spring.datasource.url");
    }

    static String username(Environment environment) {
        return environment.getProperty("spring.datasource.username");
    }
}
