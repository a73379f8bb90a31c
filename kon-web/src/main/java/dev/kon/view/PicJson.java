package dev.kon.view;

import dev.kon.apps.enhance.EnhanceAnswer;
import java.util.Map;

/**
 * A CloudPic answer as JSON, as {@code kon pic -o json} prints it and {@code /api/pic} serves it: {@code image}
 * (the file's name), {@code factor}, {@code key} (the result's blob key), {@code width}, {@code height},
 * {@code format}, then what the caller adds: {@code savedAs} (the command), {@code before}, {@code after} and
 * {@code download} (the web's links).
 */
public final class PicJson {
    private PicJson() {
    }

    /** The answer, with {@code extra} string fields after the fixed ones, in the map's order. */
    public static String of(String image, double factor, EnhanceAnswer a, Map<String, String> extra) {
        return JsonDocument.of(g -> {
            g.writeStartObject();
            g.writeStringField("image", image);
            g.writeNumberField("factor", factor);
            g.writeStringField("key", a.key());
            g.writeNumberField("width", a.width());
            g.writeNumberField("height", a.height());
            g.writeStringField("format", a.format());
            for (Map.Entry<String, String> e : extra.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        });
    }
}
