package dev.kon.view;

import dev.kon.task.TaskResult;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Animoto job's outcome: its video's URL and when that URL expires, or why there is no video.
 *
 * @param job       the job's name
 * @param state     {@code waiting}, {@code done} or {@code failed}
 * @param url       the video's download URL, or null
 * @param expiresAt when the URL stops working (from its signature: {@code X-Amz-Date} plus {@code X-Amz-Expires}),
 *                  or null when the URL does not say
 * @param note      the worker's note on images left out, or null
 * @param error     why the job failed, or null
 */
public record VideoResult(String job, String state, String url, Instant expiresAt, String note, String error) {
    private static final Pattern DATE = Pattern.compile("[?&]X-Amz-Date=(\\d{8}T\\d{6}Z)");
    private static final Pattern EXPIRES = Pattern.compile("[?&]X-Amz-Expires=(\\d{1,9})");
    private static final DateTimeFormatter AMZ = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** A job not answered yet. */
    public static VideoResult waiting(String job) {
        return new VideoResult(job, "waiting", null, null, null, null);
    }

    /** The outcome a {@code video} task's result tells; null means no answer came. */
    public static VideoResult of(String job, TaskResult r) {
        if (r == null) {
            return new VideoResult(job, "failed", null, null, null, "no answer in time");
        }
        if (!r.succeeded()) {
            return new VideoResult(job, "failed", null, null, null, r.output());
        }
        // The output is the URL, then, when images were left out, a note in parentheses.
        String[] parts = r.output().split(" ", 2);
        return new VideoResult(job, "done", parts[0], expiryOf(parts[0]), parts.length > 1 ? parts[1] : null, null);
    }

    /** When a presigned URL expires, read from its query; null when it has no such signature. */
    static Instant expiryOf(String url) {
        String query;
        try {
            query = "?" + URI.create(url).getRawQuery();
        } catch (IllegalArgumentException e) {
            return null;
        }
        Matcher d = DATE.matcher(query);
        Matcher x = EXPIRES.matcher(query);
        if (!d.find() || !x.find()) {
            return null;
        }
        try {
            return AMZ.parse(d.group(1), Instant::from).plusSeconds(Long.parseLong(x.group(1)));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
