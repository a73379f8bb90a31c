package dev.kon.client;

/**
 * What a run submitted, as kept in its {@link RunArchive}.
 *
 * @param runId       the run
 * @param taskQueue   where its tasks went
 * @param replyQueue  where its results come
 * @param tasks       how many tasks
 * @param sleepMillis total sleep if every task is a sleep, else -1
 * @param workload    the workload file's name, for the report
 */
public record RunManifest(String runId, String taskQueue, String replyQueue, long tasks, long sleepMillis,
        String workload) {
}
