package dev.kon.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.KonException;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
    record Point(int x, int y, String label) { }

    record Path(List<Point> points) { }

    private final JsonCodec<Point> points = JsonCodec.of(Point.class);

    @Test
    void record_encodedThenDecoded_isEqual() {
        Point p = new Point(3, -4, "é\"\n");
        assertThat(points.decode(points.encode(p))).isEqualTo(p);
        assertThat(JsonCodec.of(Path.class).decode("{\"points\":[{\"x\":1,\"y\":2,\"label\":null}]}").points())
                .containsExactly(new Point(1, 2, null));
    }

    @Test
    void decode_ofAnUnknownProperty_isRefusedNamingTheType() {
        assertThatThrownBy(() -> points.decode("{\"x\":1,\"y\":2,\"z\":3}")).isInstanceOf(KonException.class)
                .hasMessageStartingWith("not a valid Point:").hasMessageContaining("\"z\"");
    }

    @Test
    void decode_ofANullForAPrimitive_isRefused() {
        assertThatThrownBy(() -> points.decode("{\"x\":null,\"y\":2}")).isInstanceOf(KonException.class);
    }

    @Test
    void decode_withTrailingText_isRefused() {
        assertThatThrownBy(() -> points.decode("{\"x\":1,\"y\":2} {}")).isInstanceOf(KonException.class);
    }

    @Test
    void decode_nestedDeeperThanTheLimit_isRefused() {
        String deep = "[".repeat(JsonCodec.MAX_DEPTH + 1) + "]".repeat(JsonCodec.MAX_DEPTH + 1);
        assertThatThrownBy(() -> JsonCodec.of(Object.class).decode(deep)).isInstanceOf(KonException.class)
                .hasMessageContaining("depth");
    }

    @Test
    void decode_ofATextOverTheLimit_isRefusedQuotingNoMoreThanAnExcerpt() {
        String huge = "\"" + "a".repeat(JsonCodec.MAX_CHARS) + "\"";
        assertThatThrownBy(() -> JsonCodec.of(String.class).decode(huge)).isInstanceOf(KonException.class)
                .hasMessageContaining("more than the").satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void decode_ofGarbage_quotesAtMost200CharactersOfIt() {
        String garbage = "{" + "x".repeat(5_000);
        assertThatThrownBy(() -> points.decode(garbage)).isInstanceOf(KonException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(700).doesNotContain("x".repeat(201)));
    }

    @Test
    void taskType_encodesArgsAndDecodesOutput() {
        JsonTaskType<Point, Point> t = JsonTaskType.of("mirror", Point.class, Point.class);
        assertThat(t.name()).isEqualTo("mirror");
        assertThat(t.decodeOutput(t.encodeArgs(new Point(1, 2, "a")))).isEqualTo(new Point(1, 2, "a"));
    }
}
