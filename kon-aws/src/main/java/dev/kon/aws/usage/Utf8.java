package dev.kon.aws.usage;

/** UTF-8 lengths of strings without encoding them. Stateless. */
final class Utf8 {
    private Utf8() {
    }

    /** Bytes of {@code s} in UTF-8; 0 for null. An unpaired surrogate counts 3 bytes, as a replacement would. */
    static long length(CharSequence s) {
        if (s == null) {
            return 0;
        }
        int n = s.length();
        long bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2; // four bytes for the pair of two chars
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
