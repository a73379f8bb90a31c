package dev.kon;

/**
 * Which throwables a long-lived Kon thread must not survive. Everything else that one message or one task can
 * throw is caught where it happens and handled as that message's or task's failure.
 */
public final class FatalErrors {
    private FatalErrors() {
    }

    /**
     * True for errors of the virtual machine itself (out of memory, an internal error), after which nothing the
     * process does can be trusted: its owner must replace it. A {@link StackOverflowError} is not among them: it
     * unwinds the one deep call that caused it (a hostile message), and the thread goes on.
     */
    public static boolean isFatal(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
    }
}
