package io.camelinngest.state;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.support.service.ServiceSupport;

/**
 * A {@link SharedStateRepository} in this JVM's memory: {@link #newNode()} gives another node's view of the same keys,
 * with versions of its own, so that several CamelContexts of one JVM (tests, a demo of a fail-over) share a position
 * with the same stale-write refusal as a database. Lost when the JVM ends; stopping an instance forgets only what it
 * read, never the keys.
 */
public class MemorySharedStateRepository extends ServiceSupport implements SharedStateRepository {

    /** One key's value and the number of writes it had; the keys are shared by every node of one repository. */
    private record Versioned(String value, long version) {
    }

    private final Map<String, Versioned> table;
    /** The version of each key as this node last read or wrote it; 0 when there was none. */
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    public MemorySharedStateRepository() {
        this(new HashMap<>());
    }

    private MemorySharedStateRepository(Map<String, Versioned> table) {
        this.table = table;
    }

    /** Another node on the same keys, which has read nothing yet. */
    public MemorySharedStateRepository newNode() {
        return new MemorySharedStateRepository(table);
    }

    @Override
    public String getState(String key) {
        Versioned found;
        synchronized (table) {
            found = table.get(key);
        }
        versions.put(key, found == null ? 0 : found.version());
        return found == null ? null : found.value();
    }

    @Override
    public void setState(String key, String value) {
        setStates(Collections.singletonMap(key, value)); // singletonMap: a null value stays allowed
    }

    @Override
    public void setStates(Map<String, String> states) {
        Map<String, Long> written = new LinkedHashMap<>();
        synchronized (table) {
            for (String key : states.keySet()) {
                long expected = versions.getOrDefault(key, 0L);
                Versioned now = table.get(key);
                long found = now == null ? 0 : now.version();
                if (found != expected) {
                    throw new StaleStateException(key, "memory", expected, found);
                }
                written.put(key, expected + 1);
            }
            states.forEach((key, value) -> table.put(key, new Versioned(value, written.get(key))));
        }
        versions.putAll(written);
    }

    @Override
    protected void doStop() {
        versions.clear();
    }

    @Override
    public String toString() {
        return "MemorySharedStateRepository";
    }
}
