package dev.kon.view;

import dev.kon.apps.stats.StatsAnswer;
import dev.kon.apps.stats.Summary;

/**
 * A CloudCal answer as JSON, as {@code kon cal -o json} prints it and {@code /api/cal} serves it: {@code count},
 * then {@code min}, {@code max}, {@code average}, {@code median} as strings (exact decimals, no precision lost to
 * a double), and {@code log}, the blob key of the request's log. The web adds {@code logLink}, where the page
 * downloads the log from.
 */
public final class CalJson {
    private CalJson() {
    }

    /** The answer; {@code logLink} is left out when null. */
    public static String of(StatsAnswer a, String logLink) {
        return JsonDocument.of(g -> {
            g.writeStartObject();
            g.writeNumberField("count", a.count());
            g.writeStringField("min", Summary.format(a.min()));
            g.writeStringField("max", Summary.format(a.max()));
            g.writeStringField("average", Summary.format(a.average()));
            g.writeStringField("median", Summary.format(a.median()));
            g.writeStringField("log", a.log());
            if (logLink != null) {
                g.writeStringField("logLink", logLink);
            }
            g.writeEndObject();
        });
    }
}
