package dev.kon.apps.enhance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnhanceRequestTest {
    private static final UUID ID = UUID.fromString("0b8c5a6e-1d2f-4a3b-9c4d-5e6f70819203");

    @Test
    void parse_readsKeysAndFactor_andToArgsWritesThemBack() {
        EnhanceRequest request = EnhanceRequest.parse("  uploads/a/cat.jpg\tenhanced/a/cat-enhanced.jpg  1.80 ");

        assertThat(request).isEqualTo(new EnhanceRequest("uploads/a/cat.jpg", "enhanced/a/cat-enhanced.jpg", 1.8));
        assertThat(request.toArgs()).isEqualTo("uploads/a/cat.jpg enhanced/a/cat-enhanced.jpg 1.8");
        assertThat(EnhanceRequest.parse(request.toArgs())).isEqualTo(request);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                          | expected INPUT_KEY OUTPUT_KEY FACTOR, got 0 arguments",
        "uploads/a.png enhanced/a.png | expected INPUT_KEY OUTPUT_KEY FACTOR, got 2 arguments",
        "a b 1 d                      | expected INPUT_KEY OUTPUT_KEY FACTOR, got 4 arguments",
        "a b -1                       | factor must be a decimal from 0 to 1000, was '-1'",
        "a b NaN                      | factor must be a decimal from 0 to 1000, was 'NaN'",
        "a b 0x2                      | factor must be a decimal from 0 to 1000, was '0x2'",
        "a b 1e9                      | factor must be a decimal from 0 to 1000, was '1e9'",
        "a a 1                        | output key must differ from the input key, both are 'a'",
        "/a b 1                       | input key: blob key must be a relative '/'-separated path, was '/a'",
        "a b/../c 1                   | output key: blob key must not contain '.' or '..' segments, was 'b/../c'",
    })
    void parse_badArguments_sayWhatIsWrong(String args, String message) {
        assertThatThrownBy(() -> EnhanceRequest.parse(args))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void keyNaming_followsUploadsAndEnhancedFolders() {
        assertThat(EnhanceRequest.uploadKey(ID, "cat.JPG")).isEqualTo("uploads/" + ID + "/cat.JPG");
        assertThat(EnhanceRequest.resultKey(ID, "cat.JPG")).isEqualTo("enhanced/" + ID + "/cat-enhanced.jpg");
        assertThat(EnhanceRequest.resultKey(ID, "README")).isEqualTo("enhanced/" + ID + "/README-enhanced");
        assertThat(EnhanceRequest.resultKey(ID, "my.holiday.png")).isEqualTo("enhanced/" + ID + "/my.holiday-enhanced.png");
    }

    @ParameterizedTest
    @CsvSource({
        "/home/me/Pictures/cat.png, cat.png",
        "C:\\Users\\me\\cat.png,    cat.png",
        "été à Paris.jpg,           _t_Paris.jpg",
        "..,                        image",
        ".hidden.png,               hidden.png",
        "'',                        image",
    })
    void safeName_keepsTheLastSegmentInSafeCharacters(String fileName, String expected) {
        assertThat(EnhanceRequest.safeName(fileName)).isEqualTo(expected);
    }

    @Test
    void forUpload_namesBothKeysUnderOneFreshId() {
        EnhanceRequest request = EnhanceRequest.forUpload("photos/dog.jpeg", EnhanceRequest.DEFAULT_FACTOR);

        String id = request.inputKey().split("/")[1];
        assertThat(UUID.fromString(id)).isNotNull();
        assertThat(request.inputKey()).isEqualTo("uploads/" + id + "/dog.jpeg");
        assertThat(request.outputKey()).isEqualTo("enhanced/" + id + "/dog-enhanced.jpeg");
        assertThat(request.toArgs()).endsWith(" 1.8");
        assertThat(new EnhanceHandler().validate(request.toArgs())).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "enhanced/x/cat-enhanced.jpg,   2, enhanced/x/cat-enhanced.a2.jpg",
        "enhanced/x/my.holiday.png,     1, enhanced/x/my.holiday.a1.png",
        "enhanced/x/README-enhanced,   17, enhanced/x/README-enhanced.a17",
        "enhanced/x.d/cat,              3, enhanced/x.d/cat.a3",
        "enhanced/x/.hidden,            4, enhanced/x/.hidden.a4",
    })
    void outputKeyFor_putsTheAttemptBeforeTheExtension(String outputKey, long attempt, String expected) {
        assertThat(new EnhanceRequest("uploads/x/in.jpg", outputKey, 1.8).outputKeyFor(attempt)).isEqualTo(expected);
    }

    @Test
    void outputKey_leavesRoomForTheAttempt_inTheBlobKeyLimit() {
        String longest = "enhanced/" + "k".repeat(EnhanceRequest.MAX_OUTPUT_KEY_BYTES - 13) + ".jpg";

        assertThat(new EnhanceRequest("uploads/x.jpg", longest, 1.8).outputKeyFor(Long.MAX_VALUE).length())
                .isLessThanOrEqualTo(1024);
        assertThatThrownBy(() -> new EnhanceRequest("uploads/x.jpg", "enhanced/k" + longest.substring(9), 1.8))
                .hasMessage("output key must be at most 1000 bytes (room for the attempt number), was 1001 bytes");
    }

    @Test
    void messages_quoteAtMost200CharactersOfAKey() {
        String key = "uploads/" + "k".repeat(900) + " x.png";

        assertThatThrownBy(() -> new EnhanceRequest(key, "enhanced/x.png", 1.8))
                .message().hasSizeLessThan(300).contains("k".repeat(150)).endsWith("...'");
    }

    @Test
    void answer_parsesTheHandlerOutput_andWritesItBack() {
        EnhanceAnswer answer = EnhanceAnswer.parse("enhanced/x/cat-enhanced.jpg 4000x3000 jpeg");

        assertThat(answer).isEqualTo(new EnhanceAnswer("enhanced/x/cat-enhanced.jpg", 4000, 3000, "jpeg"));
        assertThat(answer.toOutput()).isEqualTo("enhanced/x/cat-enhanced.jpg 4000x3000 jpeg");
        assertThatThrownBy(() -> EnhanceAnswer.parse("oops")).hasMessageStartingWith("not an enhance answer");
    }
}
