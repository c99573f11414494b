package io.camelinngest.consumer;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.camelinngest.model.RunStatus;

/** Reads option {@code statuses}: a comma-separated list of run status names. */
public final class Statuses {

    private Statuses() {
    }

    /** Reads option statuses; empty when unset. */
    public static Set<RunStatus> parse(String value) {
        Set<RunStatus> statuses = EnumSet.noneOf(RunStatus.class);
        if (value == null || value.isBlank()) {
            return statuses;
        }
        for (String name : value.split(",")) {
            RunStatus status = RunStatus.fromName(name);
            if (status == RunStatus.UNRECOGNIZED || status == null) {
                throw new IllegalArgumentException(
                        "Option statuses holds an unknown run status '" + name.trim()
                                                   + "'; valid: " + Arrays.stream(RunStatus.values())
                                                           .filter(s -> s != RunStatus.UNRECOGNIZED)
                                                           .map(RunStatus::wireName).collect(Collectors.joining(", ")));
            }
            statuses.add(status);
        }
        return statuses;
    }
}
