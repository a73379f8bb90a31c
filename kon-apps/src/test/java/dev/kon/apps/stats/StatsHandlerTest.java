package dev.kon.apps.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.task.PermanentTaskFailure;
import dev.kon.task.Task;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsHandlerTest {
    private final StatsHandler handler = new StatsHandler();
    private final TestTaskContext ctx = new TestTaskContext();

    @Test
    void handle_twentyNumbers_answersOneLineOfJson_andLogsUnderTheDayFolder() {
        String output = handler.handle(new Task(7, "stats", "3 1 4 1 5 9 2 6 5 3 5 8 9 7 9 3 2 3 8 2"), ctx);

        StatsAnswer answer = StatsAnswer.parse(output);
        assertThat(output).startsWith("{\"count\":20,\"min\":\"1\",\"max\":\"9\",\"average\":\"4.75\",\"median\":\"4.5\","
                + "\"log\":\"logs/cloudcal/2026/11/23/7-").endsWith(".json\"}").doesNotContain("\n");
        assertThat(answer.log()).matches("logs/cloudcal/2026/11/23/7-[0-9a-f-]{36}\\.json");
        assertThat(ctx.blobs().keys()).containsExactly(answer.log());
        String log = new String(ctx.blobs().getBytes(answer.log()), StandardCharsets.UTF_8);
        assertThat(log).isEqualTo("{\"v\":1,\"task\":7,\"worker\":\"test\",\"time\":\"2026-11-23T10:15:30Z\","
                + "\"count\":20,\"min\":\"1\",\"max\":\"9\",\"average\":\"4.75\",\"median\":\"4.5\"}");
    }

    @Test
    void handle_sameTaskTwice_writesTwoLogs() {
        handler.handle(new Task(1, "stats", "1 2"), ctx);
        handler.handle(new Task(1, "stats", "1 2"), ctx);

        assertThat(ctx.blobs().keys()).hasSize(2).allMatch(k -> k.startsWith("logs/cloudcal/2026/11/23/1-"));
    }

    @Test
    void handle_hundredThousandNumbers_answersExactly() {
        String args = IntStream.rangeClosed(1, 100_000).mapToObj(i -> i % 2 == 0 ? i + "," : i + " ")
                .collect(Collectors.joining());

        StatsAnswer answer = StatsAnswer.parse(handler.handle(new Task(2, "stats", args), ctx));

        assertThat(answer.count()).isEqualTo(100_000);
        assertThat(answer.toJson()).contains("\"min\":\"1\",\"max\":\"100000\",\"average\":\"50000.5\",\"median\":\"50000.5\"");
    }

    @Test
    void handle_badArguments_failsPermanentlyWithTheValidateMessage() {
        assertThatThrownBy(() -> handler.handle(new Task(3, "stats", "1 2 abc"), ctx))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessage("item 3: 'abc' is not a number");
        assertThat(ctx.blobs().keys()).isEmpty();
    }

    @Test
    void validate_answersNullForGoodArguments_andTheReasonForBadOnes() {
        assertThat(handler.validate("1, 2, 3")).isNull();
        assertThat(handler.validate("1 2 abc")).isEqualTo("item 3: 'abc' is not a number");
        assertThat(handler.validate(" ")).isEqualTo("no numbers given");
        assertThat(handler.validate("1 NaN")).isEqualTo("item 2: 'NaN' is not a number");
        assertThat(handler.validate("1 ".repeat(100_001))).isEqualTo("too many numbers: 100001 (at most 100000)");
    }

    @Test
    void handle_eightThreadsFiftyRequestsEach_writeFourHundredDistinctLogs() throws Exception {
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<String> logs = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        // Task ids collide across threads on purpose: ids are only unique within one run.
                        String output = handler.handle(new Task(i, "stats", thread + " " + i), ctx);
                        logs.add(StatsAnswer.parse(output).log());
                    }
                    return logs;
                }));
            }
            start.countDown();
            Set<String> reported = new HashSet<>();
            for (Future<List<String>> f : futures) {
                reported.addAll(f.get(30, TimeUnit.SECONDS));
            }

            assertThat(reported).hasSize(threads * perThread);
            assertThat(ctx.blobs().keys()).hasSize(threads * perThread).containsExactlyInAnyOrderElementsOf(reported);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void serviceFile_listsTheStatsHandler_whichServiceLoaderCanBuild() throws Exception {
        assertThat(TestTaskContext.serviceFileLines()).contains(StatsHandler.class.getName());
        // Instantiate only ours: other handlers in the file may need native libraries.
        assertThat(StatsHandler.class.getConstructor().newInstance().type()).isEqualTo("stats");
    }
}
