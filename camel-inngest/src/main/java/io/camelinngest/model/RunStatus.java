package io.camelinngest.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The status of a function run: the eight status names of the v1 API, plus {@link #UNRECOGNIZED} for a name this
 * version does not know (so a new server status never breaks parsing).
 * <p>
 * This enum is the one place that maps a status string to a status: v1 names ({@code Running}), v2 names
 * ({@code RUNNING}, {@code QUEUED}) and user input ({@code completed}) all go through {@link #fromName(String)}.
 */
public enum RunStatus {

    RUNNING("Running", false),
    COMPLETED("Completed", true),
    FAILED("Failed", true),
    CANCELLED("Cancelled", true),
    OVERFLOWED("Overflowed", true),
    SCHEDULED("Scheduled", false),
    UNKNOWN("Unknown", false),
    SKIPPED("Skipped", true),
    /** A status name this version of the component does not know. */
    UNRECOGNIZED("Unrecognized", false);

    private final String wireName;
    private final boolean terminal;

    RunStatus(String wireName, boolean terminal) {
        this.wireName = wireName;
        this.terminal = terminal;
    }

    /** The name as the v1 API spells it, e.g. {@code Completed}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether the server considers a run with this status ended: it will not change again. */
    public boolean isTerminal() {
        return terminal;
    }

    /**
     * Maps a status name to a status, case-insensitively. The v2 API's {@code QUEUED} (which stands for Scheduled,
     * Skipped, Unknown and Overflowed runs) maps to {@link #SCHEDULED}. Unknown names map to {@link #UNRECOGNIZED};
     * {@code null} maps to {@code null}.
     */
    @JsonCreator
    public static RunStatus fromName(String name) {
        if (name == null) {
            return null;
        }
        String normalized = name.trim().toUpperCase(Locale.ROOT);
        if ("QUEUED".equals(normalized)) {
            return SCHEDULED;
        }
        if ("CANCELED".equals(normalized)) {
            return CANCELLED;
        }
        for (RunStatus status : values()) {
            if (status != UNRECOGNIZED && status.name().equals(normalized)) {
                return status;
            }
        }
        return UNRECOGNIZED;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
