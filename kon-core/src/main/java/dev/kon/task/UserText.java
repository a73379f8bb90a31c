package dev.kon.task;

/**
 * Text that came from a user or another machine, shortened for an error message: a workload line of a gigabyte
 * must not become a gigabyte of error. Handlers quote arguments through {@link #excerpt} in their
 * {@code validate} messages.
 */
public final class UserText {
    /** The most characters of user text an error message quotes. */
    public static final int MAX_SHOWN = 200;

    private UserText() {
    }

    /**
     * The text itself when it has at most {@value #MAX_SHOWN} characters, else its first {@value #MAX_SHOWN}
     * followed by {@code "... (N characters)"}. Never splits a surrogate pair.
     */
    public static String excerpt(String text) {
        if (text.length() <= MAX_SHOWN) {
            return text;
        }
        int cut = Character.isHighSurrogate(text.charAt(MAX_SHOWN - 1)) ? MAX_SHOWN - 1 : MAX_SHOWN;
        return text.substring(0, cut) + "... (" + text.length() + " characters)";
    }
}
