package dev.kon.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueueLimitsTest {

    @Test
    void sqs_isTenEntriesAndTwoHundredFiftySixKibibytes() {
        assertThat(QueueLimits.SQS).isEqualTo(new QueueLimits(10, 256 * 1024));
    }

    @Test
    void limits_belowTheirMinimums_areRefusedWithFieldAndUnit() {
        assertThatThrownBy(() -> new QueueLimits(0, 2048)).hasMessage("maxBatch must be >= 1, was 0");
        assertThatThrownBy(() -> new QueueLimits(1, 1023)).hasMessage("maxBodyBytes must be >= 1024 bytes, was 1023");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii ~!@#$%^&*()", "\u00e9\u00df\u00fc\u07ff", "\u0800\u20ac\u65e5\uffff",
        "\ud83d\ude00\ud800\udc00\udbff\udfff", "mixed a\u00e9\u20ac\ud83d\ude00z \u0000\u007f\u0080"})
    void utf8Length_ofWellFormedText_matchesGetBytes(String text) {
        assertThat(QueueLimits.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void utf8Length_ofLongText_matchesGetBytes() {
        String text = "a\u00e9\u20ac\ud83d\ude00".repeat(10_000);

        assertThat(QueueLimits.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length)
                .isEqualTo(10_000 * (1 + 2 + 3 + 4));
    }
}
