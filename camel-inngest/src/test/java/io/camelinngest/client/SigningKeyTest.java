package io.camelinngest.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.camelinngest.InngestConstants;
import io.camelinngest.InngestTestSupport;
import io.camelinngest.model.FunctionRun;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.camelinngest.ContractFixtures.AUTHENTICATION_FAILED;
import static io.camelinngest.ContractFixtures.EVENT_KEY_NOT_FOUND;
import static io.camelinngest.ContractFixtures.RUN_ID;
import static io.camelinngest.ContractFixtures.V2_RUN_JSON;
import static io.camelinngest.ContractFixtures.V2_RUN_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bearer token derived from a signing key (SDK specification 4.1.4), and the one retry with the fallback signing
 * key when the server answers 401 or 403.
 */
class SigningKeyTest extends InngestTestSupport {

    private static final String SPEC_HASH = "b2ed992186a5cb19f6668aade821f502c1d00970dfd0e35128d51bac4649916c";
    private static final String FALLBACK_KEY = "signkey-test-87654321";
    /** SHA-256 of the bytes 0x87 0x65 0x43 0x21. */
    private static final String FALLBACK_BEARER
            = "Bearer signkey-test-235c6e3ab89786e7f171838fda309579aa64e99a9a1431ad94c650fdf3622969";

    // ---------------------------------------------------------------------------------------------------------
    // The hashed bearer token

    @Test
    void theSdkSpecificationExampleHashesToTheDocumentedToken() {
        assertThat(SigningKey.parse("signkey-prod-12345678", "signingKey").bearerToken())
                .isEqualTo("signkey-prod-" + SPEC_HASH);
    }

    @ParameterizedTest
    @CsvSource({
            "signkey-test-12345678,      signkey-test-",
            "signkey-branch-12345678,    signkey-branch-",
            "'  signkey-prod-12345678 ', signkey-prod-",
            // a key without prefix is hashed as it is
            "12345678,                   ''" })
    void thePrefixIsKeptAndOnlyTheHexPartIsHashed(String key, String prefix) {
        assertThat(SigningKey.parse(key, "signingKey").bearerToken()).isEqualTo(prefix + SPEC_HASH);
    }

    @ParameterizedTest
    @ValueSource(strings = { "signkey-prod-not-hex-s3cr3t", "signkey-prod-1234567", "signkey-prod-", "sk-inn-api-s3cr3tValue" })
    void aKeyThatIsNotHexIsRejectedWithoutShowingIt(String key) {
        assertThatThrownBy(() -> SigningKey.parse(key, "Option signingKey (or INNGEST_SIGNING_KEY)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Option signingKey (or INNGEST_SIGNING_KEY) is not a valid Inngest signing key:"
                            + " expected signkey-<env>-<hex>"); // the whole message: no part of the key
    }

    @Test
    void aBadFallbackKeyIsRejectedNamingItsOptionAndVariable() {
        assertThatThrownBy(() -> InngestClientConfig.builder().signingKey(SIGNING_KEY)
                .signingKeyFallback("signkey-prod-s3cr3t-but-not-hex").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signingKeyFallback").hasMessageContaining("INNGEST_SIGNING_KEY_FALLBACK")
                .message().doesNotContain("s3cr3t");
    }

    // ---------------------------------------------------------------------------------------------------------
    // The fallback signing key

    /** The Authorization headers WireMock received, oldest first. */
    private static List<String> authorizationHeaders() {
        List<String> headers = new ArrayList<>(
                INNGEST.getAllServeEvents().stream().map(ServeEvent::getRequest)
                        .map(LoggedRequest::getHeaders).map(h -> h.getHeader("Authorization").firstValue()).toList());
        Collections.reverse(headers); // WireMock lists newest first
        return headers;
    }

    private Exchange getRun(String options) {
        return call("inngest:getRun" + options, null, Map.of(InngestConstants.RUN_ID, RUN_ID));
    }

    @ParameterizedTest
    @CsvSource({ "401, Authentication failed", "403, Forbidden" })
    void onARejectedKeyTheFallbackKeyIsTriedOnceAndSucceeds(int status, String text) {
        INNGEST.stubFor(get(urlPathEqualTo(V2_RUN_PATH)).withHeader("Authorization", equalTo(HASHED_BEARER))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/plain; charset=utf-8")
                        .withBody(text + "\n")));
        INNGEST.stubFor(get(urlPathEqualTo(V2_RUN_PATH)).withHeader("Authorization", equalTo(FALLBACK_BEARER))
                .willReturn(okJson(V2_RUN_JSON)));

        Exchange exchange = getRun("?signingKeyFallback=" + FALLBACK_KEY);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(FunctionRun.class).runId()).isEqualTo(RUN_ID);
        assertThat(authorizationHeaders()).containsExactly(HASHED_BEARER, FALLBACK_BEARER);
    }

    @Test
    void afterTheFallbackKeyWorkedItGoesFirstAndThePrimaryIsTriedAgainWhenItStopsWorking() {
        INNGEST.stubFor(get(urlPathEqualTo(V2_RUN_PATH)).withHeader("Authorization", equalTo(HASHED_BEARER))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "text/plain; charset=utf-8")
                        .withBody(AUTHENTICATION_FAILED)));
        INNGEST.stubFor(get(urlPathEqualTo(V2_RUN_PATH)).withHeader("Authorization", equalTo(FALLBACK_BEARER))
                .willReturn(okJson(V2_RUN_JSON)));

        // rotation: the primary key is rejected, the fallback works, and from then on goes first
        assertThat(getRun("?signingKeyFallback=" + FALLBACK_KEY).getException()).isNull();
        assertThat(getRun("?signingKeyFallback=" + FALLBACK_KEY).getException()).isNull();
        assertThat(authorizationHeaders()).containsExactly(HASHED_BEARER, FALLBACK_BEARER, FALLBACK_BEARER);

        // the rotation ends: the old key is revoked, the new one became the primary
        INNGEST.resetAll();
        INNGEST.stubFor(get(urlPathEqualTo(V2_RUN_PATH)).withHeader("Authorization", equalTo(FALLBACK_BEARER))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "text/plain; charset=utf-8")
                        .withBody(AUTHENTICATION_FAILED)));
        INNGEST.stubFor(get(urlPathEqualTo(V2_RUN_PATH)).withHeader("Authorization", equalTo(HASHED_BEARER))
                .willReturn(okJson(V2_RUN_JSON)));
        assertThat(getRun("?signingKeyFallback=" + FALLBACK_KEY).getException()).isNull();
        assertThat(getRun("?signingKeyFallback=" + FALLBACK_KEY).getException()).isNull();
        assertThat(authorizationHeaders()).containsExactly(FALLBACK_BEARER, HASHED_BEARER, HASHED_BEARER);
    }

    @Test
    void withoutAFallbackKeyARejectedKeyIsNotRetried() {
        INNGEST.stubFor(get(urlPathEqualTo(V2_RUN_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "text/plain; charset=utf-8").withBody(AUTHENTICATION_FAILED)));

        Exchange exchange = getRun("");

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getStatus()).isEqualTo(401);
        assertThat(authorizationHeaders()).containsExactly(HASHED_BEARER);
    }

    @Test
    void whenBothKeysAreRejectedThereAreExactlyTwoRequests() {
        INNGEST.stubFor(get(urlPathEqualTo(V2_RUN_PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "text/plain; charset=utf-8").withBody(AUTHENTICATION_FAILED)));

        Exchange exchange = getRun("?signingKeyFallback=" + FALLBACK_KEY);

        InngestApiException e = exchange.getException(InngestApiException.class);
        assertThat(e).isNotNull();
        assertThat(e.getStatus()).isEqualTo(401);
        assertThat(e.getError()).isEqualTo("Authentication failed");
        assertThat(e.isRetryable()).isFalse();
        assertThat(authorizationHeaders()).containsExactly(HASHED_BEARER, FALLBACK_BEARER);
    }

    @Test
    void sendEventsUsesNoSigningKeySoARejectedEventKeyIsNotRetriedWithTheFallback() {
        INNGEST.stubFor(post("/e/" + EVENT_KEY).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody(EVENT_KEY_NOT_FOUND)));

        Exchange exchange = call("inngest:sendEvents?signingKeyFallback=" + FALLBACK_KEY,
                Map.of("name", "shop/order.created", "data", Map.of()), Map.of());

        assertThat(exchange.getException(InngestApiException.class)).isNotNull();
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/e/" + EVENT_KEY)).withoutHeader("Authorization"));
    }
}
