package io.camelinngest.gateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Where the gateway listens and whom it lets in, from environment variables:
 * <ul>
 * <li>{@code INNGEST_GATEWAY_HOST}: the address both ports bind to, default {@code 127.0.0.1};</li>
 * <li>{@code INNGEST_GATEWAY_REST_PORT} (default 8080) and {@code INNGEST_GATEWAY_MCP_PORT} (default 9090);</li>
 * <li>{@code INNGEST_GATEWAY_TOKEN}: the bearer token of both ports (16 characters at least), else a generated
 * one;</li>
 * <li>{@code INNGEST_GATEWAY_ALLOWED_ORIGINS}: comma-separated browser origins the MCP port accepts besides
 * {@code http://localhost:*} and {@code http://127.0.0.1:*} ({@code :*} = any port);</li>
 * <li>{@code INNGEST_GATEWAY_ALLOWED_HOSTS}: comma-separated {@code Host} header values the MCP port accepts besides
 * the loopback names and the bind address.</li>
 * </ul>
 */
public record GatewaySettings(String host, int restPort, int mcpPort, BearerToken token, List<String> allowedOrigins,
        List<String> allowedHosts) {

    public static final String DEFAULT_HOST = "127.0.0.1";

    public static GatewaySettings fromEnvironment(Function<String, String> env) {
        String host = text(env.apply("INNGEST_GATEWAY_HOST"), DEFAULT_HOST);
        String token = env.apply("INNGEST_GATEWAY_TOKEN");
        return new GatewaySettings(
                host,
                port(env, "INNGEST_GATEWAY_REST_PORT", 8080),
                port(env, "INNGEST_GATEWAY_MCP_PORT", 9090),
                token == null || token.isBlank() ? BearerToken.generate() : BearerToken.of(token),
                origins(list(env.apply("INNGEST_GATEWAY_ALLOWED_ORIGINS"))),
                hosts(host, list(env.apply("INNGEST_GATEWAY_ALLOWED_HOSTS"))));
    }

    /** Settings for tests and embedding: free ports (0) are fine. */
    public static GatewaySettings of(String host, int restPort, int mcpPort, BearerToken token) {
        return new GatewaySettings(host, restPort, mcpPort, token, origins(List.of()), hosts(host, List.of()));
    }

    private static List<String> origins(List<String> extra) {
        List<String> origins = new ArrayList<>(List.of("http://localhost:*", "http://127.0.0.1:*", "http://[::1]:*"));
        origins.addAll(extra);
        return List.copyOf(origins);
    }

    private static List<String> hosts(String bindHost, List<String> extra) {
        List<String> hosts = new ArrayList<>(List.of("localhost:*", "127.0.0.1:*", "[::1]:*"));
        if (!isAnyAddress(bindHost) && !hosts.contains(bindHost + ":*")) {
            hosts.add(bindHost + ":*");
        }
        hosts.addAll(extra);
        return List.copyOf(hosts);
    }

    private static boolean isAnyAddress(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static int port(Function<String, String> env, String name, int defaultPort) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(name + " must be a port number from 0 to 65535, was '" + value + "'");
    }

    private static String text(String value, String defaultValue) {
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    private static List<String> list(String value) {
        return value == null || value.isBlank()
                ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The host as it goes into a URL. */
    String urlHost() {
        String shown = isAnyAddress(host) ? DEFAULT_HOST : host;
        return shown.contains(":") && !shown.startsWith("[") ? "[" + shown + "]" : shown;
    }
}
