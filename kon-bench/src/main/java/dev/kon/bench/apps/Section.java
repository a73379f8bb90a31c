package dev.kon.bench.apps;

/**
 * What one application benchmark reports.
 *
 * @param markdown its section of apps.md: a heading, the table, and the notes that go with the figures
 * @param failures requests that got no answer, or a failure, and so are missing from the figures
 */
record Section(String markdown, int failures) {
}
