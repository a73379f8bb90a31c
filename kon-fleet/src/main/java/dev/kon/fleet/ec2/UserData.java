package dev.kon.fleet.ec2;

import dev.kon.KonException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The script an instance runs at its first boot (EC2 user data, run by cloud-init as root): installs a JRE
 * (Corretto 17 with dnf, OpenJDK 17 with apt-get), downloads and unpacks the worker artifact through its presigned
 * URL, and writes and starts the {@code kon-worker} systemd unit. The template is the resource
 * {@code user-data.sh} beside this class.
 *
 * <p>Names are checked to be plain ({@code [A-Za-z0-9._-]}), so that they can stand unquoted in the unit; the URL
 * is single-quoted.
 */
public final class UserData {
    /** How long systemd lets a stopping worker finish the bundles in hand before it kills it. */
    public static final int STOP_TIMEOUT_SECONDS = 90;
    /** EC2's limit on user data, before base64. */
    static final int MAX_BYTES = 16 * 1024;

    private UserData() {
    }

    /** The script for workers of {@code spec} fetching Kon from {@code artifact}. */
    public static String script(URI artifact, FleetSpec spec) {
        String s = template().replace("@ARTIFACT_URL@", singleQuoted(artifact.toString()))
                .replace("@QUEUE@", plain("queue", spec.queue())).replace("@TABLE@", plain("table", spec.table()))
                .replace("@BUCKET@", plain("bucket", spec.bucket())).replace("@REGION@", plain("region", spec.region()))
                .replace("@THREADS@", Integer.toString(spec.threads()))
                .replace("@STOP_TIMEOUT@", Integer.toString(STOP_TIMEOUT_SECONDS));
        if (s.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new KonException("the user data script is over EC2's 16 KiB (a very long artifact URL?)");
        }
        return s;
    }

    private static String template() {
        try (InputStream in = UserData.class.getResourceAsStream("user-data.sh")) {
            if (in == null) {
                throw new IllegalStateException("user-data.sh missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read user-data.sh: " + e.getMessage(), e);
        }
    }

    private static String plain(String field, String value) {
        if (!value.matches("[A-Za-z0-9._-]{1,255}")) {
            throw new IllegalArgumentException(field + " must be letters, digits, '.', '_' or '-' to go into "
                    + "the user data, was '" + dev.kon.task.UserText.excerpt(value) + "'");
        }
        return value;
    }

    static String singleQuoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
