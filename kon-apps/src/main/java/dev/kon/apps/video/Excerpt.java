package dev.kon.apps.video;

/**
 * At most {@value #MAX_CHARS} characters of something a user gave (a URL, a name, a key), for messages: a long
 * text keeps its start and its end, which say the most about which one it is. Stateless.
 */
final class Excerpt {
    static final int MAX_CHARS = 200;
    private static final String GAP = "...";
    private static final int HEAD = 120;

    private Excerpt() {
    }

    static String of(Object text) {
        String s = String.valueOf(text);
        if (s.length() <= MAX_CHARS) {
            return s;
        }
        int tail = MAX_CHARS - HEAD - GAP.length();
        return s.substring(0, HEAD) + GAP + s.substring(s.length() - tail);
    }
}
