package com.entralake.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret held in a file, as Kubernetes mounts secrets. One trailing newline (LF or CRLF) is
 * dropped because {@code echo secret > file} and most editors add one; anything else is kept.
 */
public final class FileSecret implements SecretSource {

    private final Path file;

    public FileSecret(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    @Override
    public char[] read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            // the exception names the file and the reason (missing, permission), never content
            throw new SecretUnavailableException("secret file " + file + " is not readable ("
                    + e.getClass().getSimpleName() + ")");
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
            int length = chars.remaining();
            if (length > 0 && chars.get(length - 1) == '\n') {
                length--;
                if (length > 0 && chars.get(length - 1) == '\r') {
                    length--;
                }
            }
            if (length == 0) {
                throw new SecretUnavailableException("secret file " + file + " is empty");
            }
            char[] secret = new char[length];
            chars.get(secret, 0, length);
            Arrays.fill(chars.array(), '\0');
            return secret;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public String describe() {
        return "secret file " + file;
    }

    @Override
    public String toString() {
        return describe();
    }
}
