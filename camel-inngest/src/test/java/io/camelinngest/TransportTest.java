package io.camelinngest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.camelinngest.client.InngestApiException;
import io.camelinngest.model.FunctionRun;
import org.apache.camel.BindToRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.camelinngest.ContractFixtures.RUN_ID;
import static io.camelinngest.ContractFixtures.RUN_JSON;
import static io.camelinngest.ContractFixtures.RUN_PATH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP options a Camel user sets like camel-http's: an HTTP proxy, and TLS through {@code sslContextParameters}. A
 * second WireMock serves HTTPS with its own self-signed certificate, and acts as the proxy.
 */
class TransportTest extends InngestTestSupport {

    private static final String PASSWORD = "changeit";
    /** A self-signed certificate for localhost, made by the JDK's keytool: the server's key and the client's trust. */
    private static final Path KEYSTORE = selfSignedLocalhost();

    @RegisterExtension
    static final WireMockExtension TLS = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().dynamicHttpsPort().keystorePath(KEYSTORE.toString())
                    .keystoreType("PKCS12").keystorePassword(PASSWORD).keyManagerPassword(PASSWORD))
            .build();

    private static Path selfSignedLocalhost() {
        try {
            Path dir = Files.createTempDirectory("inngest-tls");
            Path keystore = dir.resolve("localhost.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process process = new ProcessBuilder(
                    keytool, "-genkeypair", "-alias", "localhost", "-keyalg", "RSA",
                    "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            keystore.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return keystore;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A trust store holding the server's certificate, as a user would configure one for a private CA. */
    @BindToRegistry("trustLocalhost")
    SSLContextParameters trustLocalhost() {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + KEYSTORE);
        store.setType("PKCS12");
        store.setPassword(PASSWORD);
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setTrustManagers(trust);
        return parameters;
    }

    @Test
    void requestsGoThroughTheConfiguredProxy() {
        TLS.stubFor(get(RUN_PATH).willReturn(okJson(RUN_JSON)));

        // the origin does not resolve: only the proxy can answer
        Exchange exchange = call("inngest:getRun?baseUrl=http://inngest.invalid:8288&proxyHost=localhost&proxyPort="
                                 + TLS.getPort(),
                null, Map.of(InngestConstants.RUN_ID, RUN_ID));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(FunctionRun.class).runId()).isEqualTo(RUN_ID);
        TLS.verify(1, getRequestedFor(urlEqualTo(RUN_PATH)).withHeader("Host", equalTo("inngest.invalid:8288"))
                .withHeader("Authorization", equalTo(HASHED_BEARER)));
        assertThat(INNGEST.getAllServeEvents()).isEmpty();
    }

    @Test
    void sslContextParametersDecideWhichServerCertificatesAreTrusted() {
        TLS.stubFor(get(RUN_PATH).willReturn(okJson(RUN_JSON)));
        String https = "https://localhost:" + TLS.getHttpsPort();

        Exchange trusted = call("inngest:getRun?baseUrl=" + https + "&sslContextParameters=#trustLocalhost", null,
                Map.of(InngestConstants.RUN_ID, RUN_ID));
        Exchange untrusted = call("inngest:getRun?maxRetries=0&baseUrl=" + https, null,
                Map.of(InngestConstants.RUN_ID, RUN_ID));

        assertThat(trusted.getException()).isNull();
        assertThat(trusted.getMessage().getBody(FunctionRun.class).runId()).isEqualTo(RUN_ID);
        InngestApiException e = untrusted.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getHttpStatus()).isZero();
        assertThat(e.getMessage()).contains("could not reach Inngest at " + https).contains("SSL");
        TLS.verify(1, getRequestedFor(urlEqualTo(RUN_PATH)));
    }
}
