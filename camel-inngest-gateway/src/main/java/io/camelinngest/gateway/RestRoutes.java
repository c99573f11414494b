package io.camelinngest.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;

import io.camelinngest.client.InngestJson;

/**
 * The REST adapter: one Rest DSL path per {@link GatewayOperation} on platform-http, each answered by the
 * {@link OperationInvoker}; errors as JSON with their status; the OpenAPI document at {@link #OPENAPI_PATH}.
 * The bearer token is checked before any of this runs ({@link RestSecurity}).
 */
public final class RestRoutes extends RouteBuilder {

    /** Where the OpenAPI document of the adapter is served. */
    public static final String OPENAPI_PATH = "/openapi.json";

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
        for (GatewayOperation operation : GatewayOperation.values()) {
            RestDefinition rest = rest().verb(operation.method().toLowerCase(), operation.path())
                    .id("rest-" + operation.toolName())
                    .routeId("rest-" + operation.toolName())
                    .description(operation.description())
                    .produces("application/json");
            describeParams(rest, operation);
            rest.responseMessage().code(200).message("The result: {\"data\": ...}"
                                                     + (operation == GatewayOperation.SENDEVENTS ? " ({\"ids\": [...]})" : ""))
                    .endResponseMessage()
                    .responseMessage().code(400).message("Bad input, naming the parameter").endResponseMessage()
                    .responseMessage().code(401).message("Missing or wrong bearer token").endResponseMessage()
                    .responseMessage().code(404).message("Inngest does not know it").endResponseMessage()
                    .responseMessage().code(502).message("Inngest failed or could not be reached").endResponseMessage()
                    .responseMessage().code(504).message("Inngest did not answer in time").endResponseMessage()
                    .to("direct:rest-" + operation.toolName());
            from("direct:rest-" + operation.toolName())
                    .process(exchange -> answer(exchange, operation, invoker));
        }
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
                case BODY -> rest.param().name(param.name()).type(RestParamType.body)
                        .required(true).description(param.description()).endParam();
                case FIELD -> fields.append(fields.isEmpty() ? "" : "; ").append(param.name())
                        .append(param.required() ? " (required, " : " (").append(param.kind().jsonType()).append("): ")
                        .append(param.description());
            }
        }
        if (!fields.isEmpty()) {
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
