package io.camelinngest.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.camelinngest.client.InngestJson;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;

/**
 * The REST adapter: one Rest DSL path per {@link GatewayOperation} on platform-http, each answered by the
 * {@link OperationInvoker}; errors as JSON with their status; the OpenAPI document at {@link #OPENAPI_PATH}. The bearer
 * token is checked before any of this runs ({@link RestSecurity}).
 */
public final class RestRoutes extends RouteBuilder {

    /** Where the OpenAPI document of the adapter is served. */
    public static final String OPENAPI_PATH = "/openapi.json";
    /** The name of the bearer security scheme in the OpenAPI document. */
    static final String SECURITY = "bearer";

    private final String version;
    private final GatewaySettings settings;

    public RestRoutes(String version, GatewaySettings settings) {
        this.version = version;
        this.settings = settings;
    }

    @Override
    public void configure() {
        OperationInvoker invoker = new OperationInvoker(getContext().createProducerTemplate());
        restConfiguration()
                .component("platform-http")
                // the adapter reads and writes JSON itself: a malformed body is a 400 naming it, and a body of another
                // type a 415 in the same JSON shape, not Camel's errors
                .bindingMode(RestBindingMode.off)
                .apiContextPath(OPENAPI_PATH)
                .apiContextRouteId("rest-openapi")
                // the server URL the OpenAPI document names (a free port, 0, is known only later)
                .host(settings.urlHost())
                .port(settings.restPort() == 0 ? null : Integer.toString(settings.restPort()))
                .apiProperty("api.title", "Inngest gateway (camel-inngest)")
                .apiProperty("api.version", version)
                .apiProperty("api.description", "The Inngest REST API capability served through the camel-inngest"
                                                + " component. Every path needs the gateway's bearer token.");
        rest().securityDefinitions()
                .bearerToken(SECURITY, "The gateway's own token (INNGEST_GATEWAY_TOKEN), on every path")
                .end();
        for (GatewayOperation operation : GatewayOperation.values()) {
            RestDefinition rest = rest().verb(operation.method().toLowerCase(), operation.path())
                    .id("rest-" + operation.toolName())
                    .routeId("rest-" + operation.toolName())
                    .description(operation.description())
                    .security(SECURITY)
                    .produces("application/json");
            boolean body = operation.params().stream().anyMatch(p -> p.in() == Param.In.BODY || p.in() == Param.In.FIELD);
            describeParams(rest, operation);
            answer(rest, 200, "The result" + (operation == GatewayOperation.SENDEVENTS
                    ? ": the IDs of the events, as Inngest answers" : ": {\"data\": ...}"),
                    operation == GatewayOperation.SENDEVENTS ? RestModels.Sent.class : RestModels.Data.class);
            error(rest, 400, "Bad input, naming the parameter");
            error(rest, 401, "Missing or wrong bearer token");
            error(rest, 404, "Inngest does not know it");
            error(rest, 405, "Another method than the path takes");
            if (body) {
                error(rest, 413, "A body over " + McpRequestGuard.MAX_BODY_BYTES + " bytes");
                error(rest, 415, "A body that is not JSON (Content-Type other than application/json or +json)");
            }
            error(rest, 502, "Inngest failed or could not be reached");
            error(rest, 503, "The gateway was started without the key this operation needs");
            error(rest, 504, "Inngest did not answer in time");
            rest.to("direct:rest-" + operation.toolName());
            from("direct:rest-" + operation.toolName())
                    .process(exchange -> answer(exchange, operation, invoker));
        }
    }

    private static void error(RestDefinition rest, int code, String message) {
        answer(rest, code, message, RestModels.Error.class);
    }

    private static void answer(RestDefinition rest, int code, String message, Class<?> model) {
        ResponseMessageDefinition answer = rest.responseMessage().code(code).message(message);
        // by binary name: Camel loads the model by name, and a nested class's canonical name does not load
        answer.setResponseModel(model.getName());
        answer.endResponseMessage();
    }

    private static void describeParams(RestDefinition rest, GatewayOperation operation) {
        StringBuilder fields = new StringBuilder();
        for (Param param : operation.params()) {
            switch (param.in()) {
                case PATH, QUERY -> rest.param().name(param.name())
                        .type(param.in() == Param.In.PATH ? RestParamType.path : RestParamType.query)
                        .dataType(param.kind().jsonType())
                        .required(param.required())
                        .description(param.description())
                        .endParam();
                case BODY -> {
                    rest.type(RestModels.Event.class.getName() + "[]");
                    rest.param().name(param.name()).type(RestParamType.body)
                            .required(true).description(param.description()).endParam();
                }
                case FIELD -> fields.append(fields.isEmpty() ? "" : "; ").append(param.name())
                        .append(param.required() ? " (required, " : " (").append(param.kind().jsonType()).append("): ")
                        .append(param.description());
            }
        }
        if (!fields.isEmpty()) {
            rest.type((operation == GatewayOperation.SENDSIGNAL ? RestModels.Signal.class : RestModels.Invocation.class)
                    .getName());
            rest.param().name("body").type(RestParamType.body)
                    .required(operation.params().stream().anyMatch(p -> p.in() == Param.In.FIELD && p.required()))
                    .description("A JSON object with the fields " + fields).endParam();
        }
    }

    private static void answer(Exchange exchange, GatewayOperation operation, OperationInvoker invoker)
            throws JsonProcessingException {
        Message message = exchange.getMessage();
        Map<String, Object> body;
        int status;
        try {
            body = invoker.invoke(operation, RestArguments.read(operation, message));
            status = 200;
        } catch (GatewayException e) {
            body = e.toJson();
            status = e.status();
        }
        // the request's headers (its Authorization among them) must not be echoed into the response
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(InngestJson.mapper().writeValueAsString(body));
    }

    /** The JSON body of a refusal made before any route runs (401, 404, 405). */
    static String errorJson(int status, String code, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("error", code);
        json.put("message", message);
        try {
            return InngestJson.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
