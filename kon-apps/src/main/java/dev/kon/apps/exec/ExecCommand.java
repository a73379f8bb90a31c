package dev.kon.apps.exec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.kon.wire.StrictJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code exec} task's arguments: a program and its arguments, never given to a shell. Written either as a JSON
 * array of strings ({@code ["/bin/sh","-c","echo hi"]}: any argument, spaces and quotes included) or as words
 * separated by blanks ({@code /usr/bin/convert in.jpg out.png}: no quoting, no globbing, no variables).
 *
 * @param argv the program first, then its arguments; never empty
 */
record ExecCommand(List<String> argv) {
    /** Most arguments, program included. */
    static final int MAX_ARGS = 1024;

    ExecCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("no program given: write 'exec PROGRAM ARGS...' or a JSON array");
        }
        if (argv.size() > MAX_ARGS) {
            throw new IllegalArgumentException(argv.size() + " arguments, more than the " + MAX_ARGS + " allowed");
        }
        for (String a : argv) {
            if (a.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an argument holds a NUL character, which no program can get");
            }
        }
        if (argv.get(0).isBlank()) {
            throw new IllegalArgumentException("the program name is blank");
        }
    }

    /** @throws IllegalArgumentException saying what is wrong, quoting at most an excerpt of the text */
    static ExecCommand parse(String args) {
        String text = args.strip();
        if (text.startsWith("[")) {
            return new ExecCommand(jsonArray(text));
        }
        List<String> words = new ArrayList<>();
        for (String w : text.split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return new ExecCommand(words);
    }

    private static List<String> jsonArray(String text) {
        List<String> out = new ArrayList<>();
        try (JsonParser p = StrictJson.parser(text)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("not a JSON array of strings");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.VALUE_STRING) {
                    throw new IllegalArgumentException("every element of the array must be a string, found " + t);
                }
                if (out.size() == MAX_ARGS) {
                    throw new IllegalArgumentException("more than the " + MAX_ARGS + " arguments allowed");
                }
                out.add(p.getText());
            }
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("text after the JSON array");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JSON array of strings: " + StrictJson.problem(e, text));
        }
        return out;
    }
}
