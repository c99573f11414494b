package io.camelinngest.client;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where and how an {@link InngestClient} talks to Inngest: the two origins, the credentials and the retry and send
 * limits. Built with {@link #builder()}; values not set explicitly come from the standard Inngest environment
 * variables, with the precedence the Inngest SDKs use (see {@link Builder#build(Function)}).
 * <p>
 * {@link #toString()} never shows a key.
 */
public final class InngestClientConfig {

    public static final String CLOUD_API_BASE_URL = "https://api.inngest.com";
    public static final String CLOUD_EVENT_BASE_URL = "https://inn.gs";
    public static final String DEV_SERVER_URL = "http://localhost:8288";
    /** The event key the SDKs use against the Dev Server, which accepts any non-empty key. */
    public static final String DEV_EVENT_KEY = "NO_EVENT_KEY_SET";
    /** The server rejects larger events (3 MiB); Inngest Cloud's free plan allows 256 KiB. */
    public static final int MAX_EVENT_SIZE = 3_145_728;
    /** The server rejects requests with more events. */
    public static final int MAX_EVENTS_PER_REQUEST = 5000;
    /** The default of option callTimeout: two attempts of the default responseTimeout (30 s). */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

    private final URI apiBaseUrl;
    private final URI eventBaseUrl;
    private final String signingKey;
    private final String signingKeyFallback;
    private final String eventKey;
    private final String env;
    private final boolean dev;
    private final int maxRetries;
    private final Duration callTimeout;
    private final Duration retryDelay;
    private final Duration retryMaxDelay;
    private final int maxEventsPerRequest;
    private final int maxEventSize;
    private final SigningKey primaryKey;
    private final SigningKey fallbackKey;

    private InngestClientConfig(Builder b, URI apiBaseUrl, URI eventBaseUrl, String signingKey,
                                String signingKeyFallback, String eventKey, String env, boolean dev) {
        this.apiBaseUrl = apiBaseUrl;
        this.eventBaseUrl = eventBaseUrl;
        this.signingKey = signingKey;
        this.signingKeyFallback = signingKeyFallback;
        this.eventKey = eventKey;
        this.env = env;
        this.dev = dev;
        this.maxRetries = b.maxRetries;
        this.callTimeout = b.callTimeout;
        this.retryDelay = b.retryDelay;
        this.retryMaxDelay = b.retryMaxDelay;
        this.maxEventsPerRequest = b.maxEventsPerRequest;
        this.maxEventSize = b.maxEventSize;
        this.primaryKey
                = signingKey == null ? null : SigningKey.parse(signingKey, "Option signingKey (or INNGEST_SIGNING_KEY)");
        this.fallbackKey = signingKeyFallback == null
                ? null : SigningKey.parse(signingKeyFallback, "Option signingKeyFallback (or INNGEST_SIGNING_KEY_FALLBACK)");
    }

    public static Builder builder() {
        return new Builder();
    }

    public URI apiBaseUrl() {
        return apiBaseUrl;
    }

    public URI eventBaseUrl() {
        return eventBaseUrl;
    }

    /** Whether the target is a Dev Server (no signing key needed, any event key accepted). */
    public boolean isDev() {
        return dev;
    }

    public String env() {
        return env;
    }

    public boolean hasEventKey() {
        return eventKey != null;
    }

    public boolean hasSigningKey() {
        return primaryKey != null;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** The most time one call may take, over all its attempts and the waits between them. */
    public Duration callTimeout() {
        return callTimeout;
    }

    public Duration retryDelay() {
        return retryDelay;
    }

    public Duration retryMaxDelay() {
        return retryMaxDelay;
    }

    public int maxEventsPerRequest() {
        return maxEventsPerRequest;
    }

    public int maxEventSize() {
        return maxEventSize;
    }

    String eventKey() {
        return eventKey;
    }

    SigningKey primaryKey() {
        return primaryKey;
    }

    SigningKey fallbackKey() {
        return fallbackKey;
    }

    /**
     * The secrets of this configuration, for redacting them from any text that might echo one: the keys, and the hashes
     * sent as bearer tokens (the server accepts a hashed key in place of the key).
     */
    String[] secrets() {
        return new String[] { signingKey, signingKeyFallback, eventKey, hashOf(primaryKey), hashOf(fallbackKey) };
    }

    private static String hashOf(SigningKey key) {
        if (key == null) {
            return null;
        }
        String token = key.bearerToken();
        return token.substring(token.lastIndexOf('-') + 1);
    }

    @Override
    public String toString() {
        return "InngestClientConfig[apiBaseUrl=" + apiBaseUrl + ", eventBaseUrl=" + eventBaseUrl
               + ", dev=" + dev + ", env=" + env
               + ", signingKey=" + SecretMasker.shown(signingKey)
               + ", signingKeyFallback=" + SecretMasker.shown(signingKeyFallback)
               + ", eventKey=" + SecretMasker.shown(eventKey)
               + ", maxRetries=" + maxRetries + ", callTimeout=" + callTimeout + ", retryDelay=" + retryDelay
               + ", retryMaxDelay=" + retryMaxDelay
               + ", maxEventsPerRequest=" + maxEventsPerRequest + ", maxEventSize=" + maxEventSize + "]";
    }

    /** Collects explicit values; {@link #build(Function)} fills the rest from the environment. */
    public static final class Builder {

        private String baseUrl;
        private String eventBaseUrl;
        private String signingKey;
        private String signingKeyFallback;
        private String eventKey;
        private String env;
        private String dev;
        private int maxRetries = 3;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private Duration retryDelay = Duration.ofMillis(500);
        private Duration retryMaxDelay = Duration.ofSeconds(30);
        private int maxEventsPerRequest = 500;
        private int maxEventSize = MAX_EVENT_SIZE;

        private Builder() {
        }

        /** The REST API origin (default {@value #CLOUD_API_BASE_URL}). */
        public Builder baseUrl(String value) {
            this.baseUrl = value;
            return this;
        }

        /** The event API origin (default {@value #CLOUD_EVENT_BASE_URL}). */
        public Builder eventBaseUrl(String value) {
            this.eventBaseUrl = value;
            return this;
        }

        public Builder signingKey(String value) {
            this.signingKey = value;
            return this;
        }

        public Builder signingKeyFallback(String value) {
            this.signingKeyFallback = value;
            return this;
        }

        public Builder eventKey(String value) {
            this.eventKey = value;
            return this;
        }

        /** The branch environment name, sent as {@code X-Inngest-Env}. */
        public Builder env(String value) {
            this.env = value;
            return this;
        }

        /**
         * Dev Server mode as {@code INNGEST_DEV} defines it: {@code true}/{@code 1}, {@code false}/{@code 0}, or an
         * origin.
         */
        public Builder dev(String value) {
            this.dev = value;
            return this;
        }

        /** The most time one call may take, over all its attempts and the waits between them (default 60 s). */
        public Builder callTimeout(Duration value) {
            this.callTimeout = value;
            return this;
        }

        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        public Builder retryDelay(Duration value) {
            this.retryDelay = value;
            return this;
        }

        public Builder retryMaxDelay(Duration value) {
            this.retryMaxDelay = value;
            return this;
        }

        public Builder maxEventsPerRequest(int value) {
            this.maxEventsPerRequest = value;
            return this;
        }

        public Builder maxEventSize(int value) {
            this.maxEventSize = value;
            return this;
        }

        /** Builds with explicit values only: no environment variable is read. */
        public InngestClientConfig build() {
            return build(name -> null);
        }

        /**
         * Builds, taking every value not set explicitly from the environment:
         * <ul>
         * <li>keys: {@code INNGEST_SIGNING_KEY}, {@code INNGEST_SIGNING_KEY_FALLBACK}, {@code INNGEST_EVENT_KEY};
         * {@code INNGEST_ENV};</li>
         * <li>Dev Server mode: {@code dev}, else {@code INNGEST_DEV};</li>
         * <li>REST origin: {@code baseUrl}, else {@code INNGEST_API_BASE_URL}, else {@code INNGEST_BASE_URL}, else the
         * Dev Server origin in dev mode, else Inngest Cloud;</li>
         * <li>event origin: {@code eventBaseUrl}, else {@code INNGEST_EVENT_API_BASE_URL}, else
         * {@code INNGEST_BASE_URL}, else the Dev Server origin in dev mode, else Inngest Cloud.</li>
         * </ul>
         *
         * @param environment looks up an environment variable ({@code System::getenv} in production)
         */
        public InngestClientConfig build(Function<String, String> environment) {
            Objects.requireNonNull(environment, "environment");
            String devValue = firstSet(dev, environment.apply("INNGEST_DEV"));
            URI devOrigin = parseDev(devValue, dev != null ? "dev" : "INNGEST_DEV");
            boolean devMode = devOrigin != null;
            String sharedBase = environment.apply("INNGEST_BASE_URL");

            URI api = origin(firstSet(baseUrl, environment.apply("INNGEST_API_BASE_URL"), sharedBase),
                    devOrigin, CLOUD_API_BASE_URL, "baseUrl");
            URI events = origin(firstSet(eventBaseUrl, environment.apply("INNGEST_EVENT_API_BASE_URL"), sharedBase),
                    devOrigin, CLOUD_EVENT_BASE_URL, "eventBaseUrl");

            String key = firstSet(signingKey, environment.apply("INNGEST_SIGNING_KEY"));
            String fallback = firstSet(signingKeyFallback, environment.apply("INNGEST_SIGNING_KEY_FALLBACK"));
            String evKey = firstSet(eventKey, environment.apply("INNGEST_EVENT_KEY"));
            if (evKey == null && devMode) {
                evKey = DEV_EVENT_KEY;
            }
            String branch = firstSet(env, environment.apply("INNGEST_ENV"));

            if (maxRetries < 0) {
                throw new IllegalArgumentException("Option maxRetries must be 0 or more, was " + maxRetries);
            }
            if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException(
                        "Option callTimeout must be more than 0, was "
                                                   + (callTimeout == null ? null : callTimeout.toMillis()));
            }
            if (retryDelay == null || retryDelay.isNegative() || retryMaxDelay == null || retryMaxDelay.isNegative()) {
                throw new IllegalArgumentException("Options retryDelay and retryMaxDelay must be 0 or more");
            }
            if (maxEventsPerRequest < 1 || maxEventsPerRequest > MAX_EVENTS_PER_REQUEST) {
                throw new IllegalArgumentException(
                        "Option maxEventsPerRequest must be between 1 and "
                                                   + MAX_EVENTS_PER_REQUEST + ", was " + maxEventsPerRequest);
            }
            if (maxEventSize < 1 || maxEventSize > MAX_EVENT_SIZE) {
                throw new IllegalArgumentException(
                        "Option maxEventSize must be between 1 and " + MAX_EVENT_SIZE
                                                   + " bytes, was " + maxEventSize);
            }
            return new InngestClientConfig(this, api, events, key, fallback, evKey, branch, devMode);
        }

        private static URI origin(String explicit, URI devOrigin, String cloud, String optionName) {
            if (explicit != null) {
                return parseOrigin(explicit, optionName);
            }
            return devOrigin != null ? devOrigin : URI.create(cloud);
        }

        private static URI parseDev(String value, String name) {
            if (value == null) {
                return null;
            }
            String v = value.trim().toLowerCase(Locale.ROOT);
            switch (v) {
                case "", "0", "false", "no", "off":
                    return null;
                case "1", "true", "yes", "on":
                    return URI.create(DEV_SERVER_URL);
                default:
                    if (v.startsWith("http://") || v.startsWith("https://")) {
                        return parseOrigin(value.trim(), name);
                    }
                    throw new IllegalArgumentException(
                            name + " must be one of true, yes, on, 1 (the Dev Server at "
                                                       + DEV_SERVER_URL + "), false, no, off, 0 or empty (not dev mode), or a"
                                                       + " Dev Server origin such as http://inngest:8288; was '" + value + "'");
            }
        }

        private static URI parseOrigin(String value, String name) {
            String trimmed = value.trim();
            while (trimmed.endsWith("/")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            URI uri;
            try {
                uri = URI.create(trimmed);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + " is not a valid URL: '" + value + "'");
            }
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException(
                        name + " must be an http or https URL such as http://localhost:8288, was '"
                                                   + value + "'");
            }
            return uri;
        }

        private static String firstSet(String... values) {
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    return v.trim();
                }
            }
            return null;
        }
    }
}
