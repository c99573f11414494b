package io.camelinngest.function;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the serve path answers: a status, the protocol headers and a JSON body. */
record CallResponse(int status, Map<String, String> headers, String body) {

    static CallResponse of(int status, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Inngest-Sdk", AppSync.SDK);
        headers.put("X-Inngest-Req-Version", "2");
        return new CallResponse(status, headers, body);
    }

    CallResponse with(String header, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(header, value);
        return new CallResponse(status, copy, body);
    }
}
