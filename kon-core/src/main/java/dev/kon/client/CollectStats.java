package dev.kon.client;

/**
 * Counts of a run's results so far.
 *
 * @param expected   tasks submitted
 * @param distinct   tasks with a result (each counted once)
 * @param succeeded  of those, status 0
 * @param failed     of those, status 1
 * @param duplicates results dropped because their task had a result already
 * @param unreadable result messages that could not be read (moved to the dead-letter queue): the results they
 *                   held are missing unless a copy came another way
 */
public record CollectStats(long expected, long distinct, long succeeded, long failed, long duplicates,
        long unreadable) {

    public CollectStats(long expected, long distinct, long succeeded, long failed, long duplicates) {
        this(expected, distinct, succeeded, failed, duplicates, 0);
    }
}
