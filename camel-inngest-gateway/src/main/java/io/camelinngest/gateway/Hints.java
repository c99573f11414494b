package io.camelinngest.gateway;

/**
 * The MCP tool hints of an operation (advisory for clients, never authorization).
 */
public record Hints(boolean readOnly, boolean destructive, boolean idempotent) {

    /** A read: changes nothing, so asking twice is harmless. */
    static final Hints READ = new Hints(true, false, true);

    /** A write that adds something (an event, a run, a resumption) and removes nothing; each call acts again. */
    static final Hints ADDS = new Hints(false, false, false);
}
