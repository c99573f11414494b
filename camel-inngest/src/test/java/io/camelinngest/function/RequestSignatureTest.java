package io.camelinngest.function;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The signature algorithm against the TypeScript SDK's own output: the expected values below were printed by
 * {@code signDataWithKey} of the npm package inngest 4.24.0 (the Dev Server test app's) for the same inputs.
 */
class RequestSignatureTest {

    private static final String KEY = "signkey-test-8ee2262a15e8d3c42d6a840db7af3de2aab08ef632b32a37a687f24b34dba3ff";
    private static final String FALLBACK = "signkey-test-0000000000000000000000000000000000000000000000000000000000000001";
    private static final String BODY
            = "{\"event\":{\"name\":\"shop/order.paid\",\"data\":{\"order\":\"1001\"}},\"ctx\":{\"run_id\":\"01ABC\"}}";
    private static final long T = 1705586504;

    @Test
    void signsAsTheTypeScriptSdkDoes() {
        assertThat(RequestSignature.sign(KEY, BODY, Long.toString(T)))
                .isEqualTo("0234f2d9e81a21fec7945b4b9a54f7524439377cd10d31abbb67c672f6bd9841");
        assertThat(RequestSignature.sign("signkey-prod-12345678", "", "1700000000"))
                .isEqualTo("189656184e486419febc1f6fd73e1c45bc8595c99633a32ebe1ea40ac8adf630");
    }

    @Test
    void aFreshSignatureVerifiesWithTheKeyOrItsFallback() {
        RequestSignature signature = at(T + 60);

        assertThat(signature.verify(header(KEY, BODY, T), BODY)).isEqualTo(KEY);
        assertThat(signature.verify(header(FALLBACK, BODY, T), BODY)).isEqualTo(FALLBACK);
    }

    @Test
    void aStaleForgedMissingOrMalformedSignatureIsRefusedWithoutShowingTheKey() {
        RequestSignature signature = at(T + 301);

        assertThatThrownBy(() -> signature.verify(header(KEY, BODY, T), BODY)).isInstanceOf(SecurityException.class)
                .hasMessageContaining("away from now");
        RequestSignature now = at(T);
        assertThatThrownBy(() -> now.verify(header(KEY, BODY, T), BODY.replace("1001", "9999")))
                .hasMessageContaining("does not match").hasMessageNotContaining("8ee2262a");
        assertThatThrownBy(() -> now.verify(null, BODY)).hasMessageContaining("no X-Inngest-Signature");
        assertThatThrownBy(() -> now.verify("s=abc", BODY)).hasMessageContaining("malformed");
        assertThatThrownBy(() -> new RequestSignature(null, null, Clock.systemUTC()).verify(header(KEY, BODY, T), BODY))
                .hasMessageContaining("no signing key");
        assertThat(now.toString()).doesNotContain("8ee2262a");
    }

    @Test
    void aResponseIsSignedWithTheKeyThatVerifiedTheRequest() {
        RequestSignature signature = at(T);

        String header = signature.header(FALLBACK, "{\"ok\":true}");

        assertThat(header).isEqualTo("t=" + T + "&s=" + RequestSignature.sign(FALLBACK, "{\"ok\":true}", Long.toString(T)));
    }

    @Test
    void theBearerTokenIsTheHashedKeyAsTheSpecShows() {
        // SDK spec 4.1.4
        assertThat(AppSync.bearer("signkey-prod-12345678"))
                .isEqualTo("signkey-prod-b2ed992186a5cb19f6668aade821f502c1d00970dfd0e35128d51bac4649916c");
    }

    private static RequestSignature at(long seconds) {
        return new RequestSignature(KEY, FALLBACK, Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC));
    }

    private static String header(String key, String body, long t) {
        return "t=" + t + "&s=" + RequestSignature.sign(key, body, Long.toString(t));
    }
}
