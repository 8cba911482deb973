package com.entralake.repository;

/**
 * The job repository could not be used, so nothing ran: exit status 2, like a configuration error, and
 * the message is all the operator needs (no stack trace).
 */
public class RepositoryUnavailableException extends RuntimeException {
    public RepositoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
