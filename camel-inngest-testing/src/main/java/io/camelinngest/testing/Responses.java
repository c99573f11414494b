package io.camelinngest.testing;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/** The kinds of answer the server gives, with the headers each carries as recorded. */
final class Responses {

    private Responses() {
    }

    static ResponseDefinition json(int status, String body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json").withBody(body).build();
    }

    /** The event API sets no Content-Type: Go sniffs text/plain. Its JSON ends with a newline. */
    static ResponseDefinition eventApi(int status, String body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "text/plain; charset=utf-8")
                .withBody(body + "\n").build();
    }

    /** Go's plain-text 404, what the server answers for a path under {@code /v1} it does not route. */
    static ResponseDefinition pageNotFound() {
        return responseDefinition().withStatus(404).withHeader("Content-Type", "text/plain; charset=utf-8")
                .withHeader("X-Content-Type-Options", "nosniff").withBody("404 page not found\n").build();
    }

    /** A status and nothing else: no type, no body. */
    static ResponseDefinition empty(int status) {
        return responseDefinition().withStatus(status).build();
    }

    /** A status with a JSON type and no body (a v1 DELETE's answer, bulk cancellations on a Dev Server). */
    static ResponseDefinition emptyJson(int status) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json").build();
    }
}
