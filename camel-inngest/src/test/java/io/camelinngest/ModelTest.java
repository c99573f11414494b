package io.camelinngest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camelinngest.client.InngestJson;
import io.camelinngest.model.FunctionRun;
import io.camelinngest.model.InngestEvent;
import io.camelinngest.model.InngestFunction;
import io.camelinngest.model.RunStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The model records and {@link RunStatus} as the component's JSON mapper reads the server's JSON. */
class ModelTest {

    private static final ObjectMapper JSON = InngestJson.mapper();

    private static final Map<String, RunStatus> V1_NAMES = new LinkedHashMap<>();

    static {
        V1_NAMES.put("Running", RunStatus.RUNNING);
        V1_NAMES.put("Completed", RunStatus.COMPLETED);
        V1_NAMES.put("Failed", RunStatus.FAILED);
        V1_NAMES.put("Cancelled", RunStatus.CANCELLED);
        V1_NAMES.put("Overflowed", RunStatus.OVERFLOWED);
        V1_NAMES.put("Scheduled", RunStatus.SCHEDULED);
        V1_NAMES.put("Unknown", RunStatus.UNKNOWN);
        V1_NAMES.put("Skipped", RunStatus.SKIPPED);
    }

    private static FunctionRun run(String status, String runStartedAt) throws Exception {
        return JSON.readValue("""
                {"run_id":"01JWNNSWC44J3CY2ENV158DQX8","run_started_at":"%s",
                 "function_id":"3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c","function_version":0,
                 "environment_id":"00000000-0000-4000-b000-000000000000","event_id":"01JWNNSVKR5DW3DMHK620M933E",
                 "status":"%s","ended_at":null}""".formatted(runStartedAt, status), FunctionRun.class);
    }

    @Test
    void everyV1StatusNameMapsToItsConstantAndBack() throws Exception {
        assertThat(V1_NAMES).hasSize(8);
        for (Map.Entry<String, RunStatus> e : V1_NAMES.entrySet()) {
            assertThat(RunStatus.fromName(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(run(e.getKey(), "2025-06-01T12:00:00Z").status()).as(e.getKey()).isEqualTo(e.getValue());
            // written back as the server spells it
            assertThat(JSON.writeValueAsString(e.getValue())).isEqualTo("\"" + e.getKey() + "\"");
        }
    }

    @Test
    void theV2NamesMapToo() throws Exception {
        // v2 folds Scheduled, Skipped, Unknown and Overflowed into QUEUED
        assertThat(RunStatus.fromName("QUEUED")).isEqualTo(RunStatus.SCHEDULED);
        assertThat(run("QUEUED", "2025-06-01T12:00:00Z").status()).isEqualTo(RunStatus.SCHEDULED);
        assertThat(RunStatus.fromName("RUNNING")).isEqualTo(RunStatus.RUNNING);
        assertThat(RunStatus.fromName("COMPLETED")).isEqualTo(RunStatus.COMPLETED);
        assertThat(RunStatus.fromName("FAILED")).isEqualTo(RunStatus.FAILED);
        assertThat(RunStatus.fromName("CANCELLED")).isEqualTo(RunStatus.CANCELLED);
    }

    @Test
    void anUnknownStatusNameIsUnrecognizedAndDoesNotBreakParsing() throws Exception {
        assertThat(RunStatus.fromName("Paused")).isEqualTo(RunStatus.UNRECOGNIZED);
        FunctionRun run = run("Paused", "2025-06-01T12:00:00Z");
        assertThat(run.status()).isEqualTo(RunStatus.UNRECOGNIZED);
        assertThat(run.isEnded()).isFalse();
        assertThat(RunStatus.fromName(null)).isNull();
    }

    @Test
    void exactlyTheServersEndedStatusesAreTerminal() {
        EnumSet<RunStatus> terminal = EnumSet.noneOf(RunStatus.class);
        Arrays.stream(RunStatus.values()).filter(RunStatus::isTerminal).forEach(terminal::add);

        assertThat(terminal).containsExactlyInAnyOrder(RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED,
                RunStatus.OVERFLOWED, RunStatus.SKIPPED);
    }

    @Test
    void fieldsTheModelDoesNotKnowAreIgnored() throws Exception {
        InngestEvent event = JSON.readValue("""
                {"internal_id":"01JWNNSVKR5DW3DMHK620M933E","account_id":"5b2c9e3a-7a1d-4c0e-9f21-3c4d5e6f7a8b",
                 "environment_id":"c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b","source":"key","source_id":null,
                 "received_at":"2025-06-01T12:00:00.131Z","name":"shop/order.created","data":{"orderId":1234},
                 "ts":1748779200120,"future_field":{"nested":[1,2,3]},"another":"x"}""", InngestEvent.class);

        assertThat(event.internalId()).isEqualTo("01JWNNSVKR5DW3DMHK620M933E");
        assertThat(event.name()).isEqualTo("shop/order.created");
        assertThat(event.data()).isEqualTo(Map.of("orderId", 1234));
        assertThat(event.id()).isNull();
        assertThat(event.v()).isNull();

        FunctionRun run = JSON.readValue("""
                {"run_id":"01JWNNSWC44J3CY2ENV158DQX8","run_started_at":"2025-06-01T12:00:00.9Z",
                 "function_id":"3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c","function_version":3,
                 "environment_id":"c1a2b3c4-d5e6-4f70-8a9b-0c1d2e3f4a5b","event_id":"01JWNNSVKR5DW3DMHK620M933E",
                 "batch_id":"01JWNNSVY2QJKQF8V4PP8H0ESP","status":"Failed","ended_at":"2025-06-01T12:00:01.734Z",
                 "output":{"name":"Error","message":"boom"},"span_id":"abc","trace":{"x":1}}""", FunctionRun.class);

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.batchId()).isEqualTo("01JWNNSVY2QJKQF8V4PP8H0ESP");
        assertThat(run.output()).isEqualTo(Map.of("name", "Error", "message", "boom"));
        assertThat(run.originalRunId()).isNull();
        assertThat(run.cron()).isNull();
        assertThat(run.endedAt().toInstant()).isEqualTo(Instant.parse("2025-06-01T12:00:01.734Z"));
    }

    @Test
    void timesWithZOrAnOffsetAndZeroToNineFractionalDigitsParseToTheRightInstant() throws Exception {
        String digits = "123456789";
        for (int n = 0; n <= 9; n++) {
            String fraction = n == 0 ? "" : "." + digits.substring(0, n);
            int nanos = n == 0 ? 0 : Integer.parseInt(digits.substring(0, n)) * (int) Math.pow(10, 9 - n);
            Instant expected = Instant.parse("2025-06-01T12:00:00Z").plusNanos(nanos);

            OffsetDateTime utc = run("Running", "2025-06-01T12:00:00" + fraction + "Z").runStartedAt();
            OffsetDateTime plus = run("Running", "2025-06-01T14:00:00" + fraction + "+02:00").runStartedAt();
            OffsetDateTime minus = run("Running", "2025-06-01T04:30:00" + fraction + "-07:30").runStartedAt();

            assertThat(utc.toInstant()).as("Z with %d digits", n).isEqualTo(expected);
            assertThat(plus.toInstant()).as("+02:00 with %d digits", n).isEqualTo(expected);
            assertThat(minus.toInstant()).as("-07:30 with %d digits", n).isEqualTo(expected);
            // the offset is kept as the server sent it
            assertThat(plus.getOffset()).isEqualTo(ZoneOffset.ofHours(2));
            assertThat(minus.getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(-7, -30));
        }
    }

    @Test
    void goZeroTimeParses() throws Exception {
        InngestFunction function = JSON.readValue("""
                {"internal_id":"3f6a1c52-8d0b-5e1f-9a7c-2b4d6e8f0a1c","env_id":"00000000-0000-0000-0000-000000000000",
                 "app_id":"0c9d8e7f-6a5b-5c4d-8e3f-2a1b0c9d8e7f","id":"my-app-ship-order","name":"Ship order",
                 "config":{"triggers":[{"event":"shop/order.created"}]},
                 "created_at":"2025-05-30T09:12:44.5Z","archived_at":"0001-01-01T00:00:00Z"}""", InngestFunction.class);

        assertThat(function.archivedAt()).isEqualTo(OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(function.createdAt().toInstant()).isEqualTo(Instant.parse("2025-05-30T09:12:44.500Z"));
    }
}
