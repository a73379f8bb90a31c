package dev.kon.apps.video;

/**
 * One image cannot become a frame: it could not be fetched, or is not a decodable image. Carries the reason, and
 * whether another try might succeed (a reset connection, a timeout, HTTP 503) or cannot (HTTP 404, not an image).
 */
final class UnusableImageException extends Exception {
    private final boolean transientFailure;

    private UnusableImageException(String reason, boolean transientFailure) {
        super(reason);
        this.transientFailure = transientFailure;
    }

    /** A failure that trying again will not mend. */
    static UnusableImageException permanent(String reason) {
        return new UnusableImageException(reason, false);
    }

    /** A failure that may pass: worth another try after a pause. */
    static UnusableImageException temporary(String reason) {
        return new UnusableImageException(reason, true);
    }

    boolean isTransient() {
        return transientFailure;
    }

    /** The same failure, saying how many tries it took. */
    UnusableImageException afterTries(int tries) {
        return tries <= 1 ? this : new UnusableImageException(getMessage() + ", " + tries + " tries", transientFailure);
    }
}
