package io.camelinngest;

import java.util.List;
import java.util.Map;

import io.camelinngest.client.InngestApiException;
import io.camelinngest.dsl.endpoint.EndpointBuilderFactory;
import io.camelinngest.model.FunctionRun;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.camelinngest.ContractFixtures.NEW_EVENT;
import static io.camelinngest.ContractFixtures.RUN_ID;
import static io.camelinngest.ContractFixtures.RUN_PATH;
import static io.camelinngest.ContractFixtures.SEND_OK;
import static io.camelinngest.ContractFixtures.runJson;
import static io.camelinngest.ContractFixtures.runWith;
import static io.camelinngest.dsl.endpoint.StaticEndpointBuilders.inngest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routes written with the generated Endpoint DSL ({@code io.camelinngest.dsl.InngestEndpointBuilderFactory}): the
 * builders make the same endpoints as URI strings, and messages through them make the right calls.
 */
class EndpointDslTest extends InngestTestSupport {

    /** The contract's run with a smaller output. */
    private static final String RUN_JSON = runJson(runWith("output", "{\"shipped\":true}"));

    /** Routes in the EndpointRouteBuilder style: the DSL's entry points mixed into a RouteBuilder. */
    static class InngestRoutes extends RouteBuilder implements EndpointBuilderFactory {
        @Override
        public void configure() {
            from("direct:run")
                    .to(inngest("getRun").runId(RUN_ID).advanced().maxRetries(1));
            from("direct:runFromHeader")
                    .setHeader(inngest().inngestRunId(), constant(RUN_ID))
                    .to(inngest("getRun").advanced().maxRetries(0));
            from("direct:send")
                    .to(inngest("sendEvents").eventKey("dsl-event-key").env("feature-x"));
        }
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new InngestRoutes();
    }

    @Test
    void aDslEndpointIsTheSameInstanceAsTheEquivalentUri() {
        Endpoint fromDsl = inngest("getRun").runId(RUN_ID).advanced().maxRetries(1).resolve(context);

        // the options in another order: Camel normalises the URI to the same endpoint
        assertThat(context.getEndpoint("inngest:getRun?maxRetries=1&runId=" + RUN_ID)).isSameAs(fromDsl);
        assertThat(context.getEndpoint("inngest://getRun?runId=" + RUN_ID + "&maxRetries=1")).isSameAs(fromDsl);
        // ... and it is the endpoint the route sends to: the route made no second getRun endpoint
        List<Endpoint> getRunEndpoints = context.getEndpoints().stream()
                .filter(e -> e instanceof InngestEndpoint i && i.getOperation() == InngestOperation.getRun
                        && RUN_ID.equals(i.getConfiguration().getRunId()))
                .toList();
        assertThat(getRunEndpoints).containsExactly(fromDsl);
        InngestConfiguration config = ((InngestEndpoint) fromDsl).getConfiguration();
        assertThat(config.getRunId()).isEqualTo(RUN_ID);
        assertThat(config.getMaxRetries()).isEqualTo(1);
    }

    @Test
    void aMessageThroughADslEndpointMakesTheCall() {
        INNGEST.stubFor(get(RUN_PATH).willReturn(okJson(RUN_JSON)));

        Exchange exchange = template.request("direct:run", e -> {
        });

        assertThat(exchange.getException()).isNull();
        FunctionRun run = exchange.getMessage().getBody(FunctionRun.class);
        assertThat(run.runId()).isEqualTo(RUN_ID);
        assertThat(run.output()).isEqualTo(Map.of("shipped", true));
        INNGEST.verify(1, getRequestedFor(urlEqualTo(RUN_PATH))
                .withHeader("Authorization", equalTo(HASHED_BEARER))
                .withHeader("Accept", equalTo("application/json")));
    }

    @Test
    void theDslOptionsTakeEffect() {
        INNGEST.stubFor(get(RUN_PATH).willReturn(aResponse().withStatus(503)));

        Exchange exchange = template.request("direct:run", e -> {
        });

        assertThat(exchange.getException()).isInstanceOf(InngestApiException.class);
        // maxRetries(1): the first request and one retry
        INNGEST.verify(2, getRequestedFor(urlEqualTo(RUN_PATH)));
    }

    @Test
    void theDslHeaderNamesAreTheComponentsHeaders() {
        INNGEST.stubFor(get(RUN_PATH).willReturn(okJson(RUN_JSON)));

        Exchange exchange = template.request("direct:runFromHeader", e -> {
        });

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(FunctionRun.class).runId()).isEqualTo(RUN_ID);
        INNGEST.verify(1, getRequestedFor(urlEqualTo(RUN_PATH)));
    }

    @Test
    void aSendThroughADslEndpointUsesItsEventKeyAndEnv() {
        INNGEST.stubFor(post("/e/dsl-event-key").willReturn(okJson(SEND_OK)));

        Exchange exchange = template.request("direct:send",
                e -> e.getMessage().setBody(NEW_EVENT));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(InngestConstants.EVENT_IDS))
                .isEqualTo(List.of("01JWNNSVKR5DW3DMHK620M933E"));
        INNGEST.verify(1, postRequestedFor(urlEqualTo("/e/dsl-event-key"))
                .withHeader("X-Inngest-Env", equalTo("feature-x"))
                .withRequestBody(equalToJson("[{\"name\":\"shop/order.created\",\"data\":{\"orderId\":1234}}]")));
    }
}
