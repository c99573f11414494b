package io.camelinngest.gateway;

import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * What the REST port copies from a message into the HTTP response: only the content type. platform-http otherwise
 * sends back the headers of the request as the message still holds them, the caller's {@code Authorization} among
 * them (Camel's OpenAPI route does so). Incoming headers are filtered as platform-http's own strategy does.
 */
final class ResponseHeaderFilter implements HeaderFilterStrategy {

    private static final Set<String> ALLOWED_OUT = Set.of("content-type");

    private final HeaderFilterStrategy incoming;

    ResponseHeaderFilter(HeaderFilterStrategy incoming) {
        this.incoming = incoming;
    }

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !ALLOWED_OUT.contains(headerName.toLowerCase());
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return incoming != null && incoming.applyFilterToExternalHeaders(headerName, headerValue, exchange);
    }
}
