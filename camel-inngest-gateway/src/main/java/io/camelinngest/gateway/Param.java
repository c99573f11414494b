package io.camelinngest.gateway;

/**
 * One input of a gateway operation: where REST reads it, what it holds, and how MCP declares it.
 *
 * @param name        the name, the same on both ports (path segment, query parameter, body field, tool argument)
 * @param in          where the REST adapter reads it
 * @param kind        what it holds; decides the check made before anything is sent
 * @param description the description published in the MCP tool schema and the OpenAPI document
 * @param required    whether a call without it is refused
 */
public record Param(String name, In in, Kind kind, String description, boolean required) {

    /** Where the REST adapter reads a parameter. */
    public enum In {
        PATH,
        QUERY,
        /** the whole request body */
        BODY,
        /** a field of the JSON object in the request body */
        FIELD
    }

    /** What a parameter holds. */
    public enum Kind {
        TEXT("string"),
        /** a 26-character ULID (event and run IDs) */
        ULID("string"),
        INTEGER("integer"),
        /** any JSON object */
        OBJECT("object"),
        /** one event object or an array of them */
        EVENTS("array");

        private final String jsonType;

        Kind(String jsonType) {
            this.jsonType = jsonType;
        }

        /** The JSON Schema type the MCP tool declares. */
        public String jsonType() {
            return jsonType;
        }
    }

    static Param path(String name, Kind kind, String description) {
        return new Param(name, In.PATH, kind, description, true);
    }

    static Param query(String name, Kind kind, String description) {
        return new Param(name, In.QUERY, kind, description, false);
    }

    static Param field(String name, Kind kind, String description, boolean required) {
        return new Param(name, In.FIELD, kind, description, required);
    }

    static Param body(String name, Kind kind, String description) {
        return new Param(name, In.BODY, kind, description, true);
    }
}
