package dev.kon.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.blob.BlobNotFoundException;
import dev.kon.blob.BlobStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link BlobStore} adapter must do. A backend's test subclasses this and answers {@link #store()}. */
public abstract class BlobStoreContract {

    /** The store under test; may be shared by the tests of a class. Each test uses fresh keys. */
    protected abstract BlobStore store();

    @TempDir
    Path tmp;

    private String key(String name) {
        return "contract/" + UUID.randomUUID() + "/" + name;
    }

    @Test
    public void putBytes_thenGet_returnsTheSameBytes() {
        String k = key("hello.txt");
        store().putBytes(k, "hello kon".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(store().getBytes(k)).asString(StandardCharsets.UTF_8).isEqualTo("hello kon");
        assertThat(store().exists(k)).isTrue();
    }

    @Test
    public void putFile_ofSeveralMegabytes_streamsBackIdentically() throws Exception {
        byte[] data = new byte[6 * 1024 * 1024 + 123];
        new Random(7).nextBytes(data);
        Path f = tmp.resolve("big.bin");
        Files.write(f, data);
        String k = key("big.bin");

        store().putFile(k, f, "application/octet-stream");

        try (InputStream in = store().get(k)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    public void put_overAnExistingKey_replacesTheObject() {
        String k = key("v.txt");
        store().putBytes(k, new byte[] {1}, "application/octet-stream");
        store().putBytes(k, new byte[] {2, 3}, "application/octet-stream");

        assertThat(store().getBytes(k)).containsExactly(2, 3);
    }

    @Test
    public void get_ofMissingKey_throwsBlobNotFoundNamingTheKey() {
        String k = key("missing");

        assertThatThrownBy(() -> store().get(k).close()).isInstanceOf(BlobNotFoundException.class)
                .hasMessageContaining(k);
        assertThat(store().exists(k)).isFalse();
    }

    @Test
    public void delete_removesTheObjectAndIsIdempotent() {
        String k = key("gone");
        store().putBytes(k, new byte[] {9}, "application/octet-stream");

        store().delete(k);
        store().delete(k);

        assertThat(store().exists(k)).isFalse();
    }

    @Test
    public void shareableUrl_ofExistingObject_isAnAbsoluteUri() {
        String k = key("share.txt");
        store().putBytes(k, new byte[] {1, 2}, "text/plain");

        assertThat(store().shareableUrl(k, Duration.ofMinutes(10)).isAbsolute()).isTrue();
    }

    @Test
    public void list_answersTheKeysUnderAPrefixSortedAndBounded() {
        String dir = key("run");
        store().putBytes(dir + "/b", new byte[] {1}, "x");
        store().putBytes(dir + "/a", new byte[] {1}, "x");
        store().putBytes(dir + "/sub/c", new byte[] {1}, "x");
        store().putBytes(dir + "x/other", new byte[] {1}, "x");

        assertThat(store().list(dir + "/", 100)).containsExactly(dir + "/a", dir + "/b", dir + "/sub/c");
        assertThat(store().list(dir + "/", 2)).containsExactly(dir + "/a", dir + "/b");
        assertThat(store().list(key("nothing") + "/", 10)).isEmpty();
    }

    @Test
    public void keysThatEscapeOrAreEmpty_areRefused() {
        assertThatThrownBy(() -> store().putBytes("../outside", new byte[] {1}, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().putBytes("", new byte[] {1}, "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().putBytes("/abs", new byte[] {1}, "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
