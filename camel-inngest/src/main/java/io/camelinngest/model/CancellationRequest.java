package io.camelinngest.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A request to cancel, in bulk, the runs of one function that started in a time window.
 *
 * @param appId         the app ID (required)
 * @param functionId    the function ID within the app (required)
 * @param startedBefore cancel runs started before this instant (required; not more than a few seconds ahead)
 * @param startedAfter  cancel runs started after this instant (optional)
 * @param condition     a CEL expression a run must match ({@code if}; optional)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CancellationRequest(
        @JsonProperty("app_id") @JsonAlias("appId") String appId,
        @JsonProperty("function_id") @JsonAlias("functionId") String functionId,
        @JsonProperty("started_before") @JsonAlias("startedBefore") Instant startedBefore,
        @JsonProperty("started_after") @JsonAlias("startedAfter") Instant startedAfter,
        @JsonProperty("if") @JsonAlias("condition") String condition) {
}
