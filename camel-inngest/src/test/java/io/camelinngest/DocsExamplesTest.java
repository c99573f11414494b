package io.camelinngest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.NewEvent;
import io.camelinngest.model.RunStatus;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.camelinngest.ContractFixtures.EVENT_ID;
import static io.camelinngest.ContractFixtures.RUN_ID;
import static io.camelinngest.ContractFixtures.SEND_OK;
import static io.camelinngest.ContractFixtures.runJson;
import static io.camelinngest.ContractFixtures.runWith;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routes the documentation shows work: the README's first routes, in Java and in YAML, send an event and read a run
 * against the HTTP contract; every YAML route of the docs loads, and its {@code inngest:} endpoints accept their
 * options.
 */
class DocsExamplesTest extends InngestTestSupport {

    private static final Path ROOT = Path.of("..");
    private static final Pattern MARKDOWN_YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ASCIIDOC_YAML = Pattern.compile("\\[source,yaml]\\n----\\n(.*?)----", Pattern.DOTALL);

    /** The Java routes of README.md, "A first route", verbatim. */
    static class FirstRoutes extends RouteBuilder {
        @Override
        public void configure() {
            // send an event whose data is the order in the body (a Map); the body becomes the internal IDs of the events sent
            from("direct:orderCreated")
                    .setBody(exchange -> NewEvent.of("shop/order.created", exchange.getMessage().getBody(Map.class)))
                    .to("inngest:sendEvents")
                    .log("sent ${body}");

            // read a run: its status and output (run ID in header CamelInngestRunId)
            from("direct:runStatus")
                    .to("inngest:getRun")
                    .log("run ${body.runId} is ${body.status}: ${body.output}");
        }
    }

    @Test
    void theReadmeJavaRoutesSendAnEventAndReadARun() throws Exception {
        context.addRoutes(new FirstRoutes());
        sendsAnEventAndReadsARun();
    }

    @Test
    void theReadmeYamlRoutesSendAnEventAndReadARun() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String firstRoute = readme.substring(readme.indexOf("## A first route"));
        Matcher yaml = MARKDOWN_YAML.matcher(firstRoute);
        assertThat(yaml.find()).as("YAML block in README's first route").isTrue();
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("first-route.yaml", yaml.group(1)));
        sendsAnEventAndReadsARun();
    }

    private void sendsAnEventAndReadsARun() {
        INNGEST.stubFor(post("/e/" + EVENT_KEY).willReturn(aResponse().withBody(SEND_OK)));
        INNGEST.stubFor(get("/v1/runs/" + RUN_ID).willReturn(okJson(runJson(runWith("output", "{\"shipped\":true}")))));

        Exchange sent = call("direct:orderCreated", Map.of("orderId", 1234), Map.of());

        assertThat(sent.getException()).isNull();
        assertThat(sent.getMessage().getBody()).isEqualTo(List.of(EVENT_ID));
        assertThat(sent.getMessage().getHeader(InngestConstants.EVENT_IDS)).isEqualTo(List.of(EVENT_ID));
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/e/" + EVENT_KEY))
                .withHeader("x-inngest-event-id-seed", matching("\\d+,[A-Za-z0-9+/]{14}=="))
                .withoutHeader("Authorization")
                .withRequestBody(equalToJson("[{\"name\":\"shop/order.created\",\"data\":{\"orderId\":1234}}]")));

        Exchange read = call("direct:runStatus", null, Map.of(InngestConstants.RUN_ID, RUN_ID));

        assertThat(read.getException()).isNull();
        FunctionRun run = read.getMessage().getBody(FunctionRun.class);
        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(run.output()).isEqualTo(Map.of("shipped", true));
        // the log line of both routes reads the record's accessors through Simple
        String logLine = context.resolveLanguage("simple")
                .createExpression("run ${body.runId} is ${body.status}: ${body.output}").evaluate(read, String.class);
        assertThat(logLine).isEqualTo("run " + RUN_ID + " is Completed: {shipped=true}");
        // the checks the operation pages show
        assertThat(context.resolveLanguage("simple").createPredicate("${body.ended}").matches(read)).isTrue();
        assertThat(context.resolveLanguage("simple").createPredicate("${body.status} == 'Completed'").matches(read)).isTrue();
        INNGEST.verify(1, getRequestedFor(urlEqualTo("/v1/runs/" + RUN_ID))
                .withHeader("Authorization", equalTo(HASHED_BEARER)));
    }

    @Test
    void theReadmeRoutesSendAValidEventWhenTheOrderIsMissing() throws Exception {
        context.addRoutes(new FirstRoutes());
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        Matcher yaml = MARKDOWN_YAML.matcher(readme.substring(readme.indexOf("## A first route")));
        assertThat(yaml.find()).isTrue();
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("first-route.yaml",
                yaml.group(1).replace("direct:orderCreated", "direct:orderCreatedYaml").replace("direct:runStatus",
                        "direct:runStatusYaml")));
        INNGEST.stubFor(post("/e/" + EVENT_KEY).willReturn(aResponse().withBody(SEND_OK)));

        for (String uri : List.of("direct:orderCreated", "direct:orderCreatedYaml")) {
            Exchange sent = call(uri, null, Map.of());
            assertThat(sent.getException()).as(uri).isNull();
        }

        // no order: an event without data, valid JSON, for both routes
        INNGEST.verify(2, postRequestedFor(urlEqualTo("/e/" + EVENT_KEY))
                .withRequestBody(equalToJson("[{\"name\":\"shop/order.created\"}]")));
    }

    @Test
    void everyYamlRouteOfTheDocsLoadsAndItsInngestEndpointsAcceptTheirOptions() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Path doc : docs()) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Pattern blocks = doc.toString().endsWith(".adoc") ? ASCIIDOC_YAML : MARKDOWN_YAML;
            Matcher m = blocks.matcher(text);
            int n = 0;
            while (m.find()) {
                String name = ROOT.relativize(doc) + " YAML block " + ++n;
                if (m.group(1).contains("kind: Pipe")) {
                    // a Pipe binds catalog Kamelets (log-sink) that are not on this classpath: KameletsTest runs one
                    continue;
                }
                assertLoads(name, m.group(1));
                checked.add(name);
            }
        }
        assertThat(checked).as("YAML blocks found").hasSizeGreaterThan(15);
        assertThat(INNGEST.getAllServeEvents()).as("loading routes calls nothing").isEmpty();
    }

    /** Loads a YAML route into a context that creates its routes and endpoints but starts none of them. */
    private void assertLoads(String name, String yaml) throws Exception {
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            InngestComponent component = new InngestComponent();
            component.environment(variable -> null);
            component.getConfiguration().setBaseUrl(INNGEST.baseUrl());
            component.getConfiguration().setEventBaseUrl(INNGEST.baseUrl());
            // the keys a deployment takes from INNGEST_SIGNING_KEY / INNGEST_EVENT_KEY (without them, routes fail to start)
            component.getConfiguration().setSigningKey(SIGNING_KEY);
            component.getConfiguration().setEventKey(EVENT_KEY);
            ctx.addComponent("inngest", component);
            ctx.setAutoStartup(false);
            PluginHelper.getRoutesLoader(ctx).loadRoutes(ResourceHelper.fromString("doc.yaml", yaml));
            ctx.start();
            List<Route> routes = ctx.getRoutes();
            assertThat(routes).as(name).isNotEmpty();
            // a route served as a function (kamelet:inngest-function-source) has an inngest-function endpoint only
            assertThat(ctx.getEndpoints()).as(name + ": inngest endpoints")
                    .anySatisfy(e -> assertThat(e).isInstanceOfAny(InngestEndpoint.class, InngestFunctionEndpoint.class));
        } catch (Exception e) {
            throw new AssertionError(name + " does not load: " + e.getMessage() + "\n" + yaml, e);
        }
    }

    private static List<Path> docs() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        docs.add(ROOT.resolve("camel-inngest/src/main/docs/inngest-component.adoc"));
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        return docs;
    }
}
