package io.camelinngest.client;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-pass read of an accepted send's answer takes exactly the plain shape, and leaves every other answer to
 * {@link ResponseReader}, which says what failed.
 */
class SendAnswerTest {

    @Test
    void thePlainAnswerIsItsIds() {
        assertThat(read("{\"ids\":[\"01KAAAAAAAAAAAAAAAAAAAAAAA\",\"01KBBBBBBBBBBBBBBBBBBBBBBB\"],\"status\":200}"))
                .isEqualTo(List.of("01KAAAAAAAAAAAAAAAAAAAAAAA", "01KBBBBBBBBBBBBBBBBBBBBBBB"));
        assertThat(read(" {\"status\": 200, \"ids\": [\"a\"]} ")).isEqualTo(List.of("a"));
        assertThat(read("{\"ids\":[]}")).isEqualTo(List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"ids\":[\"a\",\"\"],\"status\":400,\"error\":\"event name is empty\"}",
            "{\"ids\":[\"a\"],\"status\":500}",
            "{\"ids\":[\"a\"],\"errors\":[{\"code\":\"x\",\"message\":\"y\"}]}",
            "{\"ids\":[\"a\"],\"ids\":[\"b\"]}",
            "{\"ids\":[\"a\",1]}",
            "{\"ids\":[\"a\",null]}",
            "{\"ids\":\"a\"}",
            "{\"status\":200}",
            "{\"ids\":[\"a\"],\"status\":\"200\"}",
            "{\"ids\":[\"a\"],\"status\":200.0}",
            "{\"ids\":[\"a\"],\"status\":20000000000}",
            "{\"ids\":[\"a\"]} {}",
            "{\"ids\":[\"a\"]",
            "[\"a\"]",
            "not json" })
    void anyOtherAnswerIsLeftToTheResponseReader(String body) {
        assertThat(read(body)).isNull();
    }

    private static Object read(String body) {
        return SendAnswer.IDS.read(body.getBytes(StandardCharsets.UTF_8));
    }
}
