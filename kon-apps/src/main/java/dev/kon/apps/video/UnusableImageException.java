package dev.kon.apps.video;

/** One image cannot become a frame: it could not be fetched, or is not a decodable image. Carries the reason. */
final class UnusableImageException extends Exception {
    UnusableImageException(String reason) {
        super(reason);
    }
}
