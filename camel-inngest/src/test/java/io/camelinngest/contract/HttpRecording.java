package io.camelinngest.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One call recorded from a real Inngest Dev Server ({@code src/test/resources/fixtures/inngest-dev/NAME.http}, see the
 * README there). A file holds the request line, the request body on the next line (empty when there is none), a blank
 * line, a line {@code ---}, then the response as sent: status line, headers, a blank line, and the body. Trailing
 * newlines of the body are not kept: the recorder adds some, and the v1 API ends its JSON with one (JSON readers do not
 * care). A {@code Content-Length} may therefore be a byte or two more than the body.
 *
 * @param name        the file name without {@code .http}, e.g. {@code getRun-completed}
 * @param method      the request method
 * @param target      the request target: path and query, e.g. {@code /v1/events?limit=3}
 * @param requestBody the request body, empty when there was none
 * @param status      the response's HTTP status
 * @param headers     the response headers in the order sent (names as sent; Date was removed by the recorder)
 * @param body        the response body as sent, without trailing newlines
 */
public record HttpRecording(String name, String method, String target, String requestBody, int status,
        Map<String, String> headers, String body) {

    private static final String DIRECTORY = "/fixtures/inngest-dev/";

    /** The path of the request target, without its query. */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** A response header by name, case-insensitively, or {@code null}. */
    public String header(String headerName) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(headerName))
                .map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** The media type of the response without parameters, lower case, or {@code null} when none was sent. */
    public String mediaType() {
        String contentType = header("Content-Type");
        return contentType == null ? null : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    }

    /** Reads the recording {@code NAME.http} from the test class path. */
    public static HttpRecording load(String name) {
        return load(DIRECTORY, name);
    }

    /** Reads the recording {@code NAME.http} of another folder of the test class path, e.g. {@code /recorded/}. */
    public static HttpRecording load(String directory, String name) {
        try (InputStream in = HttpRecording.class.getResourceAsStream(directory + name + ".http")) {
            if (in == null) {
                throw new IllegalArgumentException("no recording " + directory + name + ".http");
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of every recording, sorted. */
    public static List<String> names() {
        URL directory = HttpRecording.class.getResource(DIRECTORY);
        if (directory == null) {
            throw new IllegalStateException("the recordings directory " + DIRECTORY + " is not on the class path");
        }
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".http"))
                    .map(n -> n.substring(0, n.length() - ".http".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpRecording parse(String name, String text) {
        int separator = text.indexOf("\n---\n");
        if (separator < 0) {
            throw new IllegalArgumentException(name + ": no line '---' between request and response");
        }
        String request = text.substring(0, separator);
        String response = text.substring(separator + "\n---\n".length());

        int requestLineEnd = request.indexOf('\n');
        String requestLine = requestLineEnd < 0 ? request : request.substring(0, requestLineEnd);
        // the body line is followed by a blank line: "" for a request without a body
        String requestBody = requestLineEnd < 0 ? "" : request.substring(requestLineEnd + 1);
        requestBody = requestBody.endsWith("\n") ? requestBody.substring(0, requestBody.length() - 1) : requestBody;
        String[] methodAndTarget = requestLine.split(" ", 2);
        if (methodAndTarget.length != 2) {
            throw new IllegalArgumentException(name + ": bad request line '" + requestLine + "'");
        }

        int headEnd = response.indexOf("\n\n");
        if (headEnd < 0) {
            throw new IllegalArgumentException(name + ": no blank line after the response headers");
        }
        List<String> head = new ArrayList<>(List.of(response.substring(0, headEnd).split("\n")));
        String statusLine = head.remove(0);
        String[] statusParts = statusLine.split(" ", 3);
        if (statusParts.length < 2 || !statusParts[0].startsWith("HTTP/")) {
            throw new IllegalArgumentException(name + ": bad status line '" + statusLine + "'");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : head) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        String body = response.substring(headEnd + 2);
        while (body.endsWith("\n")) {
            body = body.substring(0, body.length() - 1);
        }
        return new HttpRecording(
                name, methodAndTarget[0], methodAndTarget[1], requestBody,
                Integer.parseInt(statusParts[1]), headers, body);
    }
}
