package dev.kon.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
}
