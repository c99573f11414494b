package io.camelinngest;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.support.PluginHelper;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A signing key, a fallback key and an event key on one URI, and Camel's own log at DEBUG: endpoint creation, the route
 * dump, route start, producers, consumers and their thread pools, the error handler's exhausted delivery with its
 * message history; and the route dumps as YAML and XML that JMX and the dev consoles ask for. Wherever Camel shows the
 * endpoint or the route, no key is shown, with one exception that is Camel 4.18's: its two DEBUG lines about the URI
 * before the endpoint exists go through {@code URISupport.sanitizeUri}, which applies the keywords it is given with
 * {@code replaceFirst}, so they mask the first key of the URI only. Keys given as {@code #property:} references never
 * enter a URI, so no line shows them but the one where Camel's properties parser says at DEBUG which value it found for
 * a property (it does so for every property of every component).
 */
class KeyMaskingLogTest extends InngestTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(KeyMaskingLogTest.class);

    private static final String SIGNING = "signkey-test-deadbeefcafef00d";
    private static final String FALLBACK = "signkey-test-f00dfeedfacecafe";
    private static final String EVENT = "fake-event-key-do-not-leak";
    private static final String KEYS = "signingKey=" + SIGNING + "&signingKeyFallback=" + FALLBACK + "&eventKey=" + EVENT;
    private static final List<String> SECRETS = List.of(SIGNING, "deadbeefcafef00d", FALLBACK, "f00dfeedfacecafe", EVENT);

    @Override
    public boolean isUseRouteBuilder() {
        return false;
    }

    @Override
    protected void configure(InngestConfiguration config) {
        config.setSigningKey(null);
        config.setEventKey(null);
        config.setMaxRetries(0);
    }

    /** Camel's two DEBUG lines about a URI before its endpoint exists (see the class comment). */
    private static boolean isCamelsUriBeforeTheEndpoint(LogLines.Line line) {
        return line.message().startsWith("Creating endpoint uri=[inngest:")
                || line.message().startsWith("inngest:") && line.message().contains(" converted to endpoint: ");
    }

    /**
     * Camel's properties parser logs the value of every property it resolves at DEBUG, unmasked, for any component
     * (logger org.apache.camel.component.properties); a placeholder and a #property: reference alike.
     */
    private static boolean isCamelsPropertyResolution(LogLines.Line line) {
        return line.logger().equals("org.apache.camel.component.properties.DefaultPropertiesParser")
                && line.message().startsWith("Found property: inngest.");
    }

    @Test
    void camelsOwnDebugLogAndRouteDumpsShowNoKeyOfAUriWithThreeKeys() throws Exception {
        Capture capture = runRoutesWith(KEYS);

        List<LogLines.Line> beforeTheEndpoint = capture.lines.stream()
                .filter(KeyMaskingLogTest::isCamelsUriBeforeTheEndpoint).toList();
        assertThat(beforeTheEndpoint).as("Camel's lines before the endpoint exists").hasSize(4)
                .allSatisfy(line -> assertThat(line.message()).contains("eventKey=xxxxxx").doesNotContain(EVENT));
        for (LogLines.Line line : capture.lines) {
            String text = line.message() + (line.thrown() == null ? "" : String.valueOf(line.thrown()));
            if (!beforeTheEndpoint.contains(line)) {
                assertThat(SECRETS).as(line.toString()).noneMatch(text::contains);
            }
        }
        for (String dump : capture.dumps) {
            assertThat(SECRETS).as(dump).noneMatch(dump::contains);
            assertThat(dump).contains("xxxxxx");
        }
        LOG.info("MASK-LOG: lines={} camelsLinesBeforeTheEndpoint={} dumps={}", capture.lines.size(),
                beforeTheEndpoint.size(), capture.dumps.size());
    }

    @Test
    void keysGivenAsPropertyReferencesAppearInNoLineAndNoDump() throws Exception {
        context.getPropertiesComponent().addInitialProperty("inngest.signing-key", SIGNING);
        context.getPropertiesComponent().addInitialProperty("inngest.signing-key-fallback", FALLBACK);
        context.getPropertiesComponent().addInitialProperty("inngest.event-key", EVENT);

        Capture capture = runRoutesWith("signingKey=#property:inngest.signing-key"
                                        + "&signingKeyFallback=#property:inngest.signing-key-fallback"
                                        + "&eventKey=#property:inngest.event-key");

        String hashed = "Bearer signkey-test-" + HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex("deadbeefcafef00d")));
        assertThat(INNGEST.getAllServeEvents()).as("the references were resolved: the calls carry the signing key")
                .isNotEmpty().allSatisfy(call -> assertThat(call.getRequest().getHeader("Authorization")).isEqualTo(hashed));
        for (LogLines.Line line : capture.lines) {
            String text = line.message() + (line.thrown() == null ? "" : String.valueOf(line.thrown()));
            if (!isCamelsPropertyResolution(line)) {
                assertThat(SECRETS).as(line.toString()).noneMatch(text::contains);
            }
        }
        for (String dump : capture.dumps) {
            assertThat(SECRETS).as(dump).noneMatch(dump::contains);
            assertThat(dump).contains("#property:inngest.signing-key");
        }
    }

    @Test
    void theContextsSensitiveKeywordsKeepWhatTheUserSetAndAddTheKeyOptions() throws Exception {
        context.getCamelContextExtension().setAdditionalSensitiveKeywords("myToken");
        context.start();

        assertThat(context.getCamelContextExtension().getAdditionalSensitiveKeywords())
                .isEqualTo("myToken,signingKey,signingKeyFallback,eventKey");
        assertThat(org.apache.camel.util.URISupport.sanitizeUri("foo:bar?myToken=abc")).isEqualTo("foo:bar?myToken=xxxxxx");
        assertThat(org.apache.camel.util.URISupport.sanitizeUri("inngest:getRun?eventKey=abc"))
                .isEqualTo("inngest:getRun?eventKey=xxxxxx");
    }

    private record Capture(List<LogLines.Line> lines, List<String> dumps) {
    }

    /**
     * A getRun route that fails on a 500 and a newEvents consumer whose poll fails, with the given key options, the
     * route dump at start and message history on; also the routes dumped as YAML (as written and with URI parameters)
     * and as XML, as JMX and the dev consoles ask for them.
     */
    private Capture runRoutesWith(String keys) throws Exception {
        INNGEST.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("boom")));
        try (LogLines log = LogLines.capture(
                Map.of("org.apache.camel", Level.DEBUG, "io.camelinngest", Level.DEBUG, "org.apache.hc", Level.INFO),
                Map.of("org.apache.camel", Level.INFO, "io.camelinngest", Level.DEBUG, "org.apache.hc", Level.INFO))) {
            context.setDumpRoutes("yaml");
            context.setMessageHistory(true);
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:run").routeId("run")
                            .to("inngest:getRun?runId=01JWNNSVKR5DW3DMHK620M933E&" + keys);
                    from("inngest:newEvents?delay=60000&initialDelay=0&" + keys).routeId("events")
                            .to("log:events");
                }
            });
            context.start();
            Exchange failed = template.send("direct:run", e -> e.getMessage().setBody("x"));
            await().until(() -> context.getRoute("events").getConsumer() != null
                    && ((org.apache.camel.support.ScheduledPollConsumer) context.getRoute("events").getConsumer())
                            .getErrorCounter()
                       > 0);
            List<String> dumps = new ArrayList<>();
            for (RouteDefinition route : context.getCamelContextExtension().getContextPlugin(Model.class)
                    .getRouteDefinitions()) {
                dumps.add(PluginHelper.getModelToYAMLDumper(context).dumpModelAsYaml(context, route));
                dumps.add(PluginHelper.getModelToYAMLDumper(context).dumpModelAsYaml(context, route, true, true, false,
                        false));
                dumps.add(PluginHelper.getModelToXMLDumper(context).dumpModelAsXml(context, route));
            }
            context.stop();

            List<LogLines.Line> lines = log.lines();
            lines.forEach(line -> LOG.info("MASK-LOG: {}", line));
            dumps.forEach(dump -> LOG.info("MASK-DUMP: {}", dump));
            assertThat(failed.getException()).isNotNull();
            assertThat(lines).as("Camel dumped the routes").anySatisfy(line -> assertThat(line.logger())
                    .isEqualTo("org.apache.camel.impl.DefaultDumpRoutesStrategy"));
            assertThat(lines).anySatisfy(line -> assertThat(line.message()).startsWith("Starting producer: Producer[")
                    .contains("signingKey=xxxxxx", "signingKeyFallback=xxxxxx", "eventKey=xxxxxx"));
            assertThat(lines).anySatisfy(line -> assertThat(line.message()).startsWith("Starting consumer: Consumer[")
                    .contains("signingKey=xxxxxx", "signingKeyFallback=xxxxxx", "eventKey=xxxxxx"));
            assertThat(lines).anySatisfy(line -> assertThat(line.message()).contains("Message History"));
            assertThat(dumps).hasSize(6).allSatisfy(dump -> assertThat(dump).contains("inngest"));
            return new Capture(lines, dumps);
        }
    }
}
