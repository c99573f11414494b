package io.camelinngest.client;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * One pooled Apache HttpClient 5: sends a request and reads the whole response. It retries nothing by itself: retries,
 * backoff and the fallback signing key are decided by {@link InngestClient}, which knows which calls are safe to
 * repeat.
 */
public final class HttpTransport implements Closeable {

    private static final byte[] EMPTY = new byte[0];

    private final CloseableHttpClient http;
    private final RequestConfig defaults;
    private final Duration responseTimeout;

    private HttpTransport(CloseableHttpClient http, RequestConfig defaults, Duration responseTimeout) {
        this.http = http;
        this.defaults = defaults;
        this.responseTimeout = responseTimeout;
    }

    public static HttpTransport create(HttpSettings settings) {
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout response = Timeout.of(settings.responseTimeout());
        PoolingHttpClientConnectionManagerBuilder pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(settings.maxConnections())
                .setMaxConnPerRoute(settings.maxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(response)
                        .build());
        if (settings.sslContext() != null) {
            pool.setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(settings.sslContext()).buildClassic());
        }
        RequestConfig defaults = RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(response)
                .setRedirectsEnabled(false)
                .build();
        var builder = HttpClients.custom()
                .setConnectionManager(pool.build())
                .setDefaultRequestConfig(defaults)
                .disableAutomaticRetries()
                .disableCookieManagement()
                .evictIdleConnections(org.apache.hc.core5.util.TimeValue.of(30, TimeUnit.SECONDS))
                .setUserAgent("camel-inngest");
        if (settings.proxyHost() != null) {
            builder.setProxy(new HttpHost(settings.proxyHost(), settings.proxyPort()));
        }
        return new HttpTransport(builder.build(), defaults, settings.responseTimeout());
    }

    /**
     * A transport over a given HttpClient 5, which it closes on {@link #close()}: for tests and benchmarks that answer
     * from memory. Requests use HttpClient's default request configuration with this response timeout.
     */
    public static HttpTransport over(CloseableHttpClient http, Duration responseTimeout) {
        return new HttpTransport(
                http, RequestConfig.custom().setResponseTimeout(Timeout.of(responseTimeout)).build(),
                responseTimeout);
    }

    /**
     * Sends one request whose body is the first {@code bodyLength} bytes of {@code body}, waiting for its answer at
     * most {@code maxWait} (when shorter than responseTimeout), and returns the whole response; I/O failures are thrown
     * as they come.
     */
    HttpResponseData execute(
            String method, URI uri, Map<String, String> headers, byte[] body, int bodyLength, Duration maxWait)
            throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        if (maxWait != null && maxWait.compareTo(responseTimeout) < 0) {
            request.setConfig(RequestConfig.copy(defaults).setResponseTimeout(Timeout.of(maxWait)).build());
        }
        headers.forEach(request::setHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, 0, bodyLength, ContentType.APPLICATION_JSON));
        }
        return http.execute(request, response -> {
            byte[] bytes = bytes(response.getEntity());
            Header contentType = response.getFirstHeader("Content-Type");
            Header retryAfter = response.getFirstHeader("Retry-After");
            return new HttpResponseData(
                    response.getCode(),
                    contentType == null ? null : contentType.getValue(),
                    retryAfter == null ? null : retryAfter.getValue(),
                    bytes);
        });
    }

    /**
     * The whole body, in an array of its length when the server gave it ({@code EntityUtils.toByteArray} allocates a 4
     * KiB read buffer besides, per response, which a profile of a small send showed as most of its allocated bytes); a
     * body cut short by the server is returned as far as it came.
     */
    private static byte[] bytes(HttpEntity entity) throws IOException {
        if (entity == null) {
            return EMPTY;
        }
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return EMPTY;
            }
            long length = entity.getContentLength();
            if (length > Integer.MAX_VALUE - 8) {
                throw new IOException("HTTP entity too large to be buffered in memory: " + length + " bytes");
            }
            if (length < 0) {
                return in.readAllBytes();
            }
            // straight into an array of the body's length: readNBytes(int) reads into 8 KiB chunks and copies them
            byte[] body = new byte[(int) length];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
    }

    @Override
    public void close() {
        http.close(CloseMode.GRACEFUL);
    }

    /** A response read whole: status, the headers the client looks at, and the body bytes. */
    record HttpResponseData(int status, String contentType, String retryAfter, byte[] body) {
    }
}
