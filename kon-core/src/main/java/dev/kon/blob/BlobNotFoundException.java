package dev.kon.blob;

/** No object under the key. */
public class BlobNotFoundException extends BlobException {
    private final String key;

    public BlobNotFoundException(String key) {
        super("no blob under key '" + key + "'", null);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
