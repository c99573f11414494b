package io.camelinngest.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * Routes a request to its handler by HTTP method and path template ({@code /v1/runs/{id}/jobs}): the first route added
 * whose method and template match wins. A template's {@code {name}} segment matches any one non-empty segment; no
 * trailing slash matches (as on the server, {@code /v1/events/} is not {@code /v1/events}). What no route matches goes
 * to the fallback of its first path segment ({@code v1}, {@code v2}) given with {@link #fallback}, or else to the
 * default fallback.
 */
final class Router {

    /** Any method. */
    static final String ANY = "*";

    private record Route(String method, String[] segments, Function<FakeRequest, ResponseDefinition> handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final Map<String, Function<FakeRequest, ResponseDefinition>> fallbacks = new HashMap<>();
    private final Function<FakeRequest, ResponseDefinition> defaultFallback;

    Router(Function<FakeRequest, ResponseDefinition> defaultFallback) {
        this.defaultFallback = defaultFallback;
    }

    Router route(String method, String template, Function<FakeRequest, ResponseDefinition> handler) {
        routes.add(new Route(method, split(template), handler));
        return this;
    }

    /** What answers a path whose first segment is {@code firstSegment} (e.g. {@code v1}) that no route matches. */
    Router fallback(String firstSegment, Function<FakeRequest, ResponseDefinition> handler) {
        fallbacks.put(firstSegment, handler);
        return this;
    }

    ResponseDefinition dispatch(Request request) {
        String method = request.getMethod().getName();
        String url = request.getUrl();
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        String[] segments = split(path);
        for (Route route : routes) {
            if (route.method().equals(ANY) || route.method().equals(method)) {
                Map<String, String> params = match(route.segments(), segments);
                if (params != null) {
                    return route.handler().apply(new FakeRequest(request, params));
                }
            }
        }
        return fallbacks.getOrDefault(segments[0], defaultFallback).apply(new FakeRequest(request, Map.of()));
    }

    /** The segments of a path; an empty segment (a double or trailing slash) stays, so it matches no template. */
    private static String[] split(String path) {
        return (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
    }

    /** The template's variables and their values when the path matches it, else null. */
    private static Map<String, String> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params;
    }
}
