package dev.kon.client;

/** What a submission sent: tasks and the bundles (messages) they went in. */
public record SubmitStats(long tasks, long bundles) {
}
