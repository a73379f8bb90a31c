package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class LogSetupTest {
    private final LoggerContext context = new LoggerContext();

    @Test
    void apply_withNothingSet_logsKonsWarningsAndOthersErrorsToStderr() {
        LogSetup.apply(context, Map.<String, String>of()::get);

        assertThat(context.getLogger("dev.kon.worker.Worker").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("software.amazon.awssdk").getEffectiveLevel()).isEqualTo(Level.ERROR);
        for (String cloud : LogSetup.CLOUD_LOGGERS) {
            assertThat(context.getLogger(cloud + ".x").getEffectiveLevel()).as(cloud).isEqualTo(Level.OFF);
        }
        var appender = (ConsoleAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertThat(appender.getTarget()).isEqualTo("System.err");
        assertThat(((PatternLayoutEncoder) appender.getEncoder()).getPattern()).isEqualTo(LogSetup.PATTERN);
    }

    @Test
    void apply_withLevelsSet_usesThemAndKeepsTheDefaultForOneThatIsNoLevel() {
        LogSetup.apply(context, Map.of("KON_LOG", "debug", "KON_CLOUD_LOG", " warn ", "KON_ROOT_LOG", "loud")::get);

        assertThat(context.getLogger("dev.kon").getLevel()).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger("org.elasticmq").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void configure_besideTheTestsLogbackTestXml_standsAside() {
        assertThat(new LogSetup().configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
    }

    @Test
    void logback_findsTheSetupAsAService() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(LogSetup.class);
    }
}
