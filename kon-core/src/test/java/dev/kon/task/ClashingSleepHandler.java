package dev.kon.task;

/** A second handler claiming type {@code sleep}, offered to ServiceLoader only by TaskHandlersTest. */
public final class ClashingSleepHandler implements TaskHandler {
    @Override
    public String type() {
        return "sleep";
    }

    @Override
    public String handle(Task task, TaskContext ctx) {
        return "";
    }
}
