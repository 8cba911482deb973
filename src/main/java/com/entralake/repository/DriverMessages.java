package com.entralake.repository;

/** Database drivers write messages over several lines (a hint, a position, a stack of causes): the first one says it. */
final class DriverMessages {

    private DriverMessages() {
    }

    static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }
}
