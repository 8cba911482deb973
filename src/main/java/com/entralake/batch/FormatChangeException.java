package com.entralake.batch;

/**
 * Graph sent so many records that cannot be placed that its format has changed: the collection stops (a
 * partial run, exit 1) instead of setting everything aside, so an operator acts before the data ages out.
 */
public class FormatChangeException extends RuntimeException {
    public FormatChangeException(String message) {
        super(message);
    }
}
