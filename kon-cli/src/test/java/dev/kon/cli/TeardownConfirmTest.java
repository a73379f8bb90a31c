package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** {@code kon cloud teardown} asking on a terminal before it deletes a bucket that holds objects. */
class TeardownConfirmTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> asked = new ArrayList<>();

    private boolean confirmed(int objects, String reply) {
        Function<String, String> terminal = question -> {
            asked.add(question);
            return reply;
        };
        return CloudCommand.Teardown.confirmed("kon-blobs", objects, terminal,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String said() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void confirmed_whenTheUserSaysYes_goesOnSilently() {
        assertThat(confirmed(12, "y")).isTrue();
        assertThat(confirmed(12, " YES \n")).isTrue();

        assertThat(asked).first().isEqualTo("bucket 'kon-blobs' holds 12 objects; delete them, with the queues, "
                + "table and bucket? [y/N] ");
        assertThat(said()).isEmpty();
    }

    @Test
    void confirmed_whenTheUserSaysNoOrJustPressesEnter_deletesNothing() {
        assertThat(confirmed(1, "n")).isFalse();
        assertThat(confirmed(1, "")).isFalse();

        assertThat(asked).first().asString().startsWith("bucket 'kon-blobs' holds 1 object;");
        assertThat(said().lines()).containsExactly("kon: nothing deleted", "kon: nothing deleted");
    }

    @Test
    void confirmed_withNoTerminal_refusesNamingYes() {
        assertThat(confirmed(CloudCommand.Teardown.COUNT_LIMIT + 1, null)).isFalse();

        assertThat(said().lines()).containsExactly("kon: bucket 'kon-blobs' holds more than 1,000 objects; nothing "
                + "deleted: give --yes to delete it (there is no terminal to ask on)");
    }
}
