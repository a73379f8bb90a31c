package dev.kon.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.fixture.EchoHandler;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskHandlersTest {
    @TempDir
    Path dir;

    /**
     * Runs {@code body} with a context class loader that also sees a services file listing {@code providers}: the
     * same thing as dropping a jar with those handlers on the class path.
     */
    private <T> T withExtraProviders(Callable<T> body, String... providers) throws Exception {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(TaskHandler.class.getName()), String.join("\n", providers) + "\n");
        Thread me = Thread.currentThread();
        ClassLoader before = me.getContextClassLoader();
        try (URLClassLoader jar = new URLClassLoader(new URL[] {dir.toUri().toURL()}, before)) {
            me.setContextClassLoader(jar);
            return body.call();
        } finally {
            me.setContextClassLoader(before);
        }
    }

    @Test
    void discover_findsTheSleepHandlerThroughServiceLoader() {
        TaskHandlers found = TaskHandlers.discover();

        assertThat(found.find("sleep")).get().isInstanceOf(SleepHandler.class);
        assertThat(found.types()).contains("sleep");
    }

    @Test
    void discover_withAnotherHandlerOnTheClassPath_findsItBesideSleep() throws Exception {
        TaskHandlers found = withExtraProviders(TaskHandlers::discover, EchoHandler.class.getName());

        assertThat(found.types()).containsExactly("echo", "sleep");
        assertThat(found.find("echo")).get().isInstanceOf(EchoHandler.class);
    }

    @Test
    void discover_withTwoClassesClaimingOneType_throwsNamingBoth() {
        assertThatThrownBy(() -> withExtraProviders(TaskHandlers::discover, ClashingSleepHandler.class.getName()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("task type 'sleep' is claimed by both")
                .hasMessageContaining(SleepHandler.class.getName())
                .hasMessageContaining(ClashingSleepHandler.class.getName());
    }

    @Test
    void discover_withTheSameClassListedTwice_isFine() throws Exception {
        TaskHandlers found = withExtraProviders(TaskHandlers::discover, SleepHandler.class.getName());

        assertThat(found.find("sleep")).get().isInstanceOf(SleepHandler.class);
    }

    @Test
    void of_holdsExactlyTheGivenHandlers() {
        SleepHandler sleep = new SleepHandler();
        EchoHandler echo = new EchoHandler();

        TaskHandlers handlers = TaskHandlers.of(sleep, echo);

        assertThat(handlers.find("sleep")).containsSame(sleep);
        assertThat(handlers.find("echo")).containsSame(echo);
        assertThat(handlers.find("stats")).isEmpty();
    }

    @Test
    void types_areSorted() {
        assertThat(TaskHandlers.of(new SleepHandler(), new EchoHandler()).types()).containsExactly("echo", "sleep");
        assertThat(TaskHandlers.of().types()).isEmpty();
    }

    @Test
    void types_isACopyThatCannotChangeTheHandlers() {
        TaskHandlers handlers = TaskHandlers.of(new SleepHandler());

        try {
            handlers.types().clear();
        } catch (UnsupportedOperationException expected) {
            // either answer is fine: what matters is that the handlers stay
        }

        assertThat(handlers.find("sleep")).isPresent();
    }

    @Test
    void discover_isUnaffectedByAnExtraFolderWithoutServices() throws IOException {
        Files.createDirectories(dir.resolve("empty"));

        assertThat(TaskHandlers.discover().find("sleep")).isPresent();
    }
}
