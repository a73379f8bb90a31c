package dev.kon.client;

import dev.kon.blob.BlobNotFoundException;
import dev.kon.blob.BlobStore;
import dev.kon.wire.DeflatedBodies;
import dev.kon.wire.ResultBatch;
import dev.kon.wire.WireCodec;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * A run's record in the blob store, under {@code runs/<runId>/}: the manifest (what was submitted) and every
 * result message the client received, kept before the message is deleted from the queue. If the client dies,
 * {@code kon collect RUN_ID} reads the record back and goes on where it stopped; nothing is lost. Thread-safe.
 */
public final class RunArchive {
    /** Most result files read back. */
    private static final int MAX_FILES = 1_000_000;
    private final BlobStore blobs;
    private final String runId;

    public RunArchive(BlobStore blobs, String runId) {
        this.blobs = blobs;
        this.runId = runId;
    }

    private String prefix() {
        return "runs/" + runId + "/";
    }

    public void writeManifest(RunManifest m) {
        Properties p = new Properties();
        p.setProperty("run", m.runId());
        p.setProperty("taskQueue", m.taskQueue());
        p.setProperty("replyQueue", m.replyQueue());
        p.setProperty("tasks", Long.toString(m.tasks()));
        p.setProperty("sleepMillis", Long.toString(m.sleepMillis()));
        p.setProperty("workload", m.workload());
        StringWriter w = new StringWriter();
        try {
            p.store(w, "kon run manifest");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        blobs.putBytes(prefix() + "manifest.properties", w.toString().getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    /** The manifest, or empty if this run is unknown (never submitted here, or finished and cleaned up). */
    public Optional<RunManifest> readManifest() {
        byte[] bytes;
        try {
            bytes = blobs.getBytes(prefix() + "manifest.properties");
        } catch (BlobNotFoundException e) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Optional.of(new RunManifest(p.getProperty("run"), p.getProperty("taskQueue"),
                p.getProperty("replyQueue"), Long.parseLong(p.getProperty("tasks")),
                Long.parseLong(p.getProperty("sleepMillis", "-1")), p.getProperty("workload", "")));
    }

    /** Keeps result messages; called by the collector before it deletes them from the queue. */
    public void keep(List<ResultBatch> batches) {
        if (batches.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (ResultBatch b : batches) {
            // A line of a kilobyte or more is kept deflated, as it travelled (base64 has no line breaks).
            sb.append(DeflatedBodies.deflateIfWorth(WireCodec.encodeResults(b))).append('\n');
        }
        blobs.putBytes(prefix() + "results/" + UUID.randomUUID() + ".jsonl",
                sb.toString().getBytes(StandardCharsets.UTF_8), "application/x-ndjson");
    }

    /** Every result message kept so far. */
    public List<ResultBatch> kept() {
        List<ResultBatch> out = new ArrayList<>();
        for (String key : blobs.list(prefix() + "results/", MAX_FILES)) {
            String text = new String(blobs.getBytes(key), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (!line.isBlank()) {
                    out.add(WireCodec.decodeResults(DeflatedBodies.isDeflated(line) ? DeflatedBodies.inflate(line)
                            : line));
                }
            }
        }
        return out;
    }

    /** Deletes the whole record (when the run has been reported in full). */
    public void delete() {
        List<String> keys;
        while (!(keys = blobs.list(prefix(), 1000)).isEmpty()) {
            keys.forEach(blobs::delete);
        }
    }
}
