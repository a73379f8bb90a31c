package dev.kon.view;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * Animoto outcomes as JSON, as {@code kon animoto -o json} prints them and {@code /api/animoto/ID} serves them:
 * {@code jobs} and {@code made} (counts), then {@code videos}, one object per job: {@code job}, {@code state}
 * ({@code waiting}, {@code done}, {@code failed}), {@code url}, {@code expiresAt} (ISO-8601), {@code note},
 * {@code error} (each null when it does not apply).
 */
public final class VideoJson {
    private VideoJson() {
    }

    /** What the command prints. */
    public static String of(List<VideoResult> videos) {
        return JsonDocument.of(g -> {
            g.writeStartObject();
            fields(g, videos);
            g.writeEndObject();
        });
    }

    /** Writes {@code jobs}, {@code made} and {@code videos} into an object already started. */
    public static void fields(JsonGenerator g, List<VideoResult> videos) throws IOException {
        g.writeNumberField("jobs", videos.size());
        g.writeNumberField("made", videos.stream().filter(v -> v.state().equals("done")).count());
        g.writeArrayFieldStart("videos");
        for (VideoResult v : videos) {
            g.writeStartObject();
            g.writeStringField("job", v.job());
            g.writeStringField("state", v.state());
            JsonDocument.stringOrNull(g, "url", v.url());
            JsonDocument.stringOrNull(g, "expiresAt", v.expiresAt() == null ? null : v.expiresAt().toString());
            JsonDocument.stringOrNull(g, "note", v.note());
            JsonDocument.stringOrNull(g, "error", v.error());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
