package dev.kon.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.fixture.ScriptedTaskQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The default {@link TaskQueue#sendObjects}: encode, then split the call where the bytes would pass the limit. */
class TaskQueueSendObjectsTest {
    private static final int LIMIT = 1024;
    private final ScriptedTaskQueue q = new ScriptedTaskQueue(new QueueLimits(10, LIMIT));

    private static List<String> bodiesOfBytes(int... sizes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            out.add(Character.toString('a' + i).repeat(sizes[i]));
        }
        return out;
    }

    @Test
    void sendObjects_ofSmallBodies_sendsThemInOneCallInOrder() {
        List<String> bodies = bodiesOfBytes(100, 100, 100, 100, 100);

        BatchResult r = q.sendObjects(bodies, Function.identity());

        assertThat(r.allOk()).isTrue();
        assertThat(q.calls()).containsExactly(bodies);
    }

    @Test
    void sendObjects_encodesEachObjectOnce() {
        List<Integer> encoded = new ArrayList<>();

        q.sendObjects(List.of(1, 2, 3), i -> {
            encoded.add(i);
            return "body-" + i;
        });

        assertThat(encoded).containsExactly(1, 2, 3);
        assertThat(q.calls()).containsExactly(List.of("body-1", "body-2", "body-3"));
    }

    @Test
    void sendObjects_whoseBodiesTogetherPassTheLimit_splitsTheCall() {
        List<String> bodies = bodiesOfBytes(300, 300, 300, 300, 300);

        q.sendObjects(bodies, Function.identity());

        assertThat(q.calls()).containsExactly(bodies.subList(0, 3), bodies.subList(3, 5));
    }

    @Test
    void sendObjects_whoseBodiesFillTheLimitExactly_sendsOneCall() {
        q.sendObjects(bodiesOfBytes(256, 256, 256, 256), Function.identity());

        assertThat(q.callSizes()).containsExactly(4);
    }

    @Test
    void sendObjects_countsUtf8BytesNotCharacters() {
        String wide = "\u00e9".repeat(200);

        q.sendObjects(List.of(wide, wide, wide), Function.identity());

        assertThat(q.callSizes()).containsExactly(2, 1);
    }

    @Test
    void sendObjects_withABodyOverTheLimit_sendsItAloneForTheQueueToJudge() {
        q.sendObjects(bodiesOfBytes(100, 2000, 100), Function.identity());

        assertThat(q.callSizes()).containsExactly(1, 1, 1);
    }

    @Test
    void sendObjects_whenSplitCallsRefuseEntries_mapsTheirIndexesBackToTheCallersList() {
        List<String> bodies = bodiesOfBytes(300, 300, 300, 300, 300, 300, 300);
        q.answering(call -> {
            // First call (a, b, c): refuse b. Second (d, e, f): refuse d and f. Third (g): refuse g.
            List<BatchResult.Failure> f = new ArrayList<>();
            for (int i = 0; i < call.size(); i++) {
                char c = call.get(i).charAt(0);
                if (c == 'b' || c == 'd' || c == 'f' || c == 'g') {
                    f.add(new BatchResult.Failure(i, "refused " + c));
                }
            }
            return new BatchResult(f);
        });

        BatchResult r = q.sendObjects(bodies, Function.identity());

        assertThat(q.callSizes()).containsExactly(3, 3, 1);
        assertThat(r.failures()).containsExactly(new BatchResult.Failure(1, "refused b"),
                new BatchResult.Failure(3, "refused d"), new BatchResult.Failure(5, "refused f"),
                new BatchResult.Failure(6, "refused g"));
    }

    @Test
    void sendObjects_ofNothing_answersOk() {
        assertThat(q.sendObjects(List.of(), Function.identity()).allOk()).isTrue();
        assertThat(q.calls()).allSatisfy(call -> assertThat(call).isEmpty());
    }
}
