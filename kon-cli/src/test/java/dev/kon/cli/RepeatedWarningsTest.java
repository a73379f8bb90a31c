package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A retry loop's warning, the same line again and again, shows once per window; different lines all show. */
class RepeatedWarningsTest {
    private final AtomicLong now = new AtomicLong();
    private final ListAppender<ILoggingEvent> shown = new ListAppender<>();
    private Logger log;

    @BeforeEach
    void aLoggerWithTheFilter() {
        LoggerContext context = new LoggerContext();
        context.addTurboFilter(new RepeatedWarnings(now::get));
        shown.setContext(context);
        shown.start();
        log = context.getLogger("dev.kon.client.ReplyReader");
        log.addAppender(shown);
    }

    private void warnRefused() {
        log.warn("receive from '{}' failed, retrying in {} ms: {}", "kon-resp-1", 500, "Connection refused");
    }

    @Test
    void aWarningRepeatedWordForWord_showsOncePerWindow() {
        for (int i = 0; i < 40; i++) {
            warnRefused();
            now.addAndGet(700_000_000L);
        }

        // 40 tries 0.7 s apart span 28 s: within one window
        assertThat(shown.list).hasSize(1);
        now.addAndGet(RepeatedWarnings.WINDOW_NANOS);
        warnRefused();
        assertThat(shown.list).hasSize(2);
    }

    @Test
    void warningsThatDifferInAnArgument_allShow() {
        log.warn("lost the lease of bundle {} to another worker; stopping it here", "r1/1");
        log.warn("lost the lease of bundle {} to another worker; stopping it here", "r1/2");
        log.warn("lost the lease of bundle {} to another worker; stopping it here", "r1/3");

        assertThat(shown.list).hasSize(3);
    }

    @Test
    void debugLines_areNotCounted() {
        log.setLevel(ch.qos.logback.classic.Level.DEBUG);
        log.debug("polled {}", 0);
        log.debug("polled {}", 0);

        assertThat(shown.list).hasSize(2);
    }
}
