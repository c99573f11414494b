package io.camelinngest.gateway;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tools the MCP server lists, read with the official MCP Java SDK client, against the capability file itself
 * (src/test/resources/capability, a copy of the capability the project started from): names, descriptions, input
 * parameters and hints as it declares them. Beyond it: the events of sendevents, and three more tools.
 */
class McpCapabilityTest extends GatewayTestSupport {

    /** What the gateway adds to a capability tool, and why: the capability's sendevents has no events to send. */
    private static final Map<String, Set<String>> ADDED_PARAMETERS = Map.of("sendevents", Set.of("events"));

    private static JsonNode capabilityTools;
    private static Map<String, Tool> served;

    @BeforeAll
    static void listTools() throws Exception {
        try (InputStream in = McpCapabilityTest.class.getResourceAsStream("/capability/inngest-capability.yaml")) {
            JsonNode capability = new ObjectMapper(new YAMLFactory()).readTree(in);
            for (JsonNode exposed : capability.path("capability").path("exposes")) {
                if (exposed.path("type").asText().equals("mcp")) {
                    capabilityTools = exposed.path("tools");
                }
            }
        }
        try (McpSyncClient client = mcpClient("Bearer " + TOKEN)) {
            client.initialize();
            served = client.listTools().tools().stream().collect(Collectors.toMap(Tool::name, Function.identity()));
        }
    }

    @Test
    void theCapabilityFileDeclaresTheEightTools() {
        List<String> names = new ArrayList<>();
        capabilityTools.forEach(t -> names.add(t.path("name").asText()));

        assertThat(names).containsExactly("sendevents", "listevents", "getevent", "listeventruns", "getrun", "listrunjobs",
                "cancelrun", "listfunctions");
    }

    @Test
    void everyCapabilityToolIsServedWithItsDescriptionParametersAndHints() {
        for (JsonNode declared : capabilityTools) {
            String name = declared.path("name").asText();
            Tool tool = served.get(name);
            assertThat(tool).as(name).isNotNull();
            assertThat(tool.description()).as(name).isEqualTo(declared.path("description").asText());

            JsonNode hints = declared.path("hints");
            assertThat(tool.annotations()).as(name).isEqualTo(new ToolAnnotations(
                    null, hints.path("readOnly").asBoolean(),
                    hints.path("destructive").asBoolean(), hints.path("idempotent").asBoolean(), null, null));

            Map<String, Object> properties = properties(tool);
            List<String> required = required(tool);
            Set<String> declaredNames = new HashSet<>();
            for (JsonNode parameter : declared.path("inputParameters")) {
                String parameterName = parameter.path("name").asText();
                declaredNames.add(parameterName);
                @SuppressWarnings("unchecked")
                Map<String, Object> property = (Map<String, Object>) properties.get(parameterName);
                assertThat(property).as(name + "." + parameterName).isNotNull();
                assertThat(property.get("type")).as(name + "." + parameterName + " type")
                        .isEqualTo(parameter.path("type").asText());
                assertThat(property.get("description")).as(name + "." + parameterName + " description")
                        .isEqualTo(parameter.path("description").asText());
                assertThat(required.contains(parameterName)).as(name + "." + parameterName + " required")
                        .isEqualTo(parameter.path("required").asBoolean(false));
            }
            Set<String> extra = new HashSet<>(properties.keySet());
            extra.removeAll(declaredNames);
            assertThat(extra).as(name + ": parameters beyond the capability")
                    .isEqualTo(ADDED_PARAMETERS.getOrDefault(name, Set.of()));
        }
    }

    @Test
    void theReadsAreReadOnlyAndIdempotentAndTheWritesNeither() {
        for (String read : List.of("listevents", "getevent", "listeventruns", "getrun", "listrunjobs", "listfunctions")) {
            assertThat(served.get(read).annotations().readOnlyHint()).as(read).isTrue();
            assertThat(served.get(read).annotations().idempotentHint()).as(read).isTrue();
        }
        for (String write : List.of("sendevents", "cancelrun")) {
            assertThat(served.get(write).annotations()).as(write).isEqualTo(new ToolAnnotations(
                    null, false, false, false,
                    null, null));
        }
    }

    @Test
    void theThreeToolsBeyondTheCapabilityAddRunsAndRemoveNothing() {
        assertThat(served).containsOnlyKeys("sendevents", "listevents", "getevent", "listeventruns", "getrun", "listrunjobs",
                "cancelrun", "listfunctions", "sendsignal", "invokefunction", "rerunrun");
        for (String added : List.of("sendsignal", "invokefunction", "rerunrun")) {
            // each call starts or resumes a run again, and deletes nothing
            assertThat(served.get(added).annotations()).as(added)
                    .isEqualTo(new ToolAnnotations(null, false, false, false, null, null));
            assertThat(served.get(added).description()).as(added).isNotBlank();
        }
        assertThat(required(served.get("sendsignal"))).containsExactly("signal");
        assertThat(required(served.get("invokefunction"))).containsExactly("appId", "functionId");
        assertThat(properties(served.get("invokefunction"))).containsOnlyKeys("appId", "functionId", "data", "idempotencyKey");
        assertThat(required(served.get("rerunrun"))).containsExactly("runId");
    }

    @Test
    void aMisspeltArgumentIsNotAccepted() {
        for (Tool tool : served.values()) {
            assertThat(tool.inputSchema().get("additionalProperties")).as(tool.name()).isEqualTo(false);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Tool tool) {
        return (Map<String, Object>) tool.inputSchema().getOrDefault("properties", Map.of());
    }

    @SuppressWarnings("unchecked")
    private static List<String> required(Tool tool) {
        return (List<String>) tool.inputSchema().getOrDefault("required", List.of());
    }
}
