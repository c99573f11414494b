package io.camelinngest.client;

import java.time.Duration;
import java.util.Objects;

import javax.net.ssl.SSLContext;

/**
 * How the HTTP connection pool is built: timeouts, proxy and TLS. Two clients with equal settings share one pool.
 *
 * @param connectTimeout  how long to wait for a TCP connection
 * @param responseTimeout how long to wait for response data once the request is sent
 * @param proxyHost       the HTTP proxy host, or {@code null} for none
 * @param proxyPort       the HTTP proxy port
 * @param sslContext      the TLS context, or {@code null} for the JVM default
 * @param maxConnections  the most connections the pool keeps open
 */
public record HttpSettings(Duration connectTimeout, Duration responseTimeout, String proxyHost, int proxyPort,
        SSLContext sslContext, int maxConnections) {

    public HttpSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (proxyHost != null && (proxyPort < 1 || proxyPort > 65535)) {
            throw new IllegalArgumentException(
                    "Option proxyPort must be between 1 and 65535 when proxyHost is set, was "
                                               + proxyPort);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("Option maxConnections must be 1 or more, was " + maxConnections);
        }
    }

    /** 10 s to connect, 30 s for a response, no proxy, the JVM's TLS, 20 connections. */
    public static HttpSettings defaults() {
        return new HttpSettings(Duration.ofSeconds(10), Duration.ofSeconds(30), null, 0, null, 20);
    }
}
