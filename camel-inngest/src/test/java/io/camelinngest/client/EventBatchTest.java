package io.camelinngest.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelinngest.model.NewEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bodies a send is cut into: every event written once into one array, each request's body a slice of it, byte for
 * byte what Jackson writes for the same events (or the event as given, for a JSON object given as text), and the errors
 * of bad events in the order they always came.
 */
class EventBatchTest {

    private static final ObjectMapper JSON = InngestJson.mapper();

    @Test
    void theBodyOfAWholeSendIsEveryEventAsJacksonWritesItOrAsGiven() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", "shop/order.paid");
        map.put("data", Map.of("order", "A-1", "amount", 4200));
        String given = "  {\"name\": \"shop/given\",   \"data\": {\"x\": [1, 2]}}\n";
        JsonNode node = JSON.readTree("{\"name\":\"shop/node\",\"data\":{\"y\":true}}");
        NewEvent event = NewEvent.of("shop/record", Map.of("z", "é ✓"));
        byte[] bytes = "{\"name\":\"shop/bytes\"}".getBytes(StandardCharsets.UTF_8);

        EventBatch batch = EventBatch.of(List.of(map, given, node, event, bytes), 1024);

        String expected = "[" + JSON.writeValueAsString(map) + "," + given.strip() + "," + JSON.writeValueAsString(node)
                          + "," + JSON.writeValueAsString(event) + ",{\"name\":\"shop/bytes\"}]";
        assertThat(batch.size()).isEqualTo(5);
        assertThat(body(batch, 0, 5)).isEqualTo(expected);
        assertThat(body(batch, 1, 3)).isEqualTo("[" + given.strip() + "," + JSON.writeValueAsString(node) + "]");
        assertThat(body(batch, 4, 5)).isEqualTo("[{\"name\":\"shop/bytes\"}]");
    }

    @Test
    void everySliceOfALargeSendIsWhatJacksonWritesForThoseEvents() throws Exception {
        // larger than the generator's own buffer, so that it flushes while the events are written
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            events.add(Map.of("name", "shop/order.paid", "data", Map.of("order", "order-" + i, "note", "x".repeat(i % 37))));
        }

        EventBatch batch = EventBatch.of(events, 1024);

        assertThat(body(batch, 0, 400)).isEqualTo(JSON.writeValueAsString(events));
        for (int[] range : new int[][] { { 0, 1 }, { 0, 150 }, { 150, 300 }, { 300, 400 }, { 17, 251 }, { 399, 400 } }) {
            assertThat(body(batch, range[0], range[1]))
                    .as("events %d to %d", range[0], range[1])
                    .isEqualTo(JSON.writeValueAsString(events.subList(range[0], range[1])));
        }
    }

    @Test
    void aJsonArrayGivenAsTextIsSentAsItsEvents() throws Exception {
        EventBatch batch = EventBatch.of("[{\"name\":\"a/b\"}, {\"name\":\"c/d\", \"data\": {}}]", 1024);

        assertThat(batch.size()).isEqualTo(2);
        assertThat(body(batch, 0, 2)).isEqualTo("[{\"name\":\"a/b\"},{\"name\":\"c/d\",\"data\":{}}]");
    }

    @Test
    void anEventGivenAsTextOverMaxEventSizeIsMeasuredAndSentCompact() throws Exception {
        String pretty = "{\n    \"name\"    :    \"shop/pretty\",\n    \"data\"    :    {\n        \"a\"    :    1\n    }\n}";
        String compact = "{\"name\":\"shop/pretty\",\"data\":{\"a\":1}}";
        assertThat(pretty.length()).isGreaterThan(60);
        assertThat(compact.length()).isLessThanOrEqualTo(60);

        EventBatch batch = EventBatch.of(List.of(pretty), 60);

        assertThat(body(batch, 0, 1)).isEqualTo("[" + compact + "]");
    }

    @Test
    void anEventThatCannotBeReadFailsBeforeAnEarlierEventThatFailsItsChecks() {
        List<Object> events = Arrays.asList(Map.of("name", " "), null);

        assertThatThrownBy(() -> EventBatch.of(events, 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Event at index 1 is null");
    }

    @Test
    void theFirstEventByIndexThatFailsItsChecksIsTheOneReported() throws Exception {
        JsonNode noName = JSON.readTree("{\"data\":{}}");
        Map<String, Object> reserved = Map.of("name", "inngest/x");

        assertThatThrownBy(() -> EventBatch.of(List.of(noName, reserved), 1024))
                .hasMessageStartingWith("Event at index 0 has no name");
        assertThatThrownBy(() -> EventBatch.of(List.of(Map.of("name", "ok/1"), reserved, noName), 1024))
                .hasMessageStartingWith("Event at index 1 has the name 'inngest/x'");
        assertThatThrownBy(
                () -> EventBatch.of(List.of(Map.of("name", "ok/1", "data", Map.of("pad", "x".repeat(100))), reserved), 64))
                .hasMessageStartingWith("Event at index 0 is ").hasMessageContaining("over maxEventSize (64 bytes)");
        assertThatThrownBy(() -> EventBatch.of(List.of(Map.of("name", "ok/1"), Map.of("name", 1), reserved), 1024))
                .hasMessageStartingWith("Event at index 1 has no name");
    }

    @Test
    void eventsOfManyClassesInOneSendAreEachWrittenWithTheirOwnSerializer() throws Exception {
        List<Object> events = List.of(
                Map.of("name", "a/1"), NewEvent.of("a/2", Map.of()), Map.of("name", "a/3"),
                new LinkedHashMap<>(Map.of("name", "a/4")),
                NewEvent.of("a/5", Map.of("k", 1)));

        EventBatch batch = EventBatch.of(events, 1024);

        assertThat(body(batch, 0, 5)).isEqualTo(JSON.writeValueAsString(events));
    }

    @Test
    void anEmptySendIsRefused() {
        assertThatThrownBy(() -> EventBatch.of(List.of(), 1024))
                .hasMessage("sendEvents needs at least one event in the message body");
    }

    private static String body(EventBatch batch, int from, int to) {
        return new String(batch.arrayBody(from, to), 0, batch.bodyLength(from, to), StandardCharsets.UTF_8);
    }
}
