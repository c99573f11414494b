package io.camelinngest.gateway;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What the MCP port accepts before the SDK's transport sees a request (after the token check): a protocol version it
 * speaks, and for a POST one JSON-RPC message of at most {@link #MAX_BODY_BYTES} in valid UTF-8 with
 * {@code Content-Type: application/json}. The SDK would read the first of two documents and drop the rest, replace bad
 * UTF-8, never answer a {@code tools/call} whose {@code arguments} is not an object, and keep a client name of any size
 * in its session: those are answered here, as JSON-RPC errors.
 */
final class McpRequestGuard implements Filter {

    /** The largest request body accepted (the REST port's limit too). */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** The longest {@code clientInfo} name, title or version accepted. */
    static final int MAX_CLIENT_INFO = 256;

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int INVALID_PARAMS = -32602;

    private final List<String> protocolVersions;

    McpRequestGuard(List<String> protocolVersions) {
        this.protocolVersions = List.copyOf(protocolVersions);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;
        String version = http.getHeader("MCP-Protocol-Version");
        if (version != null && !protocolVersions.contains(version.trim())) {
            refuse(answer, 400, null, INVALID_REQUEST, "Unsupported MCP-Protocol-Version; this server speaks "
                                                       + String.join(", ", protocolVersions));
            return;
        }
        if (!"POST".equals(http.getMethod())) {
            if ("GET".equals(http.getMethod()) || "DELETE".equals(http.getMethod())) {
                chain.doFilter(request, response);
            } else {
                answer.setHeader("Allow", "POST, GET, DELETE");
                answer.setStatus(405);
                answer.setContentType("application/json");
                answer.getOutputStream().write(JsonErrorHandler.json(405).getBytes(StandardCharsets.UTF_8));
            }
            return;
        }
        if (!isJson(http.getContentType())) {
            refuse(answer, 415, null, INVALID_REQUEST, "Content-Type must be application/json");
            return;
        }
        byte[] body = readAtMost(http.getInputStream(), MAX_BODY_BYTES);
        if (body == null) {
            refuse(answer, 413, null, INVALID_REQUEST, "The request body is larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        JsonNode message;
        try {
            message = StrictJson.read(body);
        } catch (StrictJson.Refused e) {
            refuse(answer, 400, null, PARSE_ERROR, e.getMessage());
            return;
        }
        if (message == null || !message.isObject()) {
            refuse(answer, 400, null, INVALID_REQUEST, message != null && message.isArray()
                    ? "JSON-RPC batches are not supported: send one message per request"
                    : "The body must be one JSON-RPC message (a JSON object)");
            return;
        }
        String refusal = refusal(message);
        if (refusal != null) {
            // an answer to the request itself, so the client does not wait for one that never comes
            refuse(answer, 200, id(message), INVALID_PARAMS, refusal);
            return;
        }
        chain.doFilter(new CachedBody(http, body), response);
    }

    /** Why a well-formed message is refused, or {@code null}. */
    private static String refusal(JsonNode message) {
        String method = message.path("method").asText("");
        JsonNode params = message.path("params");
        if (method.equals("tools/call") && params.has("arguments") && !params.get("arguments").isObject()
                && !params.get("arguments").isNull()) {
            return "params.arguments must be a JSON object";
        }
        if (method.equals("initialize")) {
            for (String field : List.of("name", "title", "version")) {
                JsonNode value = params.path("clientInfo").path(field);
                if (value.isTextual() && (value.asText().length() > MAX_CLIENT_INFO
                        || value.asText().chars().anyMatch(Character::isISOControl))) {
                    return "params.clientInfo." + field + " must be at most " + MAX_CLIENT_INFO
                           + " characters, without control characters";
                }
            }
        }
        return null;
    }

    private static Object id(JsonNode message) {
        JsonNode id = message.get("id");
        if (id == null || id.isNull()) {
            return null;
        }
        return id.isNumber() ? id.numberValue() : id.asText();
    }

    private static boolean isJson(String contentType) {
        return contentType != null
                && contentType.split(";")[0].trim().equalsIgnoreCase("application/json");
    }

    /** The bytes of the stream, or {@code null} when there are more than {@code limit}. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }

    static void refuse(HttpServletResponse answer, int status, Object id, int code, String message) throws IOException {
        Map<String, Object> envelope = McpWireMapper.errorEnvelope(id, code, message);
        answer.setStatus(status);
        answer.setContentType("application/json");
        answer.getOutputStream().write(StrictJson.mapper().writeValueAsBytes(envelope));
    }

    /** The request with its body read once, here, and served again to the transport. */
    private static final class CachedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
