package dev.kon.testkit;

import dev.kon.task.Task;
import java.util.ArrayList;
import java.util.List;

/** Test data: {@code aTask().ofType("sleep").withArgs("10").build()}, and runs of many. */
public final class TaskBuilder {
    private long id = 1;
    private String type = "sleep";
    private String args = "0";

    public static TaskBuilder aTask() {
        return new TaskBuilder();
    }

    public TaskBuilder withId(long id) {
        this.id = id;
        return this;
    }

    public TaskBuilder ofType(String type) {
        this.type = type;
        return this;
    }

    public TaskBuilder withArgs(String args) {
        this.args = args;
        return this;
    }

    public Task build() {
        return new Task(id, type, args);
    }

    /** {@code n} tasks with ids 1..n like this one. */
    public List<Task> times(int n) {
        List<Task> out = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            out.add(new Task(i, type, args));
        }
        return out;
    }
}
