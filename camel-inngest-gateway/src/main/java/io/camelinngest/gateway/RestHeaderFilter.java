package io.camelinngest.gateway;

import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Which HTTP headers cross the REST port, in both directions.
 * <p>
 * In: only {@code Content-Type}, {@code Accept} and {@code Host}. platform-http otherwise copies every request header
 * and every query parameter into the message, where a header named like a path parameter ({@code appId: x}) is merged
 * into it and one named like a Camel control header ({@code CamelHttpResponseCode}) steers Camel. The adapter reads
 * path parameters (added by platform-http after this filter) and the raw query string, never other headers.
 * <p>
 * Out: only {@code Content-Type}. platform-http otherwise sends back the headers of the request as the message still
 * holds them, the caller's {@code Authorization} among them (Camel's OpenAPI route does so).
 */
final class RestHeaderFilter implements HeaderFilterStrategy {

    private static final Set<String> ALLOWED_IN = Set.of("content-type", "accept", "host");
    private static final Set<String> ALLOWED_OUT = Set.of("content-type");

    @Override
    public boolean applyFilterToCamelHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !ALLOWED_OUT.contains(headerName.toLowerCase());
    }

    @Override
    public boolean applyFilterToExternalHeaders(String headerName, Object headerValue, Exchange exchange) {
        return !ALLOWED_IN.contains(headerName.toLowerCase());
    }
}
