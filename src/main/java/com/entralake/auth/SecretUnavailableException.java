package com.entralake.auth;

/** The configured secret could not be read; the message says where it was looked for. Never carries the value. */
public class SecretUnavailableException extends RuntimeException {

    public SecretUnavailableException(String message) {
        super(message);
    }
}
