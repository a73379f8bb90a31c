package dev.kon.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.function.Function;

/** Asking before deleting what cannot be got back ({@code kon cloud teardown}, {@code kon dlq purge}). */
final class Confirmation {
    /** Asks a question on the terminal and answers the reply, or null when there is no terminal. */
    static final Function<String, String> TERMINAL = question -> {
        Console console = System.console();
        return console == null ? null : console.readLine("%s", question);
    };

    private Confirmation() {
    }

    /**
     * Asks {@code question} through {@code terminal}; true only for "y" or "yes". Without a terminal (a null reply)
     * prints {@code withoutTerminal}, else a refusal, on {@code err}, and answers false.
     */
    static boolean ask(String question, String withoutTerminal, Function<String, String> terminal,
            PrintStream err) {
        String answer = terminal.apply(question);
        if (answer == null) {
            err.println(withoutTerminal);
            return false;
        }
        if (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes")) {
            return true;
        }
        err.println("kon: nothing deleted");
        return false;
    }
}
