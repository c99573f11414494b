package io.camelinngest.client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import static io.camelinngest.client.ApiSupport.unexpected;

/**
 * Follows the pages of a v2 listing ({@code data}, and {@code page.hasMore} / {@code page.cursor}) to the end. A server
 * that hands back a cursor already followed would loop for ever: that answer fails as unexpected.
 */
final class Pages {

    private Pages() {
    }

    /**
     * The items of every page.
     *
     * @param first  the first page, already read
     * @param pageAt reads the page at a cursor
     */
    static List<JsonNode> all(String operation, JsonNode first, Function<String, JsonNode> pageAt) {
        List<JsonNode> items = new ArrayList<>();
        Set<String> followed = new HashSet<>();
        JsonNode json = first;
        while (true) {
            json.path("data").forEach(items::add);
            JsonNode page = json.path("page");
            String next = page.path("hasMore").asBoolean(false) ? page.path("cursor").asText(null) : null;
            if (next == null) {
                return items;
            }
            if (!followed.add(next)) {
                throw unexpected(operation, "a new page: the server returned a cursor already followed");
            }
            json = pageAt.apply(next);
        }
    }
}
