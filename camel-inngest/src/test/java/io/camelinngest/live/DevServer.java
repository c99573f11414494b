package io.camelinngest.live;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.InngestComponent;
import io.camelinngest.InngestConfiguration;
import io.camelinngest.client.InngestJson;
import org.apache.camel.CamelContext;

/**
 * The running Inngest Dev Server the live suite talks to ({@code ../shared/inngest-dev/start.sh}), and the
 * {@code inngest} component pointed at it. The URL is the environment variable {@code INNGEST_DEV} when it is a URL
 * ({@code 1} or {@code true} stand for http://localhost:8288, as the Inngest SDKs read it), else the system property
 * {@code inngest.dev.url} (set by the parent pom, default http://127.0.0.1:8288).
 * <p>
 * The server runs the test app {@value #APP_ID}: {@code ship-order} ({@code shop/order.paid}, returns
 * {@code {shipped: true, tracking: "TRK-<data.order>"}}), {@code slow-job} ({@code acc/slow}, sleeps 10 minutes),
 * {@code always-fails} ({@code acc/fail}) and {@code await-approval} ({@code acc/approval}, waits for signal
 * {@code approve-<data.key>}). Other people use the same server at the same time: tests make their data unique
 * ({@link #unique}) and look only at what carries it.
 */
public final class DevServer {

    public static final String APP_ID = "test-app";

    private static final String DEFAULT_URL = "http://127.0.0.1:8288";
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DevServer() {
    }

    /** The Dev Server's origin, without a trailing slash. */
    public static String url() {
        String env = System.getenv("INNGEST_DEV");
        String url;
        if (env != null && (env.startsWith("http://") || env.startsWith("https://"))) {
            url = env;
        } else if ("1".equals(env) || "true".equalsIgnoreCase(env)) {
            url = "http://localhost:8288";
        } else {
            String property = System.getProperty("inngest.dev.url");
            url = property == null || property.isBlank() || property.startsWith("${") ? DEFAULT_URL : property;
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * An {@code inngest} component in dev mode whose REST and event APIs are {@code url} (the Dev Server or a proxy).
     */
    public static InngestComponent component(String url) {
        InngestComponent component = new InngestComponent();
        InngestConfiguration config = component.getConfiguration();
        config.setDev("true");
        config.setBaseUrl(url);
        config.setEventBaseUrl(url);
        return component;
    }

    /** Adds the {@code inngest} component, pointed at the Dev Server, to a context. */
    public static void addComponent(CamelContext context) {
        context.addComponent("inngest", component(url()));
    }

    /**
     * An endpoint URI of the {@code inngest} scheme that talks to {@code url} whatever the component says, e.g.
     * {@code uri("sendEvents?maxRetries=0", proxyUrl)}.
     */
    public static String uri(String operationAndOptions, String url) {
        return "inngest:" + operationAndOptions + (operationAndOptions.contains("?") ? "&" : "?")
               + "dev=true&baseUrl=" + url + "&eventBaseUrl=" + url;
    }

    /** A value no other test and no other user of the server sends, e.g. {@code live-3f2a9c1e}. */
    public static String unique() {
        return "live-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A well-formed run or event ID (a ULID) that the server has never issued. */
    public static String unknownUlid() {
        StringBuilder id = new StringBuilder("01");
        for (int i = 0; i < 24; i++) {
            id.append(CROCKFORD.charAt(RANDOM.nextInt(CROCKFORD.length())));
        }
        return id.toString();
    }

    /**
     * Reads a run straight from the server's v2 API ({@code GET /v2/runs/{id}?includeOutput=true}), without the
     * component: the reference the component's answers are checked against.
     */
    public static JsonNode v2Run(String runId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/v2/runs/" + runId
                                                                                    + "?includeOutput=true"))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /v2/runs/" + runId + ": HTTP " + response.statusCode() + " " + response.body());
        }
        return InngestJson.mapper().readTree(response.body()).path("data");
    }

    /** Fails with a clear message when no Dev Server with the test app answers (start it with start.sh). */
    public static void requireRunning() {
        String url = url();
        try {
            HttpResponse<String> response
                    = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/v1/apps/" + APP_ID + "/functions"))
                            .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode functions = InngestJson.mapper().readTree(response.body());
            if (!functions.isArray() || functions.size() < 4) {
                throw new IllegalStateException(
                        "The Dev Server at " + url + " has not registered the 4 functions of app "
                                                + APP_ID + " (answer: " + response.body()
                                                + "). Run ../shared/inngest-dev/start.sh");
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "No Inngest Dev Server at " + url + " (" + e + "). Start it with"
                                            + " ../shared/inngest-dev/start.sh, or point INNGEST_DEV or -Dinngest.dev.url at one",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
