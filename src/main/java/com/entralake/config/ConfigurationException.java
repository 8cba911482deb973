package com.entralake.config;

/** A configuration problem the operator must fix; reported as one message with exit status 2. */
public class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message);
    }
}
