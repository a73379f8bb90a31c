package dev.kon.task;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The task handlers of this process by type, found through {@link ServiceLoader}. Immutable; thread-safe.
 */
public final class TaskHandlers {
    private final Map<String, TaskHandler> byType;

    private TaskHandlers(Map<String, TaskHandler> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** Every handler on the class path; a type claimed twice is an error naming both classes. */
    public static TaskHandlers discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    /** Every handler {@code loader} finds (a loader over jars on a task path sees the class path too). */
    public static TaskHandlers discover(ClassLoader loader) {
        Map<String, TaskHandler> found = new TreeMap<>();
        for (TaskHandler h : ServiceLoader.load(TaskHandler.class, loader)) {
            TaskHandler earlier = found.putIfAbsent(h.type(), h);
            if (earlier != null && earlier.getClass() != h.getClass()) {
                throw new IllegalStateException("task type '" + h.type() + "' is claimed by both "
                        + earlier.getClass().getName() + " and " + h.getClass().getName());
            }
        }
        return new TaskHandlers(found);
    }

    /** Exactly these handlers (for tests and embedding). */
    public static TaskHandlers of(TaskHandler... handlers) {
        Map<String, TaskHandler> m = new TreeMap<>();
        for (TaskHandler h : handlers) {
            if (m.put(h.type(), h) != null) {
                throw new IllegalArgumentException("task type '" + h.type() + "' given twice");
            }
        }
        return new TaskHandlers(m);
    }

    /** These handlers with {@code handler} in place of the one of its type, if any. */
    public TaskHandlers with(TaskHandler handler) {
        Map<String, TaskHandler> m = new TreeMap<>(byType);
        m.put(handler.type(), handler);
        return new TaskHandlers(m);
    }

    public Optional<TaskHandler> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The known types, sorted, for error messages. */
    public Collection<String> types() {
        return new TreeMap<>(byType).keySet();
    }
}
