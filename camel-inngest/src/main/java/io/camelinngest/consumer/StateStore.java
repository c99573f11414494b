package io.camelinngest.consumer;

import java.io.IOException;

import org.apache.camel.spi.StateRepository;

import io.camelinngest.client.InngestJson;

/** Reads and writes one consumer's position as JSON under its key in a Camel {@link StateRepository}. */
final class StateStore<T> {

    private final StateRepository<String, String> repository;
    private final String key;
    private final Class<T> type;
    private String lastSaved;

    StateStore(StateRepository<String, String> repository, String key, Class<T> type) {
        this.repository = repository;
        this.key = key;
        this.type = type;
    }

    /** The saved state, or {@code null} when nothing was saved under the key yet. */
    T load() {
        String json = repository.getState(key);
        lastSaved = json;
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return InngestJson.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("The state saved under stateKey '" + key + "' cannot be read (" + e.getMessage()
                                            + "); remove it from the state repository to start over", e);
        }
    }

    void save(T state) {
        try {
            String json = InngestJson.mapper().writeValueAsString(state);
            if (json.equals(lastSaved)) {
                return; // nothing moved: spare the repository a write (a FileStateRepository appends a line each time)
            }
            repository.setState(key, json);
            lastSaved = json;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the state under stateKey '" + key + "'", e);
        }
    }
}
