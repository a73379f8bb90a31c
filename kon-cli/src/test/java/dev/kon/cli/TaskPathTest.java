package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.fixture.StubContext;
import dev.kon.task.Task;
import dev.kon.task.TaskHandler;
import dev.kon.task.TaskHandlers;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --task-path}: a task type compiled here into a jar of its own, found through the path's loader only. */
class TaskPathTest {
    @TempDir
    Path dir;

    /** A jar holding task type {@code shout} (answers its arguments in capitals), in {@code folder}. */
    private Path shoutJar(Path folder) throws Exception {
        Path src = dir.resolve("src/ext/Shout.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, "package ext;\n"
                + "public class Shout implements dev.kon.task.TaskHandler {\n"
                + "  public String type() { return \"shout\"; }\n"
                + "  public String handle(dev.kon.task.Task t, dev.kon.task.TaskContext c) {\n"
                + "    return t.args().toUpperCase(java.util.Locale.ROOT);\n"
                + "  }\n"
                + "}\n");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String core = Path.of(TaskHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-cp", core, "-d", classes.toString(), src.toString())).isZero();
        Files.createDirectories(folder);
        Path jar = folder.resolve("shout.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("ext/Shout.class"));
            out.write(Files.readAllBytes(classes.resolve("ext/Shout.class")));
            out.putNextEntry(new JarEntry("META-INF/services/dev.kon.task.TaskHandler"));
            out.write("ext.Shout\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    @Test
    void folderOfJars_onTheTaskPath_addsItsTaskTypes() throws Exception {
        Path folder = dir.resolve("tasks");
        shoutJar(folder);
        TaskHandlers found = TaskHandlers.discover(TaskPath.loader(List.of(folder)));

        TaskHandler shout = found.find("shout").orElseThrow();
        assertThat(shout.handle(new Task(1, "shout", "hi"), new StubContext())).isEqualTo("HI");
        assertThat(found.find("sleep")).as("Kon's own types stay").isPresent();
        assertThat(TaskHandlers.discover().find("shout")).as("not on Kon's class path").isEmpty();
    }

    @Test
    void jar_onTheTaskPath_addsItsTaskTypes() throws Exception {
        Path jar = shoutJar(dir.resolve("one"));
        assertThat(TaskHandlers.discover(TaskPath.loader(List.of(jar))).find("shout")).isPresent();
    }

    @Test
    void missingEntry_isRefusedNamingIt() {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> TaskPath.loader(List.of(missing))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--task-path: " + missing + " does not exist");
    }

    @Test
    void folderWithoutJars_isRefusedNamingIt() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        try (OutputStream o = Files.newOutputStream(empty.resolve("notes.txt"))) {
            o.write('x');
        }
        assertThatThrownBy(() -> TaskPath.loader(List.of(empty))).hasMessageContaining("holds no .jar file");
    }
}
