package io.camelinngest;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the {@code inngest:sendEvents} tests share: the send path, the server's success and rejection answers, events
 * written as maps, the requests WireMock received and the event ID seed a request carried.
 */
abstract class SendEventsTestSupport extends InngestTestSupport {

    static final String SEND_PATH = "/e/" + EVENT_KEY;
    /** {@code <unix millis>,<standard base64 of exactly 10 bytes>}. */
    static final String SEED_FORMAT = "\\d{13},[A-Za-z0-9+/]{14}==";
    static final String SEED_HEADER = "x-inngest-event-id-seed";
    static final ObjectMapper JSON = new ObjectMapper();

    static final String ID_0 = "01JWNNSVKR5DW3DMHK620M9330";
    static final String ID_1 = "01JWNNSVKR5DW3DMHK620M9331";
    static final String ID_2 = "01JWNNSVKR5DW3DMHK620M9332";
    static final String ID_3 = "01JWNNSVKR5DW3DMHK620M9333";
    static final String ID_4 = "01JWNNSVKR5DW3DMHK620M9334";

    /**
     * The success answer of the open-source event API: the handler sets no Content-Type, so Go sniffs
     * {@code text/plain; charset=utf-8}, and the JSON is followed by a newline.
     */
    static ResponseDefinitionBuilder accepted(String... ids) {
        return aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody("{\"ids\":[" + quoted(ids) + "],\"status\":200}\n");
    }

    static ResponseDefinitionBuilder rejected(String error, String... ids) {
        return aResponse().withStatus(400)
                .withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody("{\"ids\":[" + quoted(ids) + "],\"status\":400,\"error\":\"" + error + "\"}\n");
    }

    static String quoted(String... ids) {
        return String.join(",", Arrays.stream(ids).map(id -> "\"" + id + "\"").toList());
    }

    static Map<String, Object> event(String name, Object... data) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < data.length; i += 2) {
            payload.put((String) data[i], data[i + 1]);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("name", name);
        event.put("data", payload);
        return event;
    }

    /** The requests WireMock received, oldest first. */
    static List<LoggedRequest> requests() {
        List<LoggedRequest> requests = new ArrayList<>(INNGEST.getAllServeEvents().stream().map(e -> e.getRequest()).toList());
        Collections.reverse(requests);
        return requests;
    }

    record Seed(long millis, byte[] entropy) {
        static Seed of(LoggedRequest request) {
            String value = request.getHeader(SEED_HEADER);
            assertThat(value).matches(SEED_FORMAT);
            String[] parts = value.split(",");
            byte[] entropy = Base64.getDecoder().decode(parts[1]);
            assertThat(entropy).hasSize(10);
            return new Seed(Long.parseLong(parts[0]), entropy);
        }

        int counter() {
            return ByteBuffer.wrap(entropy).getInt(6);
        }
    }
}
