package dev.kon.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;

/**
 * Kon's logging, set up in code: logback finds this class with the service loader before it looks for a
 * logback.xml, whose reading (an XML parser, logback's model of the file and its interpreter) took a tenth of the
 * start of a short command.
 *
 * <p>Kon prints what a user needs itself; the log, on stderr, is for warnings. {@code KON_LOG} sets the level of
 * Kon's loggers (default WARN), {@code KON_CLOUD_LOG} that of the embedded local cloud's servers (default OFF:
 * they report clients that went away, such as a stopped worker's long poll, as errors), {@code KON_ROOT_LOG} that
 * of everything else (default ERROR). Each is read as a system property, then from the environment; a value that
 * is not a level leaves the default.
 *
 * <p>It stands aside, and logback reads its files as usual, when {@code logback.configurationFile} is set or a
 * {@code logback-test.xml} is on the class path (the tests').
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{24} - %msg%n";
    static final List<String> CLOUD_LOGGERS = List.of("org.elasticmq", "org.apache.pekko",
            "com.amazonaws.services.dynamodbv2.local", "org.gaul.s3proxy");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, LogSetup::setting);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up {@code context} with the levels {@code settings} gives by variable name (null when unset). */
    static void apply(LoggerContext context, UnaryOperator<String> settings) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        // A warning that repeats word for word (a retry loop against a cloud that went away) shows once per 30 s.
        RepeatedWarnings repeated = new RepeatedWarnings();
        repeated.setContext(context);
        repeated.start();
        context.addTurboFilter(repeated);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(settings, "KON_ROOT_LOG", Level.ERROR));
        root.addAppender(stderr);
        context.getLogger("dev.kon").setLevel(level(settings, "KON_LOG", Level.WARN));
        Level cloud = level(settings, "KON_CLOUD_LOG", Level.OFF);
        for (String name : CLOUD_LOGGERS) {
            context.getLogger(name).setLevel(cloud);
        }
    }

    private static Level level(UnaryOperator<String> settings, String variable, Level otherwise) {
        String value = settings.apply(variable);
        return value == null || value.isBlank() ? otherwise : Level.toLevel(value.strip(), otherwise);
    }

    private static String setting(String variable) {
        String value = System.getProperty(variable);
        return value != null ? value : System.getenv(variable);
    }
}
