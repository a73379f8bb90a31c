package dev.kon.cli;

/** How a status command prints: for people, or as JSON for scripts. */
enum OutputFormat {
    text,
    json
}
