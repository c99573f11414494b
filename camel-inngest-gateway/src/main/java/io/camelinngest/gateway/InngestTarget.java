package io.camelinngest.gateway;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import io.camelinngest.testing.FakeInngestServer;

/**
 * Which Inngest the gateway talks to, decided from the environment the way the component reads it:
 * {@code INNGEST_DEV} set: a Dev Server; else {@code INNGEST_SIGNING_KEY} or {@code INNGEST_EVENT_KEY} set: Inngest
 * Cloud (or {@code INNGEST_BASE_URL}); neither: the fake Inngest of camel-inngest-testing, on loopback, so the
 * gateway can be tried without any account. The component itself reads the variables; this class only names the
 * choice (never a key) and runs the fake.
 */
public final class InngestTarget implements AutoCloseable {

    /** The three places the calls go. */
    public enum Mode {
        DEV,
        CLOUD,
        FAKE
    }

    private final Mode mode;
    private final String description;
    private final FakeInngestServer fake;

    private InngestTarget(Mode mode, String description, FakeInngestServer fake) {
        this.mode = mode;
        this.description = description;
        this.fake = fake;
    }

    /** The target the environment names. Does not start anything: see {@link #start}. */
    public static Mode detect(Function<String, String> env) {
        if (isSet(env.apply("INNGEST_DEV"))) {
            return Mode.DEV;
        }
        if (isSet(env.apply("INNGEST_SIGNING_KEY")) || isSet(env.apply("INNGEST_EVENT_KEY"))) {
            return Mode.CLOUD;
        }
        return Mode.FAKE;
    }

    /** Starts the fake when the mode is {@link Mode#FAKE}; otherwise only describes the target. */
    public static InngestTarget start(Mode mode, Function<String, String> env) {
        return switch (mode) {
            case DEV -> new InngestTarget(mode, "Inngest Dev Server (INNGEST_DEV=" + devShown(env.apply("INNGEST_DEV")) + ")",
                    null);
            case CLOUD -> new InngestTarget(mode, "Inngest at "
                                                  + (isSet(env.apply("INNGEST_BASE_URL")) ? env.apply("INNGEST_BASE_URL") : "Inngest Cloud")
                                                  + " (signing key " + (isSet(env.apply("INNGEST_SIGNING_KEY")) ? "set" : "not set")
                                                  + ", event key " + (isSet(env.apply("INNGEST_EVENT_KEY")) ? "set" : "not set")
                                                  + ")",
                    null);
            case FAKE -> {
                FakeInngestServer fake = FakeInngestServer.start();
                // the Dev Server test app's functions, so the curl line and the tools have something to show
                fake.fake().onEvent("shop/order.paid", "test-app", "ship-order", Duration.ofMillis(500),
                        data -> Map.of("shipped", true, "tracking", "TRK-" + data.get("order")));
                fake.fake().onEvent("acc/slow", "test-app", "slow-job", Duration.ofMinutes(10), data -> Map.of("done", true));
                yield new InngestTarget(mode, "FAKE Inngest (camel-inngest-testing) at " + fake.url(), fake);
            }
        };
    }

    private static String devShown(String value) {
        // INNGEST_DEV holds 1/true or an origin, never a key
        return value.trim();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    public Mode mode() {
        return mode;
    }

    /** What the gateway talks to, for the log; holds no key. */
    public String description() {
        return description;
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
