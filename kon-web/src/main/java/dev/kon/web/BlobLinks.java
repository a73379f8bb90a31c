package dev.kon.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The blobs a page may download, by ids this server made: a request names an id, never a key, so no request can
 * reach a blob the server did not hand out. Keeps the latest {@value #MAX} links.
 */
final class BlobLinks {
    static final int MAX = 10_000;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Link> links = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Link> eldest) {
            return size() > MAX;
        }
    };

    /** A blob behind a link: its key, content type and the file name a download gets. */
    record Link(String key, String contentType, String fileName) {
    }

    /** A new id for {@code key}; the page's path is {@code /api/blobs/ID}. */
    synchronized String add(String key, String contentType, String fileName) {
        byte[] b = new byte[16];
        random.nextBytes(b);
        String id = HexFormat.of().formatHex(b);
        links.put(id, new Link(key, contentType, fileName));
        return "/api/blobs/" + id;
    }

    synchronized Optional<Link> find(String id) {
        return Optional.ofNullable(links.get(id));
    }
}
