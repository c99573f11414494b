package io.camelinngest.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests reach their handler by method and path template, and what no route matches is answered as the Dev Server
 * answers it (recorded: unknown-v1-path, unknown-top-path; a trailing slash matches no route there either).
 */
class RouterTest {

    private static final FakeInngestServer SERVER = FakeInngestServer.start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @Test
    void aTemplateMatchesItsMethodAndOneNonEmptySegmentPerVariable() throws Exception {
        assertThat(send("GET", "/v1/events").statusCode()).isEqualTo(200);
        assertThat(send("GET", "/v1/events").body()).startsWith("{\"data\":[]");
        assertThat(send("GET", "/v1/events/not-a-ulid").body()).contains("Invalid event ID: not-a-ulid");
        assertThat(send("DELETE", "/v1/runs/not-a-ulid").statusCode()).isEqualTo(400);
    }

    @Test
    void whatNoRouteMatchesIsAnsweredAsTheServerAnswersIt() throws Exception {
        HttpResponse<String> trailingSlash = send("GET", "/v1/events/");
        assertThat(trailingSlash.statusCode()).isEqualTo(404);
        assertThat(trailingSlash.body()).isEqualTo("404 page not found\n");
        assertThat(send("PUT", "/v1/runs/01M8T01D08W9PB4VKVN3ZRQNA0").body()).isEqualTo("404 page not found\n");
        assertThat(send("GET", "/v1/functions").statusCode()).isEqualTo(404);
        HttpResponse<String> v2 = send("GET", "/v2/nothing");
        assertThat(v2.statusCode()).isEqualTo(404);
        assertThat(v2.body()).isEqualTo("{\"errors\":[{\"code\":\"api_error\",\"message\":\"Not Found\"}]}");
        HttpResponse<String> elsewhere = send("GET", "/somewhere/else");
        assertThat(elsewhere.statusCode()).isEqualTo(200);
        assertThat(elsewhere.body()).isEmpty();
    }

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SERVER.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
