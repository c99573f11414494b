package io.camelinngest.function;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelinngest.InngestFunctionComponent;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code inngest-functions} dev console: the app (ID, serve URL, mode, last sync) and each served function with its
 * route, triggers and last calls. Shows whether keys are set, never a key.
 */
@DevConsole(name = "inngest-functions", displayName = "Inngest Functions",
            description = "Camel routes served as Inngest functions: the app's last sync and each function's last calls")
public class InngestFunctionsDevConsole extends AbstractDevConsole {

    public InngestFunctionsDevConsole() {
        super("camel", "inngest-functions", "Inngest Functions",
              "Camel routes served as Inngest functions: the app's last sync and each function's last calls");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> app = app();
        if (app == null) {
            return "No Inngest function is served\n";
        }
        app.forEach((key, value) -> {
            if (!key.equals("functions")) {
                sb.append(key).append(": ").append(value).append('\n');
            }
        });
        for (Object f : (List<?>) app.get("functions")) {
            Map<?, ?> fn = (Map<?, ?>) f;
            sb.append("Function: ").append(fn.get("id")).append(" (route ").append(fn.get("routeId")).append(")\n");
            sb.append("    triggers: ").append(fn.get("triggers")).append('\n');
            for (Object call : (List<?>) fn.get("lastCalls")) {
                sb.append("    ").append(call).append('\n');
            }
        }
        return sb.toString();
    }

    @Override
    protected JsonObject doCallJson(Map<String, Object> options) {
        Map<String, Object> app = app();
        return app == null ? new JsonObject() : new JsonObject(app);
    }

    private Map<String, Object> app() {
        if (!(getCamelContext().hasComponent("inngest-function") instanceof InngestFunctionComponent component)
                || component.serverIfStarted() == null) {
            return null;
        }
        FunctionServer server = component.serverIfStarted();
        ServeSettings s = server.settings();
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("appId", s.appId());
        app.put("serveUrl", s.serveUrl());
        app.put("mode", s.dev() ? "dev" : "cloud");
        app.put("apiOrigin", s.apiOrigin());
        app.put("signingKey", s.signingKey() == null ? "unset" : "set");
        AppSync.Outcome last = server.lastSync();
        app.put("lastSync",
                last == null ? "none yet" : (last.ok() ? "ok" : "FAILED") + " at " + last.at() + ": " + last.message());
        List<Map<String, Object>> functions = new ArrayList<>();
        for (InngestFunctionConsumer consumer : server.functions()) {
            Map<String, Object> fn = new LinkedHashMap<>();
            fn.put("id", consumer.compositeId());
            fn.put("routeId", consumer.getRouteId());
            FunctionOptions o = consumer.getEndpoint().getOptions();
            fn.put("triggers", o.getTrigger() != null ? o.getTrigger() : "cron " + o.getCron());
            List<String> calls = new ArrayList<>();
            for (InngestFunctionConsumer.Call call : consumer.lastCalls()) {
                calls.add(call.at() + " run " + call.runId() + " " + call.outcome()
                          + (call.error() == null ? "" : ": " + call.error()));
            }
            fn.put("lastCalls", calls);
            functions.add(fn);
        }
        app.put("functions", functions);
        return app;
    }
}
