package io.camelinngest.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's errors on the MCP port (unknown path, wrong method, malformed request, headers too large) in the gateway's
 * JSON error shape instead of an HTML page; no stack trace, no echo of the request.
 */
final class JsonErrorHandler extends ErrorHandler {

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected boolean generateAcceptableResponse(
            Request request, Response response, Callback callback, String contentType,
            List<Charset> charsets, int code, String message, Throwable cause) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(json(code).getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(json(status).getBytes(StandardCharsets.UTF_8));
    }

    static String json(int code) {
        String reason = HttpStatus.getMessage(code);
        String error = reason == null ? "error" : reason.toLowerCase().replaceAll("[^a-z0-9]+", "_");
        String message = switch (code) {
            case 404 -> "No such path: the MCP endpoint is " + McpHttpServer.PATH;
            case 405 -> "Method not allowed: MCP takes POST, GET and DELETE on " + McpHttpServer.PATH;
            case 413 -> "The request body is larger than " + McpRequestGuard.MAX_BODY_BYTES + " bytes";
            case 431 -> "The request headers are too large";
            default -> "The request was refused: " + (reason == null ? "HTTP " + code : reason);
        };
        return RestRoutes.errorJson(code, error, message);
    }
}
