package io.camelinngest.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import io.camelinngest.testing.FakeInngestServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Inngest the gateway talks to, decided from the environment the way the component reads it: {@code INNGEST_DEV}
 * set: a Dev Server; else {@code INNGEST_SIGNING_KEY} and/or {@code INNGEST_EVENT_KEY} set: Inngest Cloud (or
 * {@code INNGEST_BASE_URL}); else {@code INNGEST_GATEWAY_FAKE=1}: the fake Inngest of camel-inngest-testing, on
 * loopback, asked for explicitly and bounded in memory; none of these: no start. The component itself reads the
 * variables; this class only names the choice (never a key, never a password in the base URL) and runs the fake.
 */
public final class InngestTarget implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InngestTarget.class);

    /** The fake forgets everything it holds once it holds this many events (a demo, not a store). */
    static final int FAKE_MAX_EVENTS = 10_000;

    /** The three places the calls go. */
    public enum Mode {
        DEV,
        CLOUD,
        FAKE
    }

    private final Mode mode;
    private final String description;
    private final FakeInngestServer fake;
    private final Map<GatewayOperation, String> unavailable;

    private InngestTarget(Mode mode, String description, FakeInngestServer fake, Map<GatewayOperation, String> unavailable) {
        this.mode = mode;
        this.description = description;
        this.fake = fake;
        this.unavailable = Map.copyOf(unavailable);
    }

    /**
     * The target the environment names. Does not start anything: see {@link #start}.
     *
     * @throws IllegalArgumentException when the environment names none
     */
    public static Mode detect(Function<String, String> env) {
        if (isSet(env.apply("INNGEST_DEV"))) {
            return Mode.DEV;
        }
        if (isSet(env.apply("INNGEST_SIGNING_KEY")) || isSet(env.apply("INNGEST_EVENT_KEY"))) {
            return Mode.CLOUD;
        }
        String fake = env.apply("INNGEST_GATEWAY_FAKE");
        if (isSet(fake) && (fake.trim().equals("1") || fake.trim().equalsIgnoreCase("true"))) {
            return Mode.FAKE;
        }
        throw new IllegalArgumentException(
                "No Inngest configured: set INNGEST_DEV (a Dev Server), INNGEST_SIGNING_KEY"
                                           + " and/or INNGEST_EVENT_KEY (Inngest Cloud), or INNGEST_GATEWAY_FAKE=1 for a"
                                           + " fake Inngest in memory, to try the gateway");
    }

    /** Starts the fake when the mode is {@link Mode#FAKE}; otherwise only describes the target. */
    public static InngestTarget start(Mode mode, Function<String, String> env) {
        return switch (mode) {
            case DEV -> new InngestTarget(
                    mode, "Inngest Dev Server (INNGEST_DEV=" + shown(env.apply("INNGEST_DEV")) + ")",
                    null, Map.of());
            case CLOUD -> {
                boolean signingKey = isSet(env.apply("INNGEST_SIGNING_KEY"));
                boolean eventKey = isSet(env.apply("INNGEST_EVENT_KEY"));
                String baseUrl = env.apply("INNGEST_BASE_URL");
                yield new InngestTarget(
                        mode, "Inngest at " + (isSet(baseUrl) ? shown(baseUrl) : "Inngest Cloud")
                              + " (signing key " + (signingKey ? "set" : "not set")
                              + ", event key " + (eventKey ? "set" : "not set") + ")",
                        null, unavailable(signingKey, eventKey));
            }
            case FAKE -> {
                FakeInngestServer fake = FakeInngestServer.start();
                bound(fake);
                // the Dev Server test app's functions, so the curl line and the tools have something to show
                addFunctions(fake);
                yield new InngestTarget(
                        mode, "FAKE Inngest (camel-inngest-testing, in memory, at most " + FAKE_MAX_EVENTS
                              + " events) at " + fake.url(),
                        fake, Map.of());
            }
        };
    }

    private static void addFunctions(FakeInngestServer fake) {
        fake.fake().onEvent("shop/order.paid", "test-app", "ship-order", Duration.ofMillis(500),
                data -> Map.of("shipped", true, "tracking", "TRK-" + data.get("order")));
        fake.fake().onEvent("acc/slow", "test-app", "slow-job", Duration.ofMinutes(10), data -> Map.of("done", true));
    }

    /**
     * WireMock keeps every request and response in its journal, which the gateway never reads: it is emptied after each
     * request. The fake's own store is emptied (functions kept) once it holds {@link #FAKE_MAX_EVENTS} events.
     */
    private static void bound(FakeInngestServer fake) {
        AtomicLong requests = new AtomicLong();
        fake.wireMock().addMockServiceRequestListener((request, response) -> {
            fake.wireMock().resetRequests();
            if (requests.incrementAndGet() % 100 == 0 && fake.fake().events().size() >= FAKE_MAX_EVENTS) {
                LOG.warn("The fake Inngest held {} events: all events and runs are forgotten", FAKE_MAX_EVENTS);
                fake.fake().clear();
                addFunctions(fake);
            }
        });
    }

    /** What cannot be served with the keys given: the component refuses to start an endpoint without its key. */
    private static Map<GatewayOperation, String> unavailable(boolean signingKey, boolean eventKey) {
        Map<GatewayOperation, String> unavailable = new EnumMap<>(GatewayOperation.class);
        for (GatewayOperation operation : GatewayOperation.values()) {
            if (operation == GatewayOperation.SENDEVENTS && !eventKey) {
                unavailable.put(operation, "sendevents needs an event key: the gateway was started without"
                                           + " INNGEST_EVENT_KEY");
            } else if (operation != GatewayOperation.SENDEVENTS && !signingKey) {
                unavailable.put(operation, operation.toolName() + " needs a signing key: the gateway was started without"
                                           + " INNGEST_SIGNING_KEY");
            }
        }
        return unavailable;
    }

    /** A URL or origin as it may be logged: without a {@code user:password@}. */
    static String shown(String value) {
        String trimmed = value.trim();
        try {
            URI uri = URI.create(trimmed);
            if (uri.getRawUserInfo() != null) {
                return new URI(uri.getScheme(), "***", uri.getHost(), uri.getPort(), uri.getRawPath(), null, null).toString();
            }
            return trimmed;
        } catch (Exception e) {
            // not a URL (INNGEST_DEV=1): shown as it is, unless it could hold a password
            return trimmed.contains("@") ? "(not shown)" : trimmed;
        }
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    public Mode mode() {
        return mode;
    }

    /** What the gateway talks to, for the log; holds no key and no password. */
    public String description() {
        return description;
    }

    /** The operations the gateway cannot serve with the keys it was given, and why. */
    public Map<GatewayOperation, String> unavailable() {
        return unavailable;
    }

    /** The Camel properties this target needs: the fake's origin as the component's Dev Server. */
    public Map<String, String> camelProperties() {
        return fake == null ? Map.of() : Map.of("camel.component.inngest.dev", fake.url());
    }

    @Override
    public void close() {
        if (fake != null) {
            fake.close();
        }
    }
}
