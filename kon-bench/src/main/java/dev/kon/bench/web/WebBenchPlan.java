package dev.kon.bench.web;

/**
 * What {@code kon bench web} measures.
 *
 * @param runs       runs registered before measuring (the figure: 100)
 * @param workers    workers heartbeating before measuring (the issue's: 16)
 * @param loads      dashboard first loads, each on fresh connections
 * @param requests   timed requests per API endpoint, after {@link #WARMUP} untimed ones
 * @param lagTrials  changes made per kind (runs, workers, queues) to time how late the dashboard shows them
 */
public record WebBenchPlan(int runs, int workers, int loads, int requests, int lagTrials) {
    /** Untimed requests per endpoint first, so the server's and the cloud's paths are compiled. */
    public static final int WARMUP = 50;
    public static final int MAX_RUNS = 10_000;
    public static final int MAX_WORKERS = 1_000;

    public WebBenchPlan {
        if (runs < 1 || workers < 1 || loads < 1 || requests < 1 || lagTrials < 1) {
            throw new IllegalArgumentException("runs, workers, loads, requests and lag trials must be >= 1, were "
                    + runs + ", " + workers + ", " + loads + ", " + requests + ", " + lagTrials);
        }
        if (runs > MAX_RUNS || workers > MAX_WORKERS) {
            throw new IllegalArgumentException("runs must be <= " + MAX_RUNS + " and workers <= " + MAX_WORKERS
                    + ", were " + runs + " and " + workers);
        }
    }

    /** The load: 100 runs, 16 workers; 30 first loads, 300 requests per endpoint, 20 changes per kind. */
    public static WebBenchPlan defaults() {
        return new WebBenchPlan(100, 16, 30, 300, 20);
    }
}
