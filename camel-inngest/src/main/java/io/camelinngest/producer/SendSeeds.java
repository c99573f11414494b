package io.camelinngest.producer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.camelinngest.client.EventIdSeed;
import io.camelinngest.client.InngestJson;
import org.apache.camel.Exchange;

/**
 * The event ID seeds of sends, kept on the exchange for a redelivery. Every send gets a new seed, except a send of the
 * same events to the same endpoint that an earlier attempt on this exchange left unfinished (it failed, and Camel's
 * error handler or the route now sends it again): that one reuses the earlier seed, so the server derives the same
 * internal IDs and starts no duplicate runs. A failed send keeps its seed on the exchange ({@link #keep}); a seed is
 * forgotten once its send has completed, so a later send of the same exchange (a second {@code to}, a loop) is a new
 * send with a new seed; copies made by a splitter or a multicast start without the seeds of sends that completed.
 */
final class SendSeeds {

    /**
     * The exchange property that keeps the event ID seeds of sends that have not completed, for their redelivery: a map
     * from a fingerprint of the endpoint and the events to the seed.
     */
    static final String PROPERTY = "CamelInngestEventIdSeeds";

    private SendSeeds() {
    }

    /**
     * The seed of one logical send.
     *
     * @param sendKey the send's fingerprint, or {@code null} when the exchange keeps no seed (nothing to reuse)
     */
    static EventIdSeed seedOf(Exchange exchange, String sendKey) {
        String value = sendKey == null ? null : kept(exchange).get(sendKey);
        return value != null ? EventIdSeed.parse(value) : EventIdSeed.random();
    }

    /** Keeps the seed of a send that did not complete, for a redelivery of the same events to reuse. */
    static void keep(Exchange exchange, String sendKey, EventIdSeed seed) {
        Map<String, String> kept = kept(exchange);
        if (sendKey != null && !seed.headerValue().equals(kept.get(sendKey))) {
            Map<String, String> seeds = new HashMap<>(kept);
            seeds.put(sendKey, seed.headerValue());
            // a new map each time: exchange copies share the property's value
            exchange.setProperty(PROPERTY, Map.copyOf(seeds));
        }
    }

    static void forget(Exchange exchange, String sendKey) {
        Map<String, String> kept = kept(exchange);
        if (sendKey != null && kept.containsKey(sendKey)) {
            Map<String, String> seeds = new HashMap<>(kept);
            seeds.remove(sendKey);
            if (seeds.isEmpty()) {
                exchange.removeProperty(PROPERTY);
            } else {
                exchange.setProperty(PROPERTY, Map.copyOf(seeds));
            }
        }
    }

    /** Whether the exchange keeps any seed (only then is a send's fingerprint worth working out up front). */
    static boolean anyKept(Exchange exchange) {
        return !kept(exchange).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> kept(Exchange exchange) {
        Object kept = exchange.getProperty(PROPERTY);
        return kept instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }

    /**
     * A fingerprint of an endpoint and events (hashed: the endpoint URI may hold a key), or {@code null} when the
     * events cannot be written as JSON (the send then fails before any request).
     */
    static String sendKey(String endpointKey, Object events) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(endpointKey.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(events instanceof byte[] bytes ? bytes
                    : events instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                    : InngestJson.mapper().writeValueAsBytes(events));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (JsonProcessingException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
