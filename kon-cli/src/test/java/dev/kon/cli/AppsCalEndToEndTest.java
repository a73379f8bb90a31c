package dev.kon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.apps.stats.StatsHandler;
import dev.kon.blob.BlobStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CloudCal end to end: {@code kon cal} as a user runs it, against {@code kon worker} processes on the local cloud.
 * Expected answers are worked out by hand from the definitions, not by the code under test.
 */
@Tag("slow")
class AppsCalEndToEndTest {
    private static final Pattern TEXT_LOG = Pattern.compile("(?m)^log\\s+(\\S+)$");
    private static final Pattern JSON_LOG = Pattern.compile("\"log\":\"([^\"]+)\"");

    @TempDir
    static Path classDir;

    private static AppsCloud cloud;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCloudAndWorkers() throws Exception {
        cloud = AppsCloud.start(classDir, 2);
    }

    @AfterAll
    static void stopCloudAndWorkers() throws Exception {
        if (cloud != null) {
            cloud.close();
        }
    }

    /**
     * Runs {@code kon cal args}, expects success, and checks that exactly one log object appeared under
     * {@code logs/cloudcal/}: the one the answer names.
     */
    private static AppsCloud.Run calSucceeds(String... args) throws Exception {
        BlobStore blobs = cloud.blobs();
        List<String> before = blobs.list(StatsHandler.LOG_PREFIX, 10_000);

        AppsCloud.Run run = cloud.run(120, "cal", prepend("cal", args));

        assertThat(run.exit()).as(run.said()).isZero();
        boolean json = List.of(args).contains("json") || List.of(args).contains("--output=json");
        Matcher m = (json ? JSON_LOG : TEXT_LOG).matcher(run.stdout());
        assertThat(m.find()).as("a log key in the answer: " + run.said()).isTrue();
        List<String> added = new ArrayList<>(blobs.list(StatsHandler.LOG_PREFIX, 10_000));
        added.removeAll(before);
        assertThat(added).as("new log objects").containsExactly(m.group(1));
        return run;
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** Runs {@code kon cal args}, expects it refused as bad input, and checks that no task went anywhere. */
    private static AppsCloud.Run calRefused(String... args) throws Exception {
        int ledgerBefore = cloud.ledgerEntries();
        List<String> queuesBefore = cloud.queues();
        List<String> logsBefore = cloud.blobs().list(StatsHandler.LOG_PREFIX, 10_000);

        AppsCloud.Run run = cloud.run(120, "cal-bad", prepend("cal", args));

        assertThat(run.exit()).as(run.said()).isEqualTo(2);
        assertThat(run.stdout()).as("nothing printed as an answer").isEmpty();
        assertThat(cloud.taskQueueDepth()).as("task queue depth").isZero();
        assertThat(cloud.queues()).as("no reply queue was made").isEqualTo(queuesBefore);
        assertThat(cloud.ledgerEntries()).as("no task was claimed").isEqualTo(ledgerBefore);
        assertThat(cloud.blobs().list(StatsHandler.LOG_PREFIX, 10_000)).as("no log").isEqualTo(logsBefore);
        return run;
    }

    // Twenty integers: sorted -5 0 2 3 4 5 6 7 8 9 | 12 15 16 17 23 31 42 50 64 99; sum 408.
    private static final String[] TWENTY = {"17", "3", "42", "-5", "8", "23", "15", "4", "16", "99", "0", "7", "12",
        "31", "2", "64", "50", "9", "5", "6"};

    @Test
    void cal_ofTwentyIntegers_printsExactStatisticsAsTextAndLogsThemInTheBucket() throws Exception {
        AppsCloud.Run run = calSucceeds(TWENTY);

        assertThat(run.stdout()).startsWith("""
                count    20
                min      -5
                max      99
                average  20.4
                median   10.5
                log      logs/cloudcal/""");
        assertThat(run.stdout().lines()).hasSize(6);
        Matcher key = TEXT_LOG.matcher(run.stdout());
        assertThat(key.find()).isTrue();
        String log = new String(cloud.blobs().getBytes(key.group(1)), StandardCharsets.UTF_8);
        assertThat(log).startsWith("{\"v\":1,\"task\":1,\"worker\":\"").contains("\"time\":\"")
                .endsWith("\"count\":20,\"min\":\"-5\",\"max\":\"99\",\"average\":\"20.4\",\"median\":\"10.5\"}");
        // The log names the worker process that ran the request, not the client.
        Matcher worker = Pattern.compile("\"worker\":\"([^\"]+)\"").matcher(log);
        assertThat(worker.find()).isTrue();
        assertThat(cloud.workerIds()).anySatisfy(id -> assertThat(worker.group(1)).startsWith(id));
    }

    @Test
    void cal_withJson_printsOneLineOfJsonWithNumbersAsStrings() throws Exception {
        AppsCloud.Run run = calSucceeds(prepend("--output=json", TWENTY));

        assertThat(run.stdout()).matches("\\{\"count\":20,\"min\":\"-5\",\"max\":\"99\",\"average\":\"20.4\","
                + "\"median\":\"10.5\",\"log\":\"logs/cloudcal/\\d{4}/\\d{2}/\\d{2}/1-[0-9a-f-]{36}\\.json\"}\n");
    }

    @Test
    void cal_ofAnEvenCount_takesTheMeanOfTheTwoMiddleValuesAsMedian() throws Exception {
        // Sorted: 1 2 | 5 100; the middle pair 2 and 5 gives 3.5, neither of them.
        assertThat(calSucceeds("-o", "json", "100", "2", "5", "1").stdout()).contains("\"median\":\"3.5\"")
                .contains("\"average\":\"27\"");
    }

    @Test
    void cal_ofIntegersBeyondLong_isExact() throws Exception {
        // Sum 18446744073709551615 = 2^64 - 1, which a long overflows and a double rounds; / 3 is exact.
        AppsCloud.Run run = calSucceeds("-o", "json", "9223372036854775807", "9223372036854775807", "1");

        assertThat(run.stdout()).contains("\"count\":3,\"min\":\"1\",\"max\":\"9223372036854775807\","
                + "\"average\":\"6148914691236517205\",\"median\":\"9223372036854775807\"");
    }

    @Test
    void cal_ofDecimals_isExactWithoutBinaryDrift() throws Exception {
        // 0.1 + 0.2 + 0.3 - 1.5 + 2.25 = 1.35, / 5 = 0.27; sorted -1.5 0.1 0.2 0.3 2.25.
        AppsCloud.Run run = calSucceeds("-o", "json", "0.1", "0.2", "0.3", "-1.5", "2.25");

        assertThat(run.stdout()).contains("\"count\":5,\"min\":\"-1.5\",\"max\":\"2.25\",\"average\":\"0.27\","
                + "\"median\":\"0.2\"");
    }

    @Test
    void cal_whenTheAverageDoesNotTerminate_givesThirtyFourSignificantDigits() throws Exception {
        AppsCloud.Run run = calSucceeds("-o", "json", "0", "0", "1");

        assertThat(run.stdout()).contains("\"average\":\"0.3333333333333333333333333333333333\"")
                .contains("\"median\":\"0\"");
    }

    @Test
    void cal_withFile_readsNumbersSeparatedBySpacesCommasAndLines() throws Exception {
        Path numbers = dir.resolve("numbers.txt");
        Files.writeString(numbers, "4, 8 15\n16,23\n\n  42\n");

        AppsCloud.Run run = calSucceeds("--file", numbers.toString(), "-o", "json");

        // Sum 108 / 6 = 18; middle pair 15 and 16.
        assertThat(run.stdout()).contains("\"count\":6,\"min\":\"4\",\"max\":\"42\",\"average\":\"18\","
                + "\"median\":\"15.5\"");
    }

    @Test
    void cal_withNumbersPipedIn_readsThemAllAsOneRequest() throws Exception {
        AppsCloud.Run run = cloud.runWithInput(120, "cal-pipe", "4, 8 15\n16,23\n\n  42\n", "cal", "-o", "json");

        // As the file above: one request of six numbers, not one per line.
        assertThat(run.exit()).as(run.said()).isZero();
        assertThat(run.stdout()).as(run.said()).hasLineCount(1).contains("\"count\":6,\"min\":\"4\",\"max\":\"42\","
                + "\"average\":\"18\",\"median\":\"15.5\"");
    }

    @Test
    void cal_ofTheMostNumbersAllowed_isAnsweredThoughTheRequestOutgrowsAQueueMessage() throws Exception {
        // 100,000 numbers take about 590 KB as task arguments, beyond one SQS message (256 KB).
        Path numbers = dir.resolve("many.txt");
        StringBuilder sb = new StringBuilder();
        for (int i = 100_000; i >= 1; i--) {
            sb.append(i).append('\n');
        }
        Files.writeString(numbers, sb);

        AppsCloud.Run run = calSucceeds("-o", "json", "--file", numbers.toString());

        assertThat(run.stdout()).contains("\"count\":100000,\"min\":\"1\",\"max\":\"100000\","
                + "\"average\":\"50000.5\",\"median\":\"50000.5\"");
    }

    @Test
    void cal_withAWord_exitsTwoNamingTheItemAndSendsNothing() throws Exception {
        AppsCloud.Run run = calRefused("1", "2", "three", "4");

        assertThat(run.stderr()).contains("kon cal: item 3: 'three' is not a number; nothing was sent");
    }

    @Test
    void cal_withNoNumbers_exitsTwoSayingHowToGiveThemAndSendsNothing() throws Exception {
        AppsCloud.Run run = calRefused();

        assertThat(run.stderr())
                .contains("no numbers given (pass them as arguments, with --file, or on standard input)");
    }

    @Test
    void cal_withAnEmptyFile_exitsTwoAndSendsNothing() throws Exception {
        Path empty = dir.resolve("empty.txt");
        Files.writeString(empty, " ,\n\n");

        AppsCloud.Run run = calRefused("--file", empty.toString());

        assertThat(run.stderr()).contains("no numbers given; nothing was sent");
    }

    @Test
    void cal_withAMissingFile_exitsTwoNamingItAndSendsNothing() throws Exception {
        Path missing = dir.resolve("nope.txt");

        AppsCloud.Run run = calRefused("--file", missing.toString());

        assertThat(run.stderr()).contains(missing + ": no such file");
    }

    @Test
    void cal_withABadNumberInAFile_exitsTwoAndSendsNothing() throws Exception {
        Path numbers = dir.resolve("numbers.txt");
        Files.writeString(numbers, "1 2\n3 NaN\n");

        AppsCloud.Run run = calRefused("--file", numbers.toString());

        assertThat(run.stderr()).contains("item 4: 'NaN' is not a number; nothing was sent");
    }

    @Test
    void cal_withOneNumberTooMany_exitsTwoAndSendsNothing() throws Exception {
        Path numbers = dir.resolve("too-many.txt");
        Files.writeString(numbers, "7 ".repeat(100_001));

        AppsCloud.Run run = calRefused("--file", numbers.toString());

        assertThat(run.stderr()).contains("too many numbers: 100001 (at most 100000); nothing was sent");
    }

    @Test
    void cal_withArgumentsAndAFile_exitsTwoAndSendsNothing() throws Exception {
        Path numbers = dir.resolve("numbers.txt");
        Files.writeString(numbers, "1 2 3");

        AppsCloud.Run run = calRefused("4", "--file", numbers.toString());

        assertThat(run.stderr()).contains("give the numbers as arguments or with --file, not both");
    }
}
