package io.camelinngest.tracking;

import org.apache.camel.Exchange;

/** Not used by the component: a tracking class that imports Camel, for {@code LayeringTest} to catch. */
public final class TrackingOffender {

    public static Object bodyOf(Exchange exchange) {
        return exchange.getMessage().getBody();
    }
}
