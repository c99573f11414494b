package io.camelinngest.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import io.camelinngest.client.InngestApiException;

/**
 * A call the gateway could not complete, with the HTTP status the REST adapter answers and the JSON both ports show:
 * 400 for bad input (naming the parameter), 404 for what Inngest does not know, 502 when Inngest fails or cannot be
 * reached, 504 when it does not answer in time.
 */
public final class GatewayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String parameter;
    private final String operation;
    private final int inngestStatus;

    private GatewayException(int status, String code, String message, String parameter, String operation,
                             int inngestStatus) {
        super(message);
        this.status = status;
        this.code = code;
        this.parameter = parameter;
        this.operation = operation;
        this.inngestStatus = inngestStatus;
    }

    /** Bad input, found before anything was sent. */
    public static GatewayException badParameter(String parameter, String message) {
        return new GatewayException(400, "invalid_parameter", message, parameter, null, 0);
    }

    /** A request the gateway does not serve (path, method, media type). */
    public static GatewayException of(int status, String code, String message) {
        return new GatewayException(status, code, message, null, null, 0);
    }

    /**
     * A failure of the component: its message is shown as it is (it names the operation and never holds a key); the
     * status says whose fault it is.
     */
    public static GatewayException fromComponent(Throwable failure) {
        if (failure instanceof GatewayException e) {
            return e;
        }
        if (failure instanceof InngestApiException e) {
            int inngest = e.getStatus();
            int status;
            String code;
            if ("timeout".equals(e.getErrorCode()) || (inngest == 0 && isTimeout(e.getError()))) {
                status = 504;
                code = "inngest_timeout";
            } else if (inngest == 0) {
                status = 502;
                code = "inngest_unreachable";
            } else if (inngest == 404) {
                status = 404;
                code = "not_found";
            } else if (inngest == 400 || inngest == 422) {
                // Inngest refused what the caller sent (an event name, a body): the caller's to fix
                status = 400;
                code = "rejected_by_inngest";
            } else {
                // 401/403 (the gateway's own key), 429, 5xx: nothing the caller can fix
                status = 502;
                code = "inngest_error";
            }
            return new GatewayException(status, code, e.getMessage(), null, e.getOperation(), inngest);
        }
        if (failure instanceof IllegalArgumentException) {
            return new GatewayException(400, "invalid_input", failure.getMessage(), null, null, 0);
        }
        return new GatewayException(500, "internal_error", String.valueOf(failure.getMessage()), null, null, 0);
    }

    private static boolean isTimeout(String error) {
        return error != null && (error.startsWith("SocketTimeoutException") || error.contains("Timeout"));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The parameter to fix, or {@code null}. */
    public String parameter() {
        return parameter;
    }

    /** The JSON both ports show: status, error code, message, and what it concerns. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", status);
        json.put("error", code);
        json.put("message", getMessage());
        if (parameter != null) {
            json.put("parameter", parameter);
        }
        if (operation != null) {
            json.put("operation", operation);
        }
        if (inngestStatus != 0) {
            json.put("inngest_status", inngestStatus);
        }
        return json;
    }
}
