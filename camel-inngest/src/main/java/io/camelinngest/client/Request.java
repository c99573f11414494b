package io.camelinngest.client;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request of the HTTP API, as a value: what it is called in errors, the method and URI, whether it is signed, its
 * body and extra headers, whether it is safe to send again after a failure whose outcome is unknown, and how its answer
 * is read. Made with {@link #get}, {@link #post}, {@link #delete} and the methods that return a changed copy.
 *
 * @param operation          the operation name errors and logs say ({@code sendEvents}, {@code getRun})
 * @param signed             whether the request carries the signing key (the event API does not)
 * @param bodyLength         how many bytes of {@code body} are sent (a send's body is the array its events were written
 *                           into, which may be longer)
 * @param repeatable         GET, DELETE, and sends carrying an event ID seed: repeated on connection errors, 429 and
 *                           5xx; any other POST is repeated only when the server cannot have acted (connect failure,
 *                           429)
 * @param emptyBodyIsSuccess a 200 with an empty body is a success (DELETE)
 * @param plainSuccess       when not {@code null}, a plain success is read in one pass with this reader (see
 *                           {@link V1Envelope})
 */
record Request(String operation, String method, URI uri, boolean signed, byte[] body, int bodyLength,
        Map<String, String> headers,
        boolean repeatable, boolean emptyBodyIsSuccess, PlainSuccess plainSuccess) {

    static Request get(String operation, URI uri) {
        return new Request(operation, "GET", uri, true, null, 0, Map.of(), true, false, null);
    }

    static Request delete(String operation, URI uri) {
        return new Request(operation, "DELETE", uri, true, null, 0, Map.of(), true, true, null);
    }

    /** A signed POST that changes state: not repeated after a failure whose outcome is unknown. */
    static Request post(String operation, URI uri, byte[] body) {
        return post(operation, uri, body, body == null ? 0 : body.length);
    }

    /** A signed POST of the first {@code length} bytes of {@code body}. */
    static Request post(String operation, URI uri, byte[] body, int length) {
        return new Request(operation, "POST", uri, true, body, length, Map.of(), false, false, null);
    }

    Request unsigned() {
        return new Request(
                operation, method, uri, false, body, bodyLength, headers, repeatable, emptyBodyIsSuccess, plainSuccess);
    }

    /** Safe to send again: the server acts once however often it gets it (an idempotency key, an event ID seed). */
    Request safeToRepeat() {
        return new Request(operation, method, uri, signed, body, bodyLength, headers, true, emptyBodyIsSuccess, plainSuccess);
    }

    Request withHeader(String name, String value) {
        Map<String, String> more;
        if (headers.isEmpty()) {
            more = Map.of(name, value);
        } else {
            more = new LinkedHashMap<>(headers);
            more.put(name, value);
        }
        return new Request(
                operation, method, uri, signed, body, bodyLength, more, repeatable, emptyBodyIsSuccess, plainSuccess);
    }

    Request reading(PlainSuccess reader) {
        return new Request(operation, method, uri, signed, body, bodyLength, headers, repeatable, emptyBodyIsSuccess, reader);
    }
}
