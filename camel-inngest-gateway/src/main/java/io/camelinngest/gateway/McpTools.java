package io.camelinngest.gateway;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.camelinngest.client.InngestJson;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;

/**
 * The MCP tools: one per {@link GatewayOperation}, with its name, description, parameters and hints, answered by the
 * {@link OperationInvoker}. A result is both structured JSON and the same JSON as text (for clients that read only
 * text); a failure is a tool error carrying the component's message, not a protocol error, so the agent can read it.
 */
final class McpTools {

    private McpTools() {
    }

    static List<SyncToolSpecification> specifications(OperationInvoker invoker) {
        return Arrays.stream(GatewayOperation.values())
                .map(operation -> SyncToolSpecification.builder()
                        .tool(tool(operation))
                        .callHandler((exchange, request) -> call(invoker, operation,
                                request.arguments() == null ? Map.of() : request.arguments()))
                        .build())
                .toList();
    }

    static Tool tool(GatewayOperation operation) {
        Hints hints = operation.hints();
        return Tool.builder()
                .name(operation.toolName())
                .description(operation.description())
                .inputSchema(inputSchema(operation))
                .annotations(new ToolAnnotations(null, hints.readOnly(), hints.destructive(), hints.idempotent(), null, null))
                .build();
    }

    private static Map<String, Object> inputSchema(GatewayOperation operation) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Param param : operation.params()) {
            Map<String, Object> property = new LinkedHashMap<>();
            property.put("type", param.kind().jsonType());
            property.put("description", param.description());
            if (param.kind() == Param.Kind.EVENTS) {
                property.put("minItems", 1);
                property.put("items", Map.of("type", "object",
                        "properties", Map.of(
                                "name", Map.of("type", "string", "description", "The event name, e.g. shop/order.paid"),
                                "data", Map.of("type", "object", "description", "The event's payload"),
                                "id", Map.of("type", "string", "description", "An ID for deduplication"),
                                "ts", Map.of("type", "integer", "description", "Milliseconds since the epoch")),
                        "required", List.of("name")));
            }
            properties.put(param.name(), property);
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        List<String> required = operation.params().stream().filter(Param::required).map(Param::name).toList();
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        // a misspelt argument is refused by name, not ignored
        schema.put("additionalProperties", false);
        return schema;
    }

    private static CallToolResult call(OperationInvoker invoker, GatewayOperation operation, Map<String, Object> arguments) {
        try {
            Map<String, Object> result = invoker.invoke(operation, arguments);
            return CallToolResult.builder().structuredContent(result).addTextContent(text(result)).build();
        } catch (GatewayException e) {
            return CallToolResult.builder().isError(true).addTextContent(e.getMessage()).structuredContent(e.toJson()).build();
        }
    }

    private static String text(Map<String, Object> result) {
        try {
            return InngestJson.mapper().writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
