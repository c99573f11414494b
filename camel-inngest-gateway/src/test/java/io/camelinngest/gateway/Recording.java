package io.camelinngest.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * A response recorded from a real Inngest Dev Server ({@code src/test/resources/fixtures}, copied from the project's
 * recordings), served again by WireMock for the request it answered. Used for the calls the fake does not serve.
 *
 * @param method the recorded request's method
 * @param path   the recorded request's path
 * @param status the recorded HTTP status
 * @param body   the recorded response body
 */
record Recording(String method, String path, int status, String body) {

    static Recording load(String name) {
        try (InputStream in = Recording.class.getResourceAsStream("/fixtures/" + name + ".http")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String[] parts = text.split("\n---\n", 2);
            String[] requestLine = parts[0].lines().findFirst().orElseThrow().split(" ");
            String response = parts[1].strip();
            int status = Integer.parseInt(response.lines().findFirst().orElseThrow().split(" ")[1]);
            int bodyStart = response.indexOf("\n\n");
            String body = bodyStart < 0 ? "" : response.substring(bodyStart + 2).strip();
            return new Recording(requestLine[0], requestLine[1].split("\\?")[0], status, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves this recording on the fake's WireMock, above the fake itself. */
    StubMapping serveOn(WireMockServer wireMock) {
        MappingBuilder mapping = request(method, urlPathEqualTo(path)).atPriority(1)
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body));
        return wireMock.stubFor(mapping);
    }
}
