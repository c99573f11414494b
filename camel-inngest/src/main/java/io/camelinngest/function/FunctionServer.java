package io.camelinngest.function;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelinngest.client.InngestJson;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's one serve path (SDK spec 4): a platform-http consumer that answers the server's sync (PUT), call (POST) and
 * introspection (GET) requests for every function route of the CamelContext. Outside dev mode it verifies each call's
 * signature before any route runs and signs its answers (SDK spec 4.1.3).
 */
public final class FunctionServer {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionServer.class);

    private final CamelContext camelContext;
    private final ServeSettings settings;
    private final String servePath;
    private final ObjectMapper json = InngestJson.mapper();
    private final Map<String, InngestFunctionConsumer> functions = new ConcurrentSkipListMap<>();
    private final AppSync sync = new AppSync(json);
    private final CallHandler calls = new CallHandler(json);
    private final RequestSignature signature;
    private Consumer httpConsumer;

    public FunctionServer(CamelContext camelContext, ServeSettings settings, String servePath) {
        this.camelContext = camelContext;
        this.settings = settings;
        this.servePath = servePath;
        this.signature = new RequestSignature(settings.signingKey(), settings.signingKeyFallback(), Clock.systemUTC());
    }

    public ServeSettings settings() {
        return settings;
    }

    public synchronized void register(InngestFunctionConsumer function) throws Exception {
        InngestFunctionConsumer before = functions.putIfAbsent(function.compositeId(), function);
        if (before != null && before != function) {
            throw new IllegalStateException(
                    "Function " + function.compositeId() + " is served by two routes ("
                                            + before.getRouteId() + " and " + function.getRouteId()
                                            + "): give each its own ID");
        }
        if (httpConsumer == null) {
            Endpoint endpoint = camelContext.getEndpoint("platform-http:" + servePath + "?httpMethodRestrict=GET,PUT,POST");
            httpConsumer = endpoint.createConsumer(this::handle);
            ServiceHelper.startService(httpConsumer);
            LOG.info("Serving Inngest functions of app {} on {}", settings.appId(), servePath);
        }
    }

    public synchronized void unregister(InngestFunctionConsumer function) {
        functions.remove(function.compositeId(), function);
        if (functions.isEmpty() && httpConsumer != null) {
            ServiceHelper.stopAndShutdownService(httpConsumer);
            httpConsumer = null;
        }
    }

    public Collection<InngestFunctionConsumer> functions() {
        return functions.values();
    }

    public AppSync.Outcome lastSync() {
        return sync.last();
    }

    /** Syncs the app's functions with the server now; the outcome is also kept for the health check. */
    public AppSync.Outcome syncNow(String deployId, String serverKind) {
        if (settings.serveUrl() == null) {
            AppSync.Outcome outcome = sync.refuse("cannot sync: the serve URL is unknown; set serveOrigin on the "
                                                  + "inngest-function component or the INNGEST_SERVE_ORIGIN variable");
            LOG.warn("Inngest app {}: {}", settings.appId(), outcome.message());
            return outcome;
        }
        List<Map<String, Object>> payload = new ArrayList<>();
        for (InngestFunctionConsumer f : functions.values()) {
            payload.add(f.definition(settings.serveUrl()));
        }
        AppSync.Outcome outcome = sync.sync(settings, payload, deployId, serverKind);
        if (outcome.ok()) {
            LOG.info("Inngest app {}: {}{}", settings.appId(), outcome.message(), outcome.modified() ? " (changed)" : "");
        } else {
            LOG.warn("Inngest app {}: {}", settings.appId(), outcome.message());
        }
        return outcome;
    }

    private void handle(Exchange exchange) throws Exception {
        Message in = exchange.getMessage();
        String method = in.getHeader(Exchange.HTTP_METHOD, String.class);
        String fnId = in.getHeader("fnId", String.class);
        String stepId = in.getHeader("stepId", String.class);
        String signatureHeader = in.getHeader("X-Inngest-Signature", String.class);
        String serverKind = in.getHeader("X-Inngest-Server-Kind", String.class);
        String deployId = in.getHeader("deployId", String.class);
        String body = in.getBody(String.class);
        CallResponse response;
        if ("POST".equals(method)) {
            response = call(fnId, stepId, signatureHeader, body == null ? "" : body);
        } else if ("PUT".equals(method)) {
            AppSync.Outcome outcome = syncNow(deployId, serverKind);
            response = CallResponse.of(outcome.ok() ? 200 : 500, json.writeValueAsString(
                    Map.of("message", outcome.message(), "modified", outcome.modified())));
        } else {
            response = CallResponse.of(200, json.writeValueAsString(new Introspection(settings, signature)
                    .answer(functions.size(), signatureHeader, body == null ? "" : body)));
        }
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, response.status());
        response.headers().forEach(in::setHeader);
        in.setBody(response.body());
    }

    private CallResponse call(String fnId, String stepId, String signatureHeader, String body) throws Exception {
        String usedKey = null;
        if (!settings.dev()) {
            try {
                usedKey = signature.verify(signatureHeader, body);
            } catch (SecurityException e) {
                LOG.warn("Refused a call request for function {}: {}", fnId, e.getMessage());
                return CallResponse.of(500, json.writeValueAsString(Map.of("error", "request refused: " + e.getMessage())));
            }
        }
        CallResponse response = dispatch(fnId, stepId, body);
        return usedKey == null ? response : response.with("X-Inngest-Signature", signature.header(usedKey, response.body()));
    }

    private CallResponse dispatch(String fnId, String stepId, String body) throws Exception {
        InngestFunctionConsumer function = fnId == null ? null : functions.get(fnId);
        if (function == null) {
            LOG.warn("Call request for function {}, which this app ({}) does not serve; it serves {}", fnId,
                    settings.appId(), functions.keySet());
            return CallResponse.of(500, json.writeValueAsString(Map.of("error", "function not found: " + fnId)));
        }
        CallRequest request;
        try {
            request = CallRequest.parse(json, body);
        } catch (IllegalArgumentException e) {
            LOG.warn("Call request for function {} refused: {}", fnId, e.getMessage());
            return CallResponse.of(500, json.writeValueAsString(Map.of("error", e.getMessage())));
        }
        if (request.useApi()) {
            // large payloads are fetched from the API (SDK spec 4.4.2): not done yet, so fail loudly and retriably
            LOG.warn("Function {} run {}: the server trimmed the call request (use_api), which this component does not "
                     + "fetch yet",
                    fnId, request.runId());
            return CallResponse.of(500, json.writeValueAsString(Map.of("error", "use_api payloads are not supported yet")))
                    .with("X-Inngest-No-Retry", "false");
        }
        return calls.call(function, request, stepId);
    }

    @Override
    public String toString() {
        return "FunctionServer[" + settings + ", path=" + servePath + "]";
    }
}
