package dev.kon.bench.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.task.PermanentTaskFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process timing of CloudPic runs the worker's own handler, not a copy of its steps. */
class EnhanceInProcessTest {
    @TempDir
    Path dir;

    @Test
    void time_onADrawnPhoto_runsTheHandlerWhichWritesItsAttemptsOutput() throws Exception {
        Path jpeg = dir.resolve("photo.jpg");
        PhotoImage.writeJpeg(PhotoImage.render(64, 48, 1), jpeg);

        EnhanceInProcess.Timing timing = EnhanceInProcess.time("photo.jpg", Files.readAllBytes(jpeg));

        // The attempt number in the key is the handler's own doing (EnhanceRequest.outputKeyFor).
        assertThat(timing.output()).contains("photo-enhanced.a1.jpg");
        assertThat(timing.handlerSeconds()).isPositive();
        assertThat(timing.contrastSeconds()).isPositive();
    }

    @Test
    void time_onBytesThatAreNoImage_failsAsTheHandlerDoes() {
        byte[] text = "not an image".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> EnhanceInProcess.time("photo.jpg", text))
                .isInstanceOf(PermanentTaskFailure.class).hasMessageContaining("unreadable image");
    }
}
