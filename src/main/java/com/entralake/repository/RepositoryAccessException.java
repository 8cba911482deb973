package com.entralake.repository;

/**
 * A table Entra Lake keeps in the job repository (heartbeats, connectivity results, the tenant lock, the job
 * index) could not be read or written: the database failed or refused, not the code. Mid-run this is an
 * operational failure (exit 1, the next run resumes); before anything ran, {@link RepositoryFailure} explains
 * it (exit 2). Its own type so that an {@link IllegalStateException} can stay what it is: a bug.
 */
public class RepositoryAccessException extends RuntimeException {
    public RepositoryAccessException(String message, Throwable cause) {
        super(message, cause);
    }
}
