package io.camelinngest.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;

/**
 * The MCP SDK's JSON mapper, with two corrections to what the server writes on the wire:
 * <ul>
 * <li>the transport's own errors (unknown session, bad JSON, wrong {@code Accept}), which the SDK writes by serializing
 * the {@link McpError} exception itself, stack trace and all, become a JSON-RPC error object, code and message
 * only;</li>
 * <li>the initialize answer advertises what the server has, tools, and not the logging capability the SDK adds to every
 * server (the gateway sends no log messages to clients).</li>
 * </ul>
 */
final class McpWireMapper implements McpJsonMapper {

    /** Longer messages are cut: they may quote what the client sent. */
    private static final int MAX_MESSAGE = 300;

    private final McpJsonMapper delegate;

    McpWireMapper(McpJsonMapper delegate) {
        this.delegate = delegate;
    }

    /** A JSON-RPC error answer with no id (the request's is not known where the transport fails). */
    static Map<String, Object> errorEnvelope(Object id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message == null ? "error" : message.length() > MAX_MESSAGE
                ? message.substring(0, MAX_MESSAGE) + "..." : message);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("jsonrpc", "2.0");
        envelope.put("id", id);
        envelope.put("error", error);
        return envelope;
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        if (value instanceof McpSchema.JSONRPCResponse response && response.result() instanceof McpSchema.InitializeResult init
                && init.capabilities() != null && init.capabilities().logging() != null) {
            McpSchema.ServerCapabilities has = init.capabilities();
            McpSchema.ServerCapabilities shown = new McpSchema.ServerCapabilities(
                    has.completions(), has.experimental(), null,
                    has.prompts(), has.resources(), has.tools());
            return delegate.writeValueAsString(new McpSchema.JSONRPCResponse(
                    response.jsonrpc(), response.id(),
                    new McpSchema.InitializeResult(
                            init.protocolVersion(), shown, init.serverInfo(), init.instructions(),
                            init.meta()),
                    response.error()));
        }
        if (value instanceof McpError error) {
            var rpc = error.getJsonRpcError();
            return delegate.writeValueAsString(errorEnvelope(null, rpc == null ? -32603 : rpc.code(),
                    rpc == null ? "Internal error" : rpc.message()));
        }
        return delegate.writeValueAsString(value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return value instanceof McpError
                ? writeValueAsString(value).getBytes(StandardCharsets.UTF_8)
                : delegate.writeValueAsBytes(value);
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T convertValue(Object fromValue, Class<T> type) {
        return delegate.convertValue(fromValue, type);
    }

    @Override
    public <T> T convertValue(Object fromValue, TypeRef<T> type) {
        return delegate.convertValue(fromValue, type);
    }
}
