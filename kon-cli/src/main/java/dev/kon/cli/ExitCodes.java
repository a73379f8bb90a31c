package dev.kon.cli;

/** Exit codes of every {@code kon} command. */
final class ExitCodes {
    static final int OK = 0;
    static final int TASKS_FAILED = 1;
    static final int BAD_INPUT = 2;
    static final int BACKEND = 3;
    /** The process itself cannot go on (out of memory, a task that will not stop): a supervisor should replace it. */
    static final int PROCESS_FAILED = 4;

    private ExitCodes() {
    }
}
