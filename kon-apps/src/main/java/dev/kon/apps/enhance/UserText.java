package dev.kon.apps.enhance;

/** The rule for quoting user input (keys, arguments, decoder messages about a user's file) in a message. */
final class UserText {
    /** The most characters of user input a message quotes. */
    static final int MAX_CHARS = 200;

    private UserText() {
    }

    /** {@code text} if it is at most {@value #MAX_CHARS} characters, else its start and "...", that long. */
    static String clip(String text) {
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 3) + "...";
    }
}
