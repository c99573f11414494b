package io.camelinngest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.camelinngest.consumer.AbstractInngestConsumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Route;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonObject;

/**
 * The {@code inngest} dev console: each Inngest endpoint (URI with credentials masked, operation, target) and, for the
 * consumers, where they stand (state key, watermark, runs watched, failed polls).
 */
@DevConsole(name = "inngest", displayName = "Inngest", description = "Inngest endpoints and the position of the consumers")
public class InngestDevConsole extends AbstractDevConsole {

    public InngestDevConsole() {
        super("camel", "inngest", "Inngest", "Inngest endpoints and the position of the consumers");
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> endpoint : endpoints()) {
            sb.append("Endpoint: ").append(endpoint.get("uri")).append('\n');
            endpoint.forEach((key, value) -> {
                if (!key.equals("uri")) {
                    sb.append("    ").append(key).append(": ").append(value).append('\n');
                }
            });
        }
        return sb.toString();
    }

    @Override
    protected JsonObject doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        List<JsonObject> list = new ArrayList<>();
        for (Map<String, Object> endpoint : endpoints()) {
            JsonObject json = new JsonObject();
            endpoint.forEach((key, value) -> json.put(key, value instanceof Map<?, ?> m ? new JsonObject(castMap(m)) : value));
            list.add(json);
        }
        root.put("endpoints", list);
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private List<Map<String, Object>> endpoints() {
        Map<Endpoint, AbstractInngestConsumer> consumers = new LinkedHashMap<>();
        for (Route route : getCamelContext().getRoutes()) {
            if (route.getConsumer() instanceof AbstractInngestConsumer consumer) {
                consumers.put(route.getEndpoint(), consumer);
            }
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (Endpoint e : getCamelContext().getEndpoints()) {
            if (!(e instanceof InngestEndpoint endpoint)) {
                continue;
            }
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("uri", InngestEndpoint.sanitize(endpoint.getEndpointUri()));
            info.put("operation", endpoint.getOperation().name());
            info.put("target", endpoint.getServiceUrl());
            AbstractInngestConsumer consumer = consumers.get(endpoint);
            if (consumer != null) {
                info.put("routeId", consumer.getRouteId());
                info.put("stateKey", consumer.stateKey());
                info.put("failedPollsInARow", consumer.getErrorCounter());
                info.put("position", consumer.position());
            }
            result.add(info);
        }
        return result;
    }
}
